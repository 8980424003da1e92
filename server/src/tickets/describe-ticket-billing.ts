import { parseQuantityMilli } from '../../../shared/money.js';
import { formatHoursMilli } from '../../../shared/hours.js';
import type { TicketBilling } from '../../../shared/schemas/ticket-billing.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import type { CwTimeEntry } from '../connectwise/schemas/time-entry.js';
import { describeTimeEntry } from '../sync/describe-time-entry.js';
import type { Db, DbOrTx } from '../db/client.js';
import { readSyncedTicket } from '../sync/synced-ticket-records.js';
import { recordBillingStates } from './record-billing-states.js';
import { describeTicketSales } from './describe-ticket-sales.js';
import { readSetting } from '../settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../settings/sync-options.js';
import { readTicketLive } from './read-ticket-live.js';
import { syncedSnapshot, type TicketSnapshot } from './ticket-snapshot.js';
import { isStale } from './synced-ticket-age.js';
import type { SingleFlight } from './single-flight.js';

export interface TicketBillingDeps {
  db: Db;
  cw: ConnectWiseClient;
  clock: () => Date;
  currency: string;
  /** Live reads under way, by ticket: views that need one while it runs share it. */
  liveReads: SingleFlight<number, TicketSnapshot>;
}

/**
 * A ticket's time entries, products and expenses and how each bills, by the same rules
 * the sync charges with (`sync/describe-time-entry.ts`). Manage's side comes from the
 * records the view holds (kept current by the sync, callbacks and our own writes); it is
 * read live when the view has never read the ticket, when what it holds is older than
 * SYNCED_TICKET_MAX_AGE_MS, or when asked (`refresh`). Our side (charges, invoices,
 * quarantine) is always read as it is now.
 */
export async function describeTicketBilling(
  deps: TicketBillingDeps,
  ticketId: number,
  options: { refresh?: boolean } = {},
): Promise<TicketBilling> {
  const now = deps.clock();
  const held = options.refresh ? null : await readSyncedTicket(deps.db, ticketId);
  const snapshot =
    held && !isStale(held.ticket.readAt, now)
      ? syncedSnapshot(held.ticket, held.records)
      : await deps.liveReads.run(ticketId, () => readTicketLive(deps.db, deps.cw, ticketId, deps.clock()));
  return describeSnapshot(deps.db, snapshot, deps.currency);
}

/** How each record of the snapshot bills, with where it stands on our side. */
async function describeSnapshot(db: DbOrTx, snapshot: TicketSnapshot, currency: string): Promise<TicketBilling> {
  const ids = <T extends { id: number }>(records: readonly T[]) => records.map((r) => r.id);
  const [states, { approvedStatuses }] = await Promise.all([
    recordBillingStates(db, { time: ids(snapshot.timeEntries), product: ids(snapshot.products), expense: ids(snapshot.expenses) }),
    readSetting(db, SYNC_OPTIONS_KEY, SyncOptionsSchema),
  ]);
  // Billable work we have not taken yet either waits for approval in ConnectWise or for the next sync.
  const unseen = (entry: CwTimeEntry) =>
    entry.billableOption !== 'DoNotBill' &&
    entry.billableOption !== 'NoDefault' &&
    !(approvedStatuses as string[]).includes(entry.status ?? '')
      ? ({ status: 'waiting-approval' } as const)
      : ({ status: 'not-pushed' } as const);
  const timeEntries = snapshot.timeEntries.map((entry) => ({
    ...describeTimeEntry(entry, currency),
    billing: states.time.get(entry.id) ?? unseen(entry),
  }));
  const billable = timeEntries.filter((e) => e.state === 'billable');
  const billableMilli = billable.reduce((sum, e) => sum + parseQuantityMilli(e.billedHours), 0);
  const { products, expenses } = describeTicketSales(snapshot.products, snapshot.expenses, states, currency);
  return {
    ticket: snapshot.ticket,
    source: snapshot.source,
    syncedAt: snapshot.syncedAt,
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
