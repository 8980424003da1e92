// Stores validated usage records, idempotently: the unique record key means a record seen
// before is skipped by the database itself (`on conflict do nothing`), so the same file (or
// batch) twice adds nothing. What was added joins the rating queue in the same transaction.

import { gt, max } from 'drizzle-orm';
import { insertRows } from '../db/insert-rows.js';
import type { Tx } from '../db/client.js';
import { usageRatingQueue, usageRecords } from '../db/schema/index.js';
import type { UsageRecord } from './usage-record.js';

export type KeyedUsageRecord = { readonly key: string; readonly record: UsageRecord };

// Rows per INSERT statement (12 columns a row: 6,000 bound values). Measured on 1,000,000
// records: 500 is as fast as 2,000 and keeps each statement's bound copy small.
export const USAGE_INSERT_CHUNK = 500;
/**
 * Records per transaction of an import: few commits (each one a WAL sync), short write locks,
 * and a batch small enough to keep the heap small (V8 grows it to a multiple of what is live:
 * 25,000 took the process's peak near 300 MB, BENCHMARKS.md).
 */
export const USAGE_RECORDS_PER_TRANSACTION = 10_000;

// One object for every call: insertRows keeps its statements by it.
const SKIP_KNOWN_KEYS = { chunkSize: USAGE_INSERT_CHUNK, onConflict: { doNothing: { target: usageRecords.recordKey } } };

/** Inserts the records in `tx`, in multi-row statements, and queues them for rating; returns how many were new. */
export async function addUsageRecords(
  tx: Tx,
  input: { importId: number; records: readonly KeyedUsageRecord[]; now: Date },
): Promise<{ added: number; duplicates: number }> {
  const createdAt = input.now.toISOString();
  // Ids only grow (AUTOINCREMENT) and this transaction is the only writer: every record above
  // the highest id before it is one it added.
  const [{ lastId }] = await tx.select({ lastId: max(usageRecords.id) }).from(usageRecords);
  let added = 0;
  // Rows are built a statement's worth at a time: a batch of records is not copied whole.
  for (let i = 0; i < input.records.length; i += USAGE_INSERT_CHUNK) {
    const rows = input.records.slice(i, i + USAGE_INSERT_CHUNK).map(({ key, record }) => ({
      recordKey: key,
      importId: input.importId,
      serviceIdentifier: record.serviceIdentifier,
      startTime: record.startTime,
      quantityMilli: record.quantityMilli,
      unit: record.unit,
      usageClass: record.usageClass,
      costCents: record.costCents,
      costCurrency: record.costCurrency,
      carrierRecordId: record.carrierRecordId,
      status: 'accepted' as const,
      createdAt,
    }));
    added += await insertRows(tx, usageRecords, rows, SKIP_KNOWN_KEYS);
  }
  if (added > 0) {
    await tx.insert(usageRatingQueue).select(
      tx
        .select({ startTime: usageRecords.startTime, recordId: usageRecords.id })
        .from(usageRecords)
        .where(gt(usageRecords.id, lastId ?? 0)),
    );
  }
  return { added, duplicates: input.records.length - added };
}
