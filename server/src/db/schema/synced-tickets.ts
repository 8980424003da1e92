import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';

/**
 * The ticket billing view's own copy of Manage (tickets/describe-ticket-billing.ts): tickets
 * the view has read, and what hangs off them. A ticket is here once the view read it live
 * (`readAt`: it and every time entry, product and expense on it, in one go); from then on the
 * sync, callbacks and our own writes keep its records current (sync/synced-ticket-records.ts).
 */
export const syncedTickets = sqliteTable('synced_tickets', {
  ticketId: integer('ticket_id').primaryKey(),
  summary: text('summary').notNull(),
  companyId: integer('company_id'),
  companyName: text('company_name'),
  /** When the ticket and all its records were last read from Manage together. */
  readAt: text('read_at').notNull(),
});

/**
 * One time entry, product sale or expense of a ticket in `synced_tickets`, as Manage gave
 * it, cut to the fields the view reads (the stream's partial response).
 */
export const syncedTicketRecords = sqliteTable(
  'synced_ticket_records',
  {
    kind: text('kind', { enum: ['time', 'product', 'expense'] }).notNull(),
    externalId: integer('external_id').notNull(),
    ticketId: integer('ticket_id').notNull(),
    record: text('record', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    /** When this record was last read from Manage (sync page, callback, live read or our own write). */
    syncedAt: text('synced_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.externalId] }), index('synced_ticket_records_ticket_idx').on(t.ticketId)],
);
