import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * The outbox: billing events written in the same transaction as the change they announce,
 * delivered later (webhooks, accounting integrations) and marked delivered.
 */
export const billingEvents = sqliteTable(
  'billing_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    type: text('type', { enum: ['account.created', 'invoice.approved', 'credit_note.issued'] }).notNull(),
    entityId: text('entity_id').notNull(),
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    occurredAt: text('occurred_at').notNull(),
    deliveredAt: text('delivered_at'),
  },
  (t) => [index('billing_events_undelivered_idx').on(t.deliveredAt, t.id)],
);
