import { insertRows } from '../db/insert-rows.js';
import { and, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../db/client.js';
import { syncRecords } from '../db/schema/index.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { ConnectWiseRejectedError } from '../connectwise/errors.js';
import { ConflictError } from '../errors/domain-errors.js';
import { completedCursor, cwTimeFromDateHeader, readCheckpoint, resumablePass, saveCheckpoint, type Pass } from './checkpoints.js';
import { quarantineRecords, quarantineRowsFor, resolveRecords, type QuarantineItem } from '../quarantine/quarantine-store.js';
import { inJsonList } from '../db/sql-json.js';
import { forgetTicketRecords, keepTicketRecords, type TicketRecordRead } from './synced-ticket-records.js';
import {
  contentHash,
  nextCursor,
  type ApplyItem,
  type ApplyOutcome,
  type StreamDef,
  type SyncContext,
  type SyncRecordRow,
} from './stream-def.js';

// A type, not an interface: it is stored as the run's per-stream counts (a record of numbers).
export type StreamCounts = {
  added: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  skipped: number;
  deleted: number;
};
export const zeroCounts = (): StreamCounts => ({ added: 0, updated: 0, unchanged: 0, quarantined: 0, skipped: 0, deleted: 0 });

/** Counts added up, key by key, into a new object. */
export function sumCounts(...all: StreamCounts[]): StreamCounts {
  const total = zeroCounts();
  for (const counts of all) for (const key of Object.keys(total) as (keyof StreamCounts)[]) total[key] += counts[key];
  return total;
}

export interface RunStreamInput {
  def: StreamDef<{ id: number }, unknown>;
  cw: ConnectWiseClient;
  ctx: SyncContext;
  mode: 'incremental' | 'full';
  runId: number;
  pageSize?: number;
  /** Called after each saved page (tests kill the process there). */
  afterPage?: () => Promise<void>;
  /** More writes that commit with each page, given the stream's counts with that page (the run's progress). */
  onPage?: (tx: Tx, counts: StreamCounts) => Promise<void>;
}

/**
 * The runner: fetch page → parse → map → upsert by (stream, id) with a
 * content hash → save the checkpoint → next page. Replaying a page is harmless: unchanged
 * hashes are skipped and charges are unique per ConnectWise record. A page and its
 * checkpoint commit in one transaction, and the next page is fetched while it is written.
 */
export async function runStream({ def, cw, ctx, mode, runId, pageSize = 1000, afterPage, onPage }: RunStreamInput): Promise<StreamCounts> {
  const counts = zeroCounts();
  const checkpoint = await readCheckpoint(ctx.db, def.name);
  const cursor = checkpoint?.cursor ?? null;
  // Resume the pass a killed run left behind (same mode), else start a new one.
  let pass: Pass = resumablePass(checkpoint, mode) ?? {
    mode,
    since: mode === 'full' ? null : cursor,
    afterId: 0,
    maxSeen: cursor,
    runId,
    cwStart: null,
  };
  const conditions = [def.conditions, pass.since ? `lastUpdated > [${pass.since}]` : undefined].filter(Boolean).join(' and ') || undefined;
  let firstDate: string | null = null;
  const pages = cw.pages<unknown>(def.path, { conditions, fields: def.fields }, pageSize, {
    afterId: pass.afterId,
    onResponse: (headers) => {
      firstDate ??= cwTimeFromDateHeader(headers.get('date'));
    },
  });
  for await (const page of fetchingAhead(pages)) {
    let state = { maxSeen: pass.maxSeen, afterId: pass.afterId };
    for (const raw of page)
      if (typeof (raw as { id?: unknown })?.id === 'number')
        state = nextCursor(state, raw as { id: number; _info?: { lastUpdated?: string } });
    const next: Pass = { ...pass, ...state, cwStart: pass.cwStart ?? firstDate, lastRunId: runId };
    await processPage({
      def,
      page,
      ctx,
      counts,
      fullRunId: mode === 'full' ? pass.runId : null,
      inTransaction: async (tx, pageCounts) => {
        await saveCheckpoint(tx, def.name, { cursor, pass: next }, ctx.now);
        await onPage?.(tx, sumCounts(counts, pageCounts));
      },
    });
    pass = next;
    await afterPage?.();
  }
  if (mode === 'full') counts.deleted += await sweepDeleted(def, ctx, pass.runId);
  await saveCheckpoint(ctx.db, def.name, { cursor: completedCursor(cursor, pass.maxSeen, pass.cwStart ?? firstDate), pass: null }, ctx.now);
  return counts;
}

/**
 * Asks for the next page as soon as this one is handed out, so ConnectWise serializes
 * page N+1 while page N is mapped and written. No extra request: the client stops by itself
 * after a short page. A failed fetch surfaces when its page is awaited.
 */
async function* fetchingAhead<T>(source: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = source.next();
  for (;;) {
    const result = await next;
    if (result.done) return;
    next = source.next();
    next.catch(() => undefined);
    yield result.value;
  }
}

export interface ProcessPageInput {
  def: StreamDef<{ id: number }, unknown>;
  page: unknown[];
  ctx: SyncContext;
  counts: StreamCounts;
  /** The full run that saw these records (deletion sweep); null outside a full pass. */
  fullRunId: number | null;
  /** Apply even records whose content hash is unchanged (callbacks, retries, push now). */
  force?: boolean;
  /** More writes that commit with the page (its checkpoint, the run's progress), given the page's own counts. */
  inTransaction?: (tx: Tx, pageCounts: StreamCounts) => Promise<void>;
}

/**
 * One page through parse → map → apply → record, in ONE transaction: the sync records,
 * the billing rows (each use case a savepoint), quarantine and checkpoint commit together.
 * Exported for callbacks, retries and push now (a page of one).
 */
export async function processPage({
  def,
  page,
  ctx,
  counts,
  fullRunId,
  force = false,
  inTransaction,
}: ProcessPageInput): Promise<ApplyOutcome[]> {
  const local = zeroCounts();
  const quarantine: QuarantineItem[] = [];
  const parsed: { externalId: number; row: unknown; hash: string; lastUpdated: string | null }[] = [];
  const unreadableIds: number[] = [];
  // What the ticket billing view keeps of a held ticket's records (an unreadable one leaves it).
  const ticketReads: TicketRecordRead[] | null = def.ticketRecord ? [] : null;
  for (const raw of page) {
    const result = def.isWellFormed?.(raw) ? { success: true as const, data: raw as { id: number } } : def.schema.safeParse(raw);
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
    if (!result.success) {
      // Schema drift never crashes the run and is never dropped silently: it becomes a quarantine item with its reason.
      if (id !== null) {
        unreadableIds.push(id);
        ticketReads?.push({ externalId: id, ticketId: null, record: {} });
        quarantine.push({
          entity: def.entity,
          externalId: String(id),
          reason: 'invalid_record',
          details: { issues: result.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`) },
        });
      }
      local.quarantined++;
      continue;
    }
    const externalId = def.key(result.data);
    if (ticketReads)
      ticketReads.push({ externalId, ticketId: def.ticketRecord!.ticketOf(result.data), record: result.data as Record<string, unknown> });
    try {
      const row = def.toRow(result.data, ctx.currency);
      const lastUpdated = (result.data as { _info?: { lastUpdated?: string } })._info?.lastUpdated ?? null;
      parsed.push({ externalId, row, hash: contentHash(row), lastUpdated });
    } catch (error) {
      unreadableIds.push(externalId);
      quarantine.push({
        entity: def.entity,
        externalId: String(externalId),
        reason: 'invalid_record',
        details: { message: (error as Error).message },
      });
      local.quarantined++;
    }
  }
  const ids = parsed.map((p) => p.externalId);
  let outcomes: ApplyOutcome[] = [];
  try {
    await ctx.db.transaction(async (tx) => {
      const pageCtx = ctx.within(tx);
      const existing = await syncRecordsFor(tx, def.name, ids);
      const quarantined = await quarantineRowsFor(tx, def.entity, ids.map(String));

      const toApply: (ApplyItem<unknown> & { lastUpdated: string | null })[] = [];
      const seenIds: number[] = [...unreadableIds];
      for (const p of parsed) {
        const before = existing.get(p.externalId);
        if (!force && before && before.contentHash === p.hash && (before.outcome === 'synced' || before.outcome === 'skipped')) {
          seenIds.push(p.externalId);
          local.unchanged++;
          continue;
        }
        const row = quarantined.get(String(p.externalId));
        const decision = row && (row.decision || row.status === 'ignored') ? row : undefined;
        toApply.push({ externalId: p.externalId, row: p.row, hash: p.hash, existing: before, decision, lastUpdated: p.lastUpdated });
      }
      if (fullRunId !== null) {
        if (seenIds.length > 0)
          await tx
            .update(syncRecords)
            .set({ seenInFullRun: fullRunId })
            .where(and(eq(syncRecords.stream, def.name), inJsonList(syncRecords.externalId, seenIds)));
      }
      outcomes = toApply.length ? await def.apply(toApply, pageCtx) : [];
      const at = ctx.now.toISOString();
      const resolved: string[] = [];
      const values = outcomes.map((o, index) => {
        const item = toApply[index];
        const before = item.existing;
        if (o.outcome === 'synced') {
          if (quarantined.get(String(o.externalId))?.status === 'open') resolved.push(String(o.externalId));
          if (before?.outcome === 'synced') local.updated++;
          else local.added++;
        } else if (o.outcome === 'skipped') {
          if (quarantined.get(String(o.externalId))?.status === 'open') resolved.push(String(o.externalId));
          local.skipped++;
        } else {
          quarantine.push({ entity: def.entity, externalId: String(o.externalId), reason: o.reason, details: o.details });
          local.quarantined++;
        }
        return {
          stream: def.name,
          externalId: o.externalId,
          contentHash: item.hash,
          lastUpdated: item.lastUpdated,
          outcome: o.outcome,
          // A quarantined record keeps what it became before (a charge stays that record's charge).
          target: o.outcome === 'synced' ? o.target : o.released ? null : (before?.target ?? null),
          explanation: o.outcome === 'synced' ? (o.explanation ?? null) : o.released ? null : (before?.explanation ?? null),
          seenInFullRun: fullRunId ?? before?.seenInFullRun ?? null,
          updatedAt: at,
        };
      });
      await upsertSyncRecords(tx, values);
      if (ticketReads) await keepTicketRecords(tx, def.ticketRecord!.kind, ticketReads, at);
      await quarantineRecords(tx, quarantine, ctx.now);
      if (resolved.length > 0) await resolveRecords(tx, def.entity, resolved, ctx.now);
      await inTransaction?.(tx, local);
    });
  } catch (error) {
    // What the run remembered from the rolled-back page (a product, a mapping) may not exist.
    await ctx.forget();
    throw error;
  }
  for (const key of Object.keys(local) as (keyof StreamCounts)[]) counts[key] += local[key];
  return outcomes;
}

/** The sync records of these ids in one stream, in one query. */
async function syncRecordsFor(db: DbOrTx, stream: string, ids: number[]): Promise<Map<number, SyncRecordRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(syncRecords)
    .where(and(eq(syncRecords.stream, stream), inJsonList(syncRecords.externalId, ids)));
  return new Map(rows.map((row) => [row.externalId, row]));
}

type SyncRecordValues = Pick<
  SyncRecordRow,
  'stream' | 'externalId' | 'contentHash' | 'lastUpdated' | 'outcome' | 'target' | 'explanation' | 'seenInFullRun' | 'updatedAt'
>;

/**
 * Upserts a page of sync records as bound multi-row VALUES (db/insert-rows.ts: one prepared
 * statement per shape, reused, values bound as they are). The columns not listed
 * (billed/marked invoice) are kept on conflict.
 */
async function upsertSyncRecords(tx: Tx, values: SyncRecordValues[]): Promise<void> {
  if (values.length === 0) return;
  await insertRows(tx, syncRecords, values, UPSERT_SYNC_RECORDS);
}

// One object for every page: insertRows keeps its statements by it (9 columns × 1,000 rows).
const UPSERT_SYNC_RECORDS = {
  chunkSize: 1000,
  onConflict: {
    doUpdate: {
      target: [syncRecords.stream, syncRecords.externalId],
      set: Object.fromEntries(
        (['contentHash', 'lastUpdated', 'outcome', 'target', 'explanation', 'seenInFullRun', 'updatedAt'] as const).map((key) => [
          key,
          sql.raw(`excluded.${syncRecords[key].name}`),
        ]),
      ),
    },
  },
};

/**
 * After a full pass: records we hold that ConnectWise no longer lists were deleted there.
 * A pending charge goes with its record; deleting billed work after the fact is surfaced
 * (deleted_after_billing), never undone silently.
 */
async function sweepDeleted(def: StreamDef<{ id: number }, unknown>, ctx: SyncContext, runId: number): Promise<number> {
  const gone = await ctx.db
    .select()
    .from(syncRecords)
    .where(
      and(
        eq(syncRecords.stream, def.name),
        ne(syncRecords.outcome, 'deleted'),
        or(isNull(syncRecords.seenInFullRun), ne(syncRecords.seenInFullRun, runId)),
      ),
    );
  if (gone.length === 0) return 0;
  await markDeleted(def, ctx, gone);
  return gone.length;
}

export async function markDeleted(
  def: StreamDef<{ id: number }, unknown>,
  ctx: SyncContext,
  gone: SyncRecordRow[],
): Promise<{ removedCharges: number }> {
  let removedCharges = 0;
  await ctx.db.transaction(async (tx) => {
    const txCtx = ctx.within(tx);
    const charged = gone.filter((g) => g.target?.startsWith('connectwise:'));
    const charges = await txCtx.billing.chargesBySource(charged.map((g) => g.target!));
    const quarantine: QuarantineItem[] = [];
    const released: number[] = [];
    for (const g of charged) {
      let charge = charges.get(g.target!);
      if (!charge) continue;
      if (charge.invoiceId === null) {
        try {
          await txCtx.billing.replacePendingCharge(g.target!, null, 'deleted in ConnectWise');
          released.push(g.externalId);
          removedCharges++;
          continue;
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          charge = (await txCtx.billing.chargesBySource([g.target!])).get(g.target!) ?? charge;
        }
      }
      const billed = charge.invoiceId !== null && charge.invoiceStatus === 'approved';
      quarantine.push({
        entity: def.entity,
        externalId: String(g.externalId),
        reason: billed ? 'deleted_after_billing' : 'changed_after_charge',
        details: {
          deletedInConnectWise: true,
          chargeId: charge.chargeId,
          invoiceId: charge.invoiceId,
          invoiceNumber: charge.invoiceNumber,
        },
      });
    }
    const at = ctx.now.toISOString();
    const ids = gone.map((g) => g.externalId);
    if (def.ticketRecord) await forgetTicketRecords(tx, def.ticketRecord.kind, ids);
    await tx
      .update(syncRecords)
      .set({ outcome: 'deleted', updatedAt: at })
      .where(and(eq(syncRecords.stream, def.name), inJsonList(syncRecords.externalId, ids)));
    // A removed charge is no longer what the record became.
    if (released.length > 0) {
      await tx
        .update(syncRecords)
        .set({ target: null, explanation: null })
        .where(and(eq(syncRecords.stream, def.name), inJsonList(syncRecords.externalId, released)));
      await resolveRecords(tx, def.entity, released.map(String), ctx.now);
    }
    await quarantineRecords(tx, quarantine, ctx.now);
  });
  return { removedCharges };
}

/** Re-fetches one record and runs it through its stream (callbacks, quarantine retry). */
export async function syncOneRecord(
  def: StreamDef<{ id: number }, unknown>,
  cw: ConnectWiseClient,
  ctx: SyncContext,
  id: number,
  counts = zeroCounts(),
): Promise<ApplyOutcome | 'deleted'> {
  let raw: unknown;
  try {
    raw = await cw.get(`${def.path}/${id}`, { fields: def.fields });
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404) {
      const [row] = await ctx.db
        .select()
        .from(syncRecords)
        .where(and(eq(syncRecords.stream, def.name), eq(syncRecords.externalId, id)));
      if (row && row.outcome !== 'deleted') await markDeleted(def, ctx, [row]);
      counts.deleted++;
      return 'deleted';
    }
    throw error;
  }
  if (def.inScope && typeof raw === 'object' && raw !== null && !def.inScope(raw as Record<string, unknown>)) {
    // Moved out of the stream's scope (time charged to a project now): off any ticket it was on.
    if (def.ticketRecord) await forgetTicketRecords(ctx.db, def.ticketRecord.kind, [id]);
    counts.skipped++;
    return { externalId: id, outcome: 'skipped', why: `not taken by the ${def.name} stream (${def.conditions})` };
  }
  const [outcome] = await processPage({ def, page: [raw], ctx, counts, fullRunId: null, force: true });
  return outcome ?? { externalId: id, outcome: 'quarantined', reason: 'invalid_record', details: {} };
}
