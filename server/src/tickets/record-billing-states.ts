import { and, eq } from 'drizzle-orm';
import { inJsonList } from '../db/sql-json.js';
import type { DbOrTx } from '../db/client.js';
import { charges } from '../db/schema/charges.js';
import { invoices } from '../db/schema/invoices.js';
import { syncQuarantine } from '../db/schema/sync-quarantine.js';
import { chargeSource } from '../sync/stream-def.js';
import { RECOMMENDED_FIX, type QuarantineReason } from '../quarantine/reasons.js';
import type { TimeEntryBillingStatus } from '../../../shared/schemas/ticket-billing.js';
import type { TicketRecordKind } from '../sync/synced-ticket-records.js';

/** The ConnectWise records a ticket carries, as the sync names them in charge sources and the quarantine. */
const RECORD_KINDS = {
  time: { chargeKind: 'time', quarantineEntity: 'time_entry' },
  product: { chargeKind: 'product', quarantineEntity: 'product' },
  expense: { chargeKind: 'expense', quarantineEntity: 'expense' },
} as const satisfies Record<TicketRecordKind, unknown>;

/**
 * Where each ConnectWise record (time entry, product sale, expense) stands on
 * our side: quarantined (and why), a pending charge, on a draft invoice, or on
 * an approved invoice (#). Records we have not seen yet are absent. One query for the
 * charges and one for the quarantine, whatever the kinds asked about (a ticket view asks
 * about all three on every call).
 */
export async function recordBillingStates(
  db: DbOrTx,
  recordIds: Partial<Record<TicketRecordKind, readonly number[]>>,
): Promise<Record<TicketRecordKind, Map<number, TimeEntryBillingStatus>>> {
  const states = { time: new Map(), product: new Map(), expense: new Map() } as Record<
    TicketRecordKind,
    Map<number, TimeEntryBillingStatus>
  >;
  const kinds = (Object.keys(RECORD_KINDS) as TicketRecordKind[]).filter((kind) => (recordIds[kind]?.length ?? 0) > 0);
  if (kinds.length === 0) return states;
  const sources = kinds.flatMap((kind) => recordIds[kind]!.map((id) => chargeSource(RECORD_KINDS[kind].chargeKind, id)));
  const kindOfSource = new Map(kinds.map((kind) => [`connectwise:${RECORD_KINDS[kind].chargeKind}`, kind]));
  const kindOfEntity = new Map<string, TicketRecordKind>(kinds.map((kind) => [RECORD_KINDS[kind].quarantineEntity, kind]));
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
    .where(inJsonList(charges.source, sources));
  const quarantined = await db
    .select()
    .from(syncQuarantine)
    .where(
      and(
        eq(syncQuarantine.kind, 'sync'),
        inJsonList(syncQuarantine.entity, [...kindOfEntity.keys()]),
        eq(syncQuarantine.status, 'open'),
        inJsonList(syncQuarantine.externalId, [...new Set(kinds.flatMap((kind) => recordIds[kind]!.map(String)))]),
      ),
    );

  for (const row of chargeRows) {
    const cut = row.source.lastIndexOf(':');
    const kind = kindOfSource.get(row.source.slice(0, cut));
    if (!kind) continue;
    const id = Number(row.source.slice(cut + 1));
    if (row.invoiceId === null) states[kind].set(id, { status: 'pending', chargeId: row.chargeId, chargeAmountCents: row.amountCents });
    else
      states[kind].set(id, {
        status: row.invoiceStatus === 'approved' ? 'invoiced' : 'draft-invoice',
        chargeId: row.chargeId,
        chargeAmountCents: row.amountCents,
        invoiceId: row.invoiceId,
        invoiceNumber: row.invoiceNumber,
      });
  }
  // An open quarantine item outranks a charge: it is what someone must act on.
  for (const item of quarantined) {
    const kind = kindOfEntity.get(item.entity);
    const id = Number(item.externalId);
    if (!kind || !recordIds[kind]!.includes(id)) continue;
    const reason = item.reason as QuarantineReason;
    states[kind].set(id, {
      ...(states[kind].get(id) ?? {}),
      status: 'quarantined',
      quarantine: { id: item.id, reason, fix: RECOMMENDED_FIX[reason] ?? 'See the quarantine for details.' },
    });
  }
  return states;
}
