import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
import { products } from './catalog.js';

export const CHARGE_KINDS = ['labour', 'product', 'expense', 'usage', 'adjustment', 'one-off'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];

/**
 * A pending line (cardline) waiting for an invoice. `source` is the natural key of what it
 * bills (`connectwise:time:123`), unique, so one source can never become two charges.
 * `invoiceId` is set, by a conditional update, by the one invoice that takes it.
 */
export const charges = sqliteTable(
  'charges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull().unique(),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind', { enum: CHARGE_KINDS }).notNull(),
    productId: integer('product_id').references(() => products.id),
    description: text('description').notNull(),
    chargeDate: text('charge_date').notNull(),
    quantityMilli: integer('quantity_milli').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    /** unitPrice × quantity rounded once (before any inclusion). */
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    taxCode: text('tax_code'),
    glCode: text('gl_code'),
    // Labour grid metadata (ConnectWise time entries); null for other kinds.
    ticketNumber: text('ticket_number'),
    memberName: text('member_name'),
    workRole: text('work_role'),
    workType: text('work_type'),
    invoiceId: integer('invoice_id'),
    createdAt: text('created_at').notNull(),
  },
  // One index serves both "pending for these accounts" and "on these drafts" (with the
  // account): every index on invoice_id is rewritten when a run claims charges.
  (t) => [index('charges_account_invoice_idx').on(t.accountId, t.invoiceId)],
);
