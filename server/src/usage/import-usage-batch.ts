// Imports a batch of usage records sent through the API. Each record is validated like a CSV
// line; invalid ones are refused by index in the answer (the caller holds the data and can fix
// it), valid ones are stored idempotently.

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { usageImports } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from '../billing/billing-context.js';
import { parseInput } from '../billing/input-schemas.js';
import { addUsageRecords, type KeyedUsageRecord } from './add-usage-records.js';
import { usageRecordKey } from './record-key.js';
import { parseUsageFields } from './usage-record.js';

const Text = z.string().max(1000).nullable().optional();
const TextOrNumber = z
  .union([z.string().max(100), z.number()])
  .nullable()
  .optional();

export const UsageRecordBody = z.object({
  serviceIdentifier: Text,
  startTime: Text,
  quantity: TextOrNumber,
  unit: Text,
  usageClass: Text,
  costCents: TextOrNumber,
  costCurrency: Text,
  carrierRecordId: Text,
});

export const MAX_USAGE_BATCH = 5000;
export const ImportUsageBatchInput = z.object({ records: z.array(UsageRecordBody).min(1).max(MAX_USAGE_BATCH) });
export type ImportUsageBatchInput = z.input<typeof ImportUsageBatchInput>;

export type UsageBatchReport = {
  importId: number;
  recordsAdded: number;
  duplicates: number;
  invalid: { index: number; errors: string[] }[];
};

export async function importUsageBatch(ctx: BillingContext, input: ImportUsageBatchInput): Promise<UsageBatchReport> {
  const { records } = parseInput(ImportUsageBatchInput, input);
  const valid: KeyedUsageRecord[] = [];
  const invalid: UsageBatchReport['invalid'] = [];
  for (const [index, fields] of records.entries()) {
    // A JSON number quantity is read through its shortest text, which is exact for thousandths.
    const parsed = parseUsageFields({
      ...fields,
      quantity: typeof fields.quantity === 'number' ? String(fields.quantity) : fields.quantity,
    });
    if (parsed.ok) valid.push({ key: usageRecordKey(parsed.record), record: parsed.record });
    else invalid.push({ index, errors: parsed.errors });
  }
  return ctx.db.transaction(async (tx) => {
    const [{ id: importId }] = await tx
      .insert(usageImports)
      .values({
        source: 'api',
        fileName: null,
        status: 'completed',
        linesRead: records.length,
        recordsAdded: 0,
        duplicates: 0,
        invalid: invalid.length,
        startedAt: ctx.now.toISOString(),
        finishedAt: ctx.now.toISOString(),
      })
      .returning({ id: usageImports.id });
    const { added, duplicates } = await addUsageRecords(tx, { importId, records: valid, now: ctx.now });
    await tx.update(usageImports).set({ recordsAdded: added, duplicates }).where(eq(usageImports.id, importId));
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'usage.imported',
      entity: 'usage_import',
      entityId: String(importId),
      details: { source: 'api', recordsAdded: added, duplicates, invalid: invalid.length },
      requestId: ctx.requestId,
    });
    return { importId, recordsAdded: added, duplicates, invalid };
  });
}
