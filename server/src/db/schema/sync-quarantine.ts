import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Every external record that could not become billing data, keyed on the stable record
 * (`entity` + `externalId`, e.g. 'time_entry' + '123'), so an admin's decision (ignore,
 * link) survives every later re-sync. `kind` separates sync items from usage-rating items.
 */
export const syncQuarantine = sqliteTable(
  'sync_quarantine',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: ['sync', 'usage'] }).notNull(),
    entity: text('entity').notNull(),
    externalId: text('external_id').notNull(),
    reason: text('reason').notNull(),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['open', 'resolved', 'ignored'] }).notNull(),
    /** The admin's decision, e.g. {action:'link', accountId: 4}; applied again on every re-sync. */
    decision: text('decision', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    firstSeenAt: text('first_seen_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('sync_quarantine_record_idx').on(t.kind, t.entity, t.externalId),
    index('sync_quarantine_status_idx').on(t.status, t.reason),
  ],
);
