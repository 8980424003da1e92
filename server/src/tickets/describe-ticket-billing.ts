import { parseQuantityMilli } from '../../../shared/money.js';
import { formatHoursMilli } from '../../../shared/hours.js';
import type { TicketBilling } from '../../../shared/schemas/ticket-billing.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { ConnectWiseRejectedError } from '../connectwise/errors.js';
import { CwTicketSchema, CwTimeEntrySchema, type CwTimeEntry } from '../connectwise/schemas/time-entry.js';
import { describeTimeEntry } from '../sync/describe-time-entry.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { DbOrTx } from '../db/client.js';
import { recordBillingStates } from './record-billing-states.js';
import { describeTicketSales } from './describe-ticket-sales.js';
import { readSetting } from '../settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../settings/sync-options.js';

/**
 * Reads a ticket and its time entries from ConnectWise and says how each entry
 * bills, by the same rule the sync charges with (`sync/describe-time-entry.ts`).
 */
export async function describeTicketBilling(db: DbOrTx, cw: ConnectWiseClient, ticketId: number, currency: string): Promise<TicketBilling> {
  let rawTicket: unknown;
  try {
    rawTicket = await cw.get(`/service/tickets/${ticketId}`);
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404)
      throw new NotFoundError(`Ticket ${ticketId} was not found in ConnectWise.`);
    throw error;
  }
  const ticket = CwTicketSchema.parse(rawTicket);
  const rawEntries = await cw.listAll<unknown>('/time/entries', {
    conditions: `chargeToType = "ServiceTicket" and chargeToId = ${ticketId}`,
  });
  const parsed = rawEntries.map((raw) => CwTimeEntrySchema.parse(raw));
  const states = await recordBillingStates(
    db,
    'time',
    parsed.map((e) => e.id),
  );
  const { approvedStatuses } = await readSetting(db, SYNC_OPTIONS_KEY, SyncOptionsSchema);
  // Billable work we have not taken yet either waits for approval in ConnectWise or for the next sync.
  const unseen = (entry: CwTimeEntry) =>
    entry.billableOption !== 'DoNotBill' &&
    entry.billableOption !== 'NoDefault' &&
    !(approvedStatuses as string[]).includes(entry.status ?? '')
      ? ({ status: 'waiting-approval' } as const)
      : ({ status: 'not-pushed' } as const);
  const timeEntries = parsed.map((entry) => ({ ...describeTimeEntry(entry, currency), billing: states.get(entry.id) ?? unseen(entry) }));
  const billable = timeEntries.filter((e) => e.state === 'billable');
  const billableMilli = billable.reduce((sum, e) => sum + parseQuantityMilli(e.billedHours), 0);
  const { products, expenses } = await describeTicketSales(db, cw, ticketId, currency);
  return {
    ticket: { id: ticket.id, summary: ticket.summary, companyName: ticket.company?.name ?? null, companyId: ticket.company?.id ?? null },
    timeEntries,
    products,
    expenses,
    totals: {
      billableCents: billable.reduce((sum, e) => sum + e.amountCents, 0),
      currency,
      billableHours: formatHoursMilli(billableMilli),
    },
  };
}
