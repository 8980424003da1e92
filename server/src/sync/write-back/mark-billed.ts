import { and, eq, isNull, like } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { charges, invoices, syncRecords } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/record-audit.js';
import type { ConnectWiseClient } from '../../connectwise/client.js';
import type { SyncOptions } from '../../settings/sync-options.js';

const PATHS: Record<string, string> = { time_entries: '/time/entries', products: '/procurement/products', expenses: '/expense/entries' };

type CustomField = { id: number; caption?: string; value?: unknown } & Record<string, unknown>;

/**
 * Billed once on both sides: once our invoice is approved, each ConnectWise record it
 * billed is marked in Manage through a documented writable field, a custom field holding
 * our invoice number. Manage takes custom fields only as the whole array (docs/connectwise/records.md#common-conventions),
 * so the record's array is read, our field set, and the whole array written back.
 * `status`/`invoice` are Manage-controlled (docs/connectwise/billed-in-manage.md) and never written. Every write is audited.
 */
export async function markBilledInConnectWise(input: {
  db: Db;
  cw: ConnectWiseClient;
  now: Date;
  options: SyncOptions;
  limit?: number;
}): Promise<{ marked: number; failed: string[] }> {
  const { db, cw, now, options } = input;
  const writeBack = options.writeBack;
  const failed: string[] = [];
  if (!writeBack) return { marked: 0, failed };
  const due = await db
    .select({
      stream: syncRecords.stream,
      externalId: syncRecords.externalId,
      contentHash: syncRecords.contentHash,
      invoiceNumber: invoices.number,
    })
    .from(syncRecords)
    .innerJoin(charges, eq(charges.source, syncRecords.target))
    .innerJoin(invoices, eq(invoices.id, charges.invoiceId))
    .where(and(like(syncRecords.target, 'connectwise:%'), isNull(syncRecords.markedInvoice), eq(invoices.status, 'approved')))
    .limit(input.limit ?? 5000);
  let marked = 0;
  for (const record of due) {
    const path = PATHS[record.stream];
    if (!path || !record.invoiceNumber) continue;
    try {
      const current = await cw.get<{ customFields?: CustomField[] }>(`${path}/${record.externalId}`);
      const fields = [...(current.customFields ?? [])];
      const index = fields.findIndex((f) => f.id === writeBack.customFieldId);
      const ours: CustomField = {
        ...(index >= 0 ? fields[index] : {}),
        id: writeBack.customFieldId,
        caption: writeBack.caption,
        value: record.invoiceNumber,
      };
      if (index >= 0) fields[index] = ours;
      else fields.push(ours);
      await cw.patch(`${path}/${record.externalId}`, [{ op: 'replace', path: 'customFields', value: fields }]);
      await db.transaction(async (tx) => {
        await tx
          .update(syncRecords)
          .set({
            markedInvoice: record.invoiceNumber,
            billedInvoice: record.invoiceNumber,
            billedHash: record.contentHash,
            updatedAt: now.toISOString(),
          })
          .where(and(eq(syncRecords.stream, record.stream), eq(syncRecords.externalId, record.externalId)));
        await recordAudit(tx, {
          at: now,
          actor: 'sync:connectwise',
          action: 'connectwise.mark_billed',
          entity: `connectwise.${record.stream}`,
          entityId: String(record.externalId),
          details: {
            path: `${path}/${record.externalId}`,
            customFieldId: writeBack.customFieldId,
            caption: writeBack.caption,
            invoiceNumber: record.invoiceNumber,
          },
        });
      });
      marked++;
    } catch (error) {
      failed.push(`write-back ${record.stream} ${record.externalId}: ${(error as Error).message}`);
    }
  }
  return { marked, failed };
}
