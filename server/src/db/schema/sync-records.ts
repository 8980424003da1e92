import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';

/**
 * The sync's own ledger of every ConnectWise record it has seen, per stream: the content
 * hash (so an unchanged record is never written again), what it became (`target`, e.g.
 * `account:4` or a charge source) and whether that was invoiced (billed once).
 */
export const syncRecords = sqliteTable(
  'sync_records',
  {
    stream: text('stream').notNull(),
    externalId: integer('external_id').notNull(),
    contentHash: text('content_hash').notNull(),
    lastUpdated: text('last_updated'),
    /** synced | skipped | quarantined | deleted */
    outcome: text('outcome').notNull(),
    target: text('target'),
    /** Hash of the record as it was when billed; later changes go to quarantine. */
    billedHash: text('billed_hash'),
    billedInvoice: text('billed_invoice'),
    /** Written back to ConnectWise (custom field) for this invoice. */
    markedInvoice: text('marked_invoice'),
    /** How the charge's rate and hours were derived (time entries, products, expenses). */
    explanation: text('explanation'),
    /** Run id of the last full sync that saw the record (deletion sweep). */
    seenInFullRun: integer('seen_in_full_run'),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.stream, t.externalId] }), index('sync_records_target_idx').on(t.target)],
);
