import { sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';

/**
 * How a run ends. 'interrupted': its process stopped (killed, machine restarted) before it
 * finished; the counts are what it had saved, page by page, and the next run resumes from the
 * checkpoints it left.
 */
export const SYNC_RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;

/** Where a run picked up what an earlier one left: that run, and each stream's pass in progress. */
export interface SyncResumedFrom {
  /** The latest run that saved one of these checkpoints (the interrupted one). */
  runId: number;
  streams: { stream: string; runId: number; mode: 'incremental' | 'full'; since: string | null; afterId: number }[];
}

/** One sync run (scheduled, manual, callback or CLI) and what it did. */
export const syncRuns = sqliteTable('sync_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  mode: text('mode', { enum: ['incremental', 'full', 'callback'] }).notNull(),
  trigger: text('trigger').notNull(),
  status: text('status', { enum: SYNC_RUN_STATUSES }).notNull(),
  /** The lease holder (`host:pid:nonce`) that runs it: a run whose holder is gone was interrupted. */
  holder: text('holder'),
  resumedFrom: text('resumed_from', { mode: 'json' }).$type<SyncResumedFrom>(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  durationMs: integer('duration_ms'),
  added: integer('added').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  quarantined: integer('quarantined').notNull().default(0),
  skipped: integer('skipped').notNull().default(0),
  deleted: integer('deleted').notNull().default(0),
  requests: integer('requests').notNull().default(0),
  errors: text('errors', { mode: 'json' }).$type<string[]>().notNull(),
  /** Per-stream counts. */
  streams: text('streams', { mode: 'json' }).$type<Record<string, Record<string, number>>>().notNull(),
});

/**
 * Where each stream stands: `cursor` is the `_info.lastUpdated` watermark of the last
 * completed pass; `pass` is the pass in progress (its lower bound and the last id done),
 * so a killed run resumes after the last saved page instead of starting over.
 */
export const syncCheckpoints = sqliteTable('sync_checkpoints', {
  stream: text('stream').primaryKey(),
  cursor: text('cursor'),
  pass: text('pass', { mode: 'json' }).$type<{
    mode: 'incremental' | 'full';
    since: string | null;
    afterId: number;
    maxSeen: string | null;
    runId: number;
    cwStart: string | null;
    /** The run that saved this page (`runId` started the pass; a resumed pass keeps it for the deletion sweep). */
    lastRunId?: number;
  } | null>(),
  updatedAt: text('updated_at').notNull(),
});

/** A lease so only one sync runs at a time, across processes. */
export const syncLeases = sqliteTable('sync_leases', {
  name: text('name').primaryKey(),
  holder: text('holder').notNull(),
  expiresAt: text('expires_at').notNull(),
});
