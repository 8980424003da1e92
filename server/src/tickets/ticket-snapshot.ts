import type { CwTimeEntry } from '../connectwise/schemas/time-entry.js';
import type { CwProductItem } from '../sync/streams/products.js';
import type { CwExpense } from '../sync/streams/expenses.js';
import type { SyncedTicket, SyncedTicketRecord } from '../sync/synced-ticket-records.js';

/** What the ticket billing view is made from: Manage's ticket and its records, and when they were read. */
export interface TicketSnapshot {
  /** `live`: read from Manage for this answer; `synced`: from the records the view holds. */
  source: 'synced' | 'live';
  /** When the ticket and all its records were last read from Manage together (ISO 8601). */
  syncedAt: string;
  ticket: { id: number; summary: string; companyId: number | null; companyName: string | null };
  timeEntries: CwTimeEntry[];
  products: CwProductItem[];
  expenses: CwExpense[];
}

/**
 * The held copy as a snapshot. Records were checked against their schema when they were
 * read (a record that failed it is never kept), so they are used as stored.
 */
export function syncedSnapshot(ticket: SyncedTicket, records: readonly SyncedTicketRecord[]): TicketSnapshot {
  const of = <T>(kind: SyncedTicketRecord['kind']) => records.filter((r) => r.kind === kind).map((r) => r.record as unknown as T);
  return {
    source: 'synced',
    syncedAt: ticket.readAt,
    ticket: { id: ticket.ticketId, summary: ticket.summary, companyId: ticket.companyId, companyName: ticket.companyName },
    timeEntries: of<CwTimeEntry>('time'),
    products: of<CwProductItem>('product'),
    expenses: of<CwExpense>('expense'),
  };
}
