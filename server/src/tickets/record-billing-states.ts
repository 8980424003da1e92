import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { charges } from '../db/schema/charges.js';
import { invoices } from '../db/schema/invoices.js';
import { syncQuarantine } from '../db/schema/sync-quarantine.js';
import { chargeSource } from '../sync/stream-def.js';
import { RECOMMENDED_FIX, type QuarantineReason } from '../quarantine/reasons.js';
import type { TimeEntryBillingStatus } from '../../../shared/schemas/ticket-billing.js';

/** The ConnectWise records a ticket carries, as the sync names them in charge sources and the quarantine. */
const RECORD_KINDS = {
  time: { chargeKind: 'time', quarantineEntity: 'time_entry' },
  product: { chargeKind: 'product', quarantineEntity: 'product' },
  expense: { chargeKind: 'expense', quarantineEntity: 'expense' },
} as const;
export type TicketRecordKind = keyof typeof RECORD_KINDS;

/**
 * Where each ConnectWise record (time entry, product sale, expense) stands on
 * our side: quarantined (and why), a pending charge, on a draft invoice, or on
 * an approved invoice (#). Records we have not seen yet are absent.
 */
export async function recordBillingStates(
  db: DbOrTx,
  kind: TicketRecordKind,
  recordIds: number[],
): Promise<Map<number, TimeEntryBillingStatus>> {
  const { chargeKind, quarantineEntity } = RECORD_KINDS[kind];
  const states = new Map<number, TimeEntryBillingStatus>();
  if (recordIds.length === 0) return states;
  const sources = recordIds.map((id) => chargeSource(chargeKind, id));
  const chargeRows = await db
    .select({
      source: charges.source,
      chargeId: charges.id,
      amountCents: charges.amountCents,
      invoiceId: charges.invoiceId,
      invoiceNumber: invoices.number,
      invoiceStatus: invoices.status,
    })
    .from(charges)
    .leftJoin(invoices, eq(invoices.id, charges.invoiceId))
    .where(inArray(charges.source, sources));
  const quarantined = await db
    .select()
    .from(syncQuarantine)
    .where(
      and(
        eq(syncQuarantine.kind, 'sync'),
        eq(syncQuarantine.entity, quarantineEntity),
        eq(syncQuarantine.status, 'open'),
        inArray(syncQuarantine.externalId, recordIds.map(String)),
      ),
    );

  for (const row of chargeRows) {
    const id = Number(row.source.split(':').pop());
    if (row.invoiceId === null) states.set(id, { status: 'pending', chargeId: row.chargeId, chargeAmountCents: row.amountCents });
    else
      states.set(id, {
        status: row.invoiceStatus === 'approved' ? 'invoiced' : 'draft-invoice',
        chargeId: row.chargeId,
        chargeAmountCents: row.amountCents,
        invoiceId: row.invoiceId,
        invoiceNumber: row.invoiceNumber,
      });
  }
  // An open quarantine item outranks a charge: it is what someone must act on.
  for (const item of quarantined) {
    const reason = item.reason as QuarantineReason;
    states.set(Number(item.externalId), {
      ...(states.get(Number(item.externalId)) ?? {}),
      status: 'quarantined',
      quarantine: { id: item.id, reason, fix: RECOMMENDED_FIX[reason] ?? 'See the quarantine for details.' },
    });
  }
  return states;
}
