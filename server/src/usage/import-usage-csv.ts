// Imports a usage CSV streamed from anywhere (an HTTP body, a file): reads it chunk by chunk,
// stores valid records in batches (one transaction each, multi-row inserts), quarantines each
// invalid line as its own item, and keeps an import row with the counts. The file is pulled
// chunk by chunk only as fast as batches are written (backpressure), so memory holds one chunk
// and one batch, whatever the file's size.

import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { usageImports } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { keepRunAlive, newRunHolder, runLeaseExpiry } from '../db/run-holder.js';
import { interruptOrphanedUsageImports } from './interrupt-orphaned-usage-runs.js';
import type { BillingContext } from '../billing/billing-context.js';
import { addUsageRecords, USAGE_RECORDS_PER_TRANSACTION, type KeyedUsageRecord } from './add-usage-records.js';
import { readUsageCsv, UsageCsvHeaderError, type UsageCsvSource } from './csv/read-usage-csv.js';
import { quarantineUsage, type UsageQuarantineItem } from './quarantine-usage.js';
import { usageProblems } from './rating/usage-reasons.js';

export type UsageImportReport = {
  importId: number;
  status: 'completed' | 'failed';
  linesRead: number;
  recordsAdded: number;
  duplicates: number;
  invalid: number;
  /** The first invalid lines (all of them are in the quarantine). */
  invalidLines: { line: number; errors: readonly string[] }[];
  error: string | null;
};

const REPORTED_INVALID_LINES = 100;

export async function importUsageCsv(
  ctx: BillingContext,
  input: { source: UsageCsvSource; fileName: string | null },
): Promise<UsageImportReport> {
  const holder = newRunHolder();
  const importId = await ctx.db.transaction(async (tx) => {
    // Imports may run side by side (records are keyed), so none waits for another; but one
    // whose process died is told apart here too, not only when a server starts.
    await interruptOrphanedUsageImports(tx);
    const [row] = await tx
      .insert(usageImports)
      .values({
        source: 'csv',
        fileName: input.fileName,
        status: 'running',
        linesRead: 0,
        recordsAdded: 0,
        duplicates: 0,
        invalid: 0,
        startedAt: ctx.now.toISOString(),
        holder,
        leaseExpiresAt: runLeaseExpiry(),
      })
      .returning({ id: usageImports.id });
    return row.id;
  });
  // Renewed on a timer: the file may arrive slowly, with no batch to write for a while.
  const heartbeat = keepRunAlive(() =>
    ctx.db.transaction((tx) =>
      tx
        .update(usageImports)
        .set({ leaseExpiresAt: runLeaseExpiry() })
        .where(and(eq(usageImports.id, importId), eq(usageImports.holder, holder))),
    ),
  );
  try {
    return await readAndStore(ctx, input, importId);
  } catch (error) {
    await ctx.db
      .update(usageImports)
      .set({ status: 'failed', error: (error as Error).message.slice(0, 500), finishedAt: ctx.now.toISOString(), leaseExpiresAt: null })
      .where(eq(usageImports.id, importId));
    throw error;
  } finally {
    heartbeat.stop();
  }
}

async function readAndStore(
  ctx: BillingContext,
  input: { source: UsageCsvSource; fileName: string | null },
  importId: number,
): Promise<UsageImportReport> {
  const report: UsageImportReport = {
    importId,
    status: 'completed',
    linesRead: 0,
    recordsAdded: 0,
    duplicates: 0,
    invalid: 0,
    invalidLines: [],
    error: null,
  };

  let pending: KeyedUsageRecord[] = [];
  let invalidItems: UsageQuarantineItem[] = [];
  // One transaction per batch of records, written once the batch is read: the write lock is
  // never held while waiting for the next chunk of the file.
  const flush = async () => {
    if (pending.length === 0 && invalidItems.length === 0) return;
    const records = pending;
    const items = invalidItems;
    pending = [];
    invalidItems = [];
    await ctx.db.transaction(async (tx) => {
      const { added, duplicates } = await addUsageRecords(tx, { importId, records, now: ctx.now });
      await quarantineUsage(tx, items, ctx.now);
      // The counts commit with the batch: an import whose process is killed says how far it got.
      await tx
        .update(usageImports)
        .set({
          linesRead: report.linesRead,
          recordsAdded: report.recordsAdded + added,
          duplicates: report.duplicates + duplicates,
          invalid: report.invalid,
        })
        .where(eq(usageImports.id, importId));
      report.recordsAdded += added;
      report.duplicates += duplicates;
    });
  };

  try {
    for await (const batch of readUsageCsv(input.source)) {
      for (const item of batch) {
        report.linesRead++;
        if (item.ok) {
          pending.push(item);
          continue;
        }
        report.invalid++;
        if (report.invalidLines.length < REPORTED_INVALID_LINES) report.invalidLines.push({ line: item.line, errors: item.errors });
        invalidItems.push({
          entity: 'usage_line',
          externalId: createHash('sha256').update(item.raw).digest('base64url'),
          problem: usageProblems.invalidRecord(item.errors),
          details: { importId, fileName: input.fileName, line: item.line, errors: item.errors, text: item.raw },
        });
      }
      if (pending.length >= USAGE_RECORDS_PER_TRANSACTION || invalidItems.length >= 500) await flush();
    }
    await flush();
  } catch (error) {
    if (!(error instanceof UsageCsvHeaderError)) throw error;
    report.status = 'failed';
    report.error = error.message;
  }

  await ctx.db.transaction(async (tx) => {
    await tx
      .update(usageImports)
      .set({
        status: report.status,
        linesRead: report.linesRead,
        recordsAdded: report.recordsAdded,
        duplicates: report.duplicates,
        invalid: report.invalid,
        error: report.error,
        finishedAt: ctx.now.toISOString(),
        leaseExpiresAt: null,
      })
      .where(eq(usageImports.id, importId));
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'usage.imported',
      entity: 'usage_import',
      entityId: String(importId),
      details: {
        fileName: input.fileName,
        linesRead: report.linesRead,
        recordsAdded: report.recordsAdded,
        duplicates: report.duplicates,
        invalid: report.invalid,
        error: report.error,
      },
      requestId: ctx.requestId,
    });
  });
  return report;
}
