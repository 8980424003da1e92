import type { Db } from '../db/client.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { ConnectWiseRejectedError } from '../connectwise/errors.js';
import { CwTicketSchema, CwTimeEntrySchema } from '../connectwise/schemas/time-entry.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { timeEntriesStream } from '../sync/streams/time-entries.js';
import { CwProductItemSchema, productsStream } from '../sync/streams/products.js';
import { CwExpenseSchema, expensesStream } from '../sync/streams/expenses.js';
import { forgetSyncedTicket, holdSyncedTicket, type TicketRecordKind, type TicketRecordRead } from '../sync/synced-ticket-records.js';
import type { TicketSnapshot } from './ticket-snapshot.js';

const TICKET_FIELDS = 'id,summary,company/id,company/name';

/**
 * Reads a ticket and every time entry, product and expense on it from Manage (four
 * requests), and from then on holds them for the view, as of when the read began. Each
 * list asks for its stream's fields (docs/connectwise/querying.md#orderby-fields-and-count),
 * so what is held has the shape the sync keeps up to date.
 */
export async function readTicketLive(db: Db, cw: ConnectWiseClient, ticketId: number, now: Date): Promise<TicketSnapshot> {
  let rawTicket: unknown;
  try {
    rawTicket = await cw.get(`/service/tickets/${ticketId}`, { fields: TICKET_FIELDS });
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404) {
      await forgetSyncedTicket(db, ticketId);
      throw new NotFoundError(`Ticket ${ticketId} was not found in ConnectWise.`);
    }
    throw error;
  }
  const ticket = CwTicketSchema.parse(rawTicket);
  const onTicket = `chargeToType = "ServiceTicket" and chargeToId = ${ticketId}`;
  const [rawEntries, rawProducts, rawExpenses] = await Promise.all([
    cw.listAll<unknown>(timeEntriesStream.path, { conditions: onTicket, fields: timeEntriesStream.fields }),
    cw.listAll<unknown>(`/service/tickets/${ticketId}/products`, { fields: productsStream.fields }),
    cw.listAll<unknown>(expensesStream.path, { conditions: onTicket, fields: expensesStream.fields }),
  ]);
  const byId = <T extends { id: number }>(records: T[]) => records.sort((a, b) => a.id - b.id);
  const readable = <T extends { id: number }>(schema: { safeParse(raw: unknown): { success: boolean; data?: T } }, raws: unknown[]) =>
    byId(
      raws.flatMap((raw) => {
        const parsed = schema.safeParse(raw);
        return parsed.success ? [parsed.data!] : [];
      }),
    );
  const timeEntries = byId(rawEntries.map((raw) => CwTimeEntrySchema.parse(raw)));
  // A sale or an expense the schema refuses is left out, as the sync leaves it to the quarantine.
  const products = readable(CwProductItemSchema, rawProducts);
  const expenses = readable(CwExpenseSchema, rawExpenses);
  const held = (kind: TicketRecordKind, records: { id: number }[]) =>
    records.map((record): TicketRecordRead & { kind: TicketRecordKind } => ({
      kind,
      externalId: record.id,
      ticketId,
      record: record as Record<string, unknown>,
    }));
  const syncedAt = now.toISOString();
  const snapshotTicket = {
    id: ticket.id,
    summary: ticket.summary,
    companyId: ticket.company?.id ?? null,
    companyName: ticket.company?.name ?? null,
  };
  await holdSyncedTicket(
    db,
    { ticketId, summary: snapshotTicket.summary, companyId: snapshotTicket.companyId, companyName: snapshotTicket.companyName },
    [...held('time', timeEntries), ...held('product', products), ...held('expense', expenses)],
    syncedAt,
  );
  return {
    source: 'live',
    syncedAt,
    ticket: snapshotTicket,
    timeEntries,
    products,
    expenses,
  };
}
