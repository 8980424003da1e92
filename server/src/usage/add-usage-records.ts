// Stores validated usage records, idempotently: the unique record key means a record seen
// before is skipped by the database itself, so the same file (or batch) twice adds nothing.

import { usageRecords } from '../db/schema/index.js';
import type { DbOrTx } from '../db/client.js';
import type { UsageRecord } from './usage-record.js';

export type KeyedUsageRecord = { readonly key: string; readonly record: UsageRecord };

// 13 columns a row: 2,000 rows stay under SQLite's 32,766 bound parameters.
export const USAGE_INSERT_CHUNK = 2000;

export async function addUsageRecords(db: DbOrTx, input: { importId: number; records: readonly KeyedUsageRecord[]; now: Date }): Promise<{ added: number; duplicates: number }> {
  const createdAt = input.now.toISOString();
  let added = 0;
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
      status: 'pending' as const,
      createdAt,
    }));
    const result = await db.insert(usageRecords).values(rows).onConflictDoNothing({ target: usageRecords.recordKey });
    added += result.rowsAffected;
  }
  return { added, duplicates: input.records.length - added };
}
