import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { syncRecords } from '../db/schema/index.js';
import type { ConnectWiseClient } from './cw/client.js';
import { ConnectWiseRejectedError } from './cw/errors.js';
import { completedCursor, cwTimeFromDateHeader, readCheckpoint, saveCheckpoint, type Pass } from './checkpoints.js';
import { decisionsFor, quarantineRecords, resolveRecords, type QuarantineItem } from './quarantine/quarantine-store.js';
import { contentHash, nextCursor, type ApplyItem, type ApplyOutcome, type StreamDef, type SyncContext, type SyncRecordRow } from './stream-def.js';

export interface StreamCounts {
  added: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  skipped: number;
  deleted: number;
}
export const zeroCounts = (): StreamCounts => ({ added: 0, updated: 0, unchanged: 0, quarantined: 0, skipped: 0, deleted: 0 });

export interface RunStreamInput {
  def: StreamDef<{ id: number }, unknown>;
  cw: ConnectWiseClient;
  ctx: SyncContext;
  mode: 'incremental' | 'full';
  runId: number;
  pageSize?: number;
  /** Called after each saved page (the lease is renewed there; tests kill the process there). */
  afterPage?: () => Promise<void>;
}

/**
 * The runner (STYLE.md §11): fetch page → parse → map → upsert by (stream, id) with a
 * content hash → save the checkpoint → next page. Replaying a page is harmless: unchanged
 * hashes are skipped and charges are unique per ConnectWise record.
 */
export async function runStream({ def, cw, ctx, mode, runId, pageSize = 1000, afterPage }: RunStreamInput): Promise<StreamCounts> {
  const counts = zeroCounts();
  const checkpoint = await readCheckpoint(ctx.db, def.name);
  const cursor = checkpoint?.cursor ?? null;
  // Resume the pass a killed run left behind (same mode), else start a new one.
  let pass: Pass =
    checkpoint?.pass && checkpoint.pass.mode === mode
      ? checkpoint.pass
      : { mode, since: mode === 'full' ? null : cursor, afterId: 0, maxSeen: cursor, runId, cwStart: null };
  const conditions = [def.conditions, pass.since ? `lastUpdated >= [${pass.since}]` : undefined].filter(Boolean).join(' and ') || undefined;
  let firstDate: string | null = null;
  const pages = cw.pages<unknown>(def.path, { conditions }, pageSize, {
    afterId: pass.afterId,
    onResponse: (headers) => {
      firstDate ??= cwTimeFromDateHeader(headers.get('date'));
    },
  });
  for await (const page of pages) {
    await processPage(def, page, ctx, counts, mode === 'full' ? pass.runId : null);
    let state = { maxSeen: pass.maxSeen, afterId: pass.afterId };
    for (const raw of page) state = nextCursor(state, raw as { id: number; _info?: { lastUpdated?: string } });
    pass = { ...pass, ...state, cwStart: pass.cwStart ?? firstDate };
    await saveCheckpoint(ctx.db, def.name, { cursor, pass }, ctx.now);
    await afterPage?.();
  }
  if (mode === 'full') counts.deleted += await sweepDeleted(def, ctx, pass.runId);
  await saveCheckpoint(ctx.db, def.name, { cursor: completedCursor(cursor, pass.maxSeen, pass.cwStart ?? firstDate), pass: null }, ctx.now);
  return counts;
}

/** One page through parse → map → apply → record. Exported for callbacks and retries (a page of one). */
export async function processPage(def: StreamDef<{ id: number }, unknown>, page: unknown[], ctx: SyncContext, counts: StreamCounts, fullRunId: number | null, force = false): Promise<ApplyOutcome[]> {
  const quarantine: QuarantineItem[] = [];
  const parsed: { raw: { id: number }; row: unknown; hash: string }[] = [];
  for (const raw of page) {
    const result = def.schema.safeParse(raw);
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
    if (!result.success) {
      // Schema drift never crashes the run and is never dropped silently (STYLE.md §12).
      if (id !== null) quarantine.push({ entity: def.entity, externalId: String(id), reason: 'invalid_record', details: { issues: result.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`) } });
      counts.quarantined++;
      continue;
    }
    try {
      const row = def.toRow(result.data, ctx.currency);
      parsed.push({ raw: result.data, row, hash: contentHash(row) });
    } catch (error) {
      quarantine.push({ entity: def.entity, externalId: String(def.key(result.data)), reason: 'invalid_record', details: { message: (error as Error).message } });
      counts.quarantined++;
    }
  }
  const ids = parsed.map((p) => def.key(p.raw));
  const existingRows = ids.length ? await ctx.db.select().from(syncRecords).where(and(eq(syncRecords.stream, def.name), inArray(syncRecords.externalId, ids))) : [];
  const existing = new Map<number, SyncRecordRow>(existingRows.map((r) => [r.externalId, r]));
  const decisions = await decisionsFor(ctx.db, def.entity, ids.map(String));

  const toApply: ApplyItem<unknown>[] = [];
  const unchangedIds: number[] = [];
  for (const p of parsed) {
    const externalId = def.key(p.raw);
    const before = existing.get(externalId);
    if (!force && before && before.contentHash === p.hash && (before.outcome === 'synced' || before.outcome === 'skipped')) {
      unchangedIds.push(externalId);
      continue;
    }
    toApply.push({ externalId, row: p.row, hash: p.hash, existing: before, decision: decisions.get(String(externalId)) });
  }
  counts.unchanged += unchangedIds.length;
  if (fullRunId !== null && unchangedIds.length > 0) {
    await ctx.db.update(syncRecords).set({ seenInFullRun: fullRunId }).where(and(eq(syncRecords.stream, def.name), inArray(syncRecords.externalId, unchangedIds)));
  }
  const outcomes = toApply.length ? await def.apply(toApply, ctx) : [];
  const at = ctx.now.toISOString();
  const resolved: string[] = [];
  const values = outcomes.map((o, index) => {
    const item = toApply[index];
    const before = item.existing;
    if (o.outcome === 'synced') {
      resolved.push(String(o.externalId));
      if (before?.outcome === 'synced') counts.updated++;
      else counts.added++;
    } else if (o.outcome === 'skipped') {
      resolved.push(String(o.externalId));
      counts.skipped++;
    } else {
      quarantine.push({ entity: def.entity, externalId: String(o.externalId), reason: o.reason, details: o.details });
      counts.quarantined++;
    }
    const lastUpdated = ((page.find((r) => (r as { id: number }).id === o.externalId) as { _info?: { lastUpdated?: string } }) ?? {})._info?.lastUpdated ?? null;
    return {
      stream: def.name,
      externalId: o.externalId,
      contentHash: item.hash,
      lastUpdated,
      outcome: o.outcome,
      // A quarantined record keeps what it became before (a charge stays that record's charge).
      target: o.outcome === 'synced' ? o.target : (before?.target ?? null),
      explanation: o.outcome === 'synced' ? (o.explanation ?? null) : (before?.explanation ?? null),
      seenInFullRun: fullRunId ?? before?.seenInFullRun ?? null,
      updatedAt: at,
    };
  });
  await ctx.db.transaction(async (tx) => {
    for (let i = 0; i < values.length; i += 300) {
      await tx
        .insert(syncRecords)
        .values(values.slice(i, i + 300))
        .onConflictDoUpdate({
          target: [syncRecords.stream, syncRecords.externalId],
          set: {
            contentHash: sql`excluded.content_hash`,
            lastUpdated: sql`excluded.last_updated`,
            outcome: sql`excluded.outcome`,
            target: sql`excluded.target`,
            explanation: sql`excluded.explanation`,
            seenInFullRun: sql`excluded.seen_in_full_run`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
    }
    await quarantineRecords(tx, quarantine, ctx.now);
    await resolveRecords(tx, def.entity, resolved, ctx.now);
  });
  return outcomes;
}

/**
 * After a full pass: records we hold that ConnectWise no longer lists were deleted there.
 * Deleting billed work after the fact is surfaced (deleted_after_billing), never undone silently.
 */
async function sweepDeleted(def: StreamDef<{ id: number }, unknown>, ctx: SyncContext, runId: number): Promise<number> {
  const gone = await ctx.db
    .select()
    .from(syncRecords)
    .where(and(eq(syncRecords.stream, def.name), ne(syncRecords.outcome, 'deleted'), or(isNull(syncRecords.seenInFullRun), ne(syncRecords.seenInFullRun, runId))));
  if (gone.length === 0) return 0;
  await markDeleted(def, ctx, gone);
  return gone.length;
}

export async function markDeleted(def: StreamDef<{ id: number }, unknown>, ctx: SyncContext, gone: SyncRecordRow[]): Promise<void> {
  const charged = gone.filter((g) => g.target?.startsWith('connectwise:'));
  const charges = await ctx.billing.chargesBySource(charged.map((g) => g.target!));
  const quarantine: QuarantineItem[] = [];
  for (const g of charged) {
    const charge = charges.get(g.target!);
    if (!charge) continue;
    const billed = charge.invoiceId !== null && charge.invoiceStatus === 'approved';
    quarantine.push({
      entity: def.entity,
      externalId: String(g.externalId),
      reason: billed ? 'deleted_after_billing' : 'changed_after_charge',
      details: { deletedInConnectWise: true, chargeId: charge.chargeId, invoiceId: charge.invoiceId, invoiceNumber: charge.invoiceNumber },
    });
  }
  await ctx.db.transaction(async (tx) => {
    const ids = gone.map((g) => g.externalId);
    for (let i = 0; i < ids.length; i += 500) {
      await tx.update(syncRecords).set({ outcome: 'deleted', updatedAt: ctx.now.toISOString() }).where(and(eq(syncRecords.stream, def.name), inArray(syncRecords.externalId, ids.slice(i, i + 500))));
    }
    await quarantineRecords(tx, quarantine, ctx.now);
  });
}

/** Re-fetches one record and runs it through its stream (callbacks, quarantine retry). */
export async function syncOneRecord(def: StreamDef<{ id: number }, unknown>, cw: ConnectWiseClient, ctx: SyncContext, id: number, counts = zeroCounts()): Promise<ApplyOutcome | 'deleted'> {
  let raw: unknown;
  try {
    raw = await cw.get(`${def.path}/${id}`);
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404) {
      const [row] = await ctx.db.select().from(syncRecords).where(and(eq(syncRecords.stream, def.name), eq(syncRecords.externalId, id)));
      if (row && row.outcome !== 'deleted') await markDeleted(def, ctx, [row]);
      counts.deleted++;
      return 'deleted';
    }
    throw error;
  }
  const [outcome] = await processPage(def, [raw], ctx, counts, null, true);
  return outcome ?? { externalId: id, outcome: 'quarantined', reason: 'invalid_record', details: {} };
}
