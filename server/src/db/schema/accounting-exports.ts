import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** One accounting export (a file handed out), for the audit trail. */
export const accountingExports = sqliteTable('accounting_exports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  format: text('format', { enum: ['xero', 'qbo', 'json'] }).notNull(),
  fromDate: text('from_date').notNull(),
  toDate: text('to_date').notNull(),
  again: integer('again', { mode: 'boolean' }).notNull(),
  invoiceCount: integer('invoice_count').notNull(),
  actor: text('actor').notNull(),
  createdAt: text('created_at').notNull(),
});

/** Marks an invoice as exported in a format: unique, so an export never repeats an invoice unless asked again. */
export const accountingExportedInvoices = sqliteTable(
  'accounting_exported_invoices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invoiceId: integer('invoice_id').notNull(),
    format: text('format', { enum: ['xero', 'qbo', 'json'] }).notNull(),
    exportId: integer('export_id').notNull(),
    exportedAt: text('exported_at').notNull(),
  },
  (t) => [uniqueIndex('accounting_exported_invoice_unique').on(t.invoiceId, t.format)],
);
