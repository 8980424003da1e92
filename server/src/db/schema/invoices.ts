import { isNotNull } from 'drizzle-orm';
import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';

/**
 * Invoices and credit notes. One invoice per account per period (`periodStart` is null for
 * immediate invoices and credit notes). Numbers are given on approval, gaplessly per kind.
 */
export const invoices = sqliteTable(
  'invoices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    kind: text('kind', { enum: ['invoice', 'credit_note'] }).notNull(),
    status: text('status', { enum: ['draft', 'approved'] }).notNull(),
    number: text('number').unique(),
    periodStart: text('period_start'),
    periodEnd: text('period_end'),
    issuedOn: text('issued_on').notNull(),
    currency: text('currency').notNull(),
    netCents: integer('net_cents').notNull(),
    taxCents: integer('tax_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    /** Hash of the lines: a re-run that computes the same hash writes nothing. */
    contentHash: text('content_hash').notNull(),
    /**
     * Digest of what a draft was built from (build-account-invoice.ts `invoiceInputsDigest`):
     * a re-run that computes the same one, with no new charge due, skips the build entirely.
     * Null for credit notes and immediate invoices.
     */
    inputsDigest: text('inputs_digest'),
    creditedInvoiceId: integer('credited_invoice_id'),
    reason: text('reason'),
    approvedAt: text('approved_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('invoices_account_period_unique').on(t.accountId, t.periodStart),
    index('invoices_credited_idx').on(t.creditedInvoiceId),
  ],
);

export const INVOICE_SECTIONS = ['services', 'labour', 'products', 'expenses', 'other'] as const;
export type InvoiceSection = (typeof INVOICE_SECTIONS)[number];

export const invoiceLines = sqliteTable(
  'invoice_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    invoiceId: integer('invoice_id')
      .notNull()
      .references(() => invoices.id),
    position: integer('position').notNull(),
    section: text('section', { enum: INVOICE_SECTIONS }).notNull(),
    lineKind: text('line_kind', { enum: ['recurring', 'discount', 'adjustment', 'charge', 'credit'] }).notNull(),
    description: text('description').notNull(),
    /** Services are grouped under this label (the bundle's name) on the document. */
    groupLabel: text('group_label'),
    subscriptionId: integer('subscription_id'),
    servicePeriodStart: text('service_period_start'),
    servicePeriodEnd: text('service_period_end'),
    /** The account period whose fee this line bills (the ledger key for catch-up adjustments). */
    feePeriodStart: text('fee_period_start'),
    chargeId: integer('charge_id'),
    quantityMilli: integer('quantity_milli').notNull(),
    /** Part of the quantity absorbed by an inclusion (not charged). */
    includedQuantityMilli: integer('included_quantity_milli').notNull(),
    inclusionKey: text('inclusion_key'),
    inclusionPeriodStart: text('inclusion_period_start'),
    unitPriceCents: integer('unit_price_cents').notNull(),
    amountCents: integer('amount_cents').notNull(),
    taxCode: text('tax_code').notNull(),
    /** null = exempt. */
    taxRateBasisPoints: integer('tax_rate_basis_points'),
    taxCents: integer('tax_cents').notNull(),
    glCode: text('gl_code'),
    creditedLineId: integer('credited_line_id'),
  },
  (t) => [
    index('invoice_lines_invoice_idx').on(t.invoiceId),
    // Partial: most lines bill a charge and have neither, and a run writes lines by the hundred thousand.
    index('invoice_lines_subscription_idx').on(t.subscriptionId).where(isNotNull(t.subscriptionId)),
    index('invoice_lines_credited_idx').on(t.creditedLineId).where(isNotNull(t.creditedLineId)),
  ],
);

/** One row per numbered document kind; incremented inside the approving transaction, so numbers have no gaps. */
export const documentCounters = sqliteTable('document_counters', {
  name: text('name').primaryKey(),
  lastValue: integer('last_value').notNull(),
});

/** 'interrupted': its process stopped before it finished; the next run for its date resumes from its cursor. */
export const INVOICE_RUN_STATUSES = ['running', 'completed', 'interrupted'] as const;

/** The interrupted run a run took over, and where that one had got to. */
export interface InvoiceRunResumedFrom {
  runId: number;
  /** The last account id it had done: this run starts after it. */
  cursor: number;
  accountsProcessed: number;
}

/**
 * An invoice run for a billing date; `cursor` (last account id done) makes it resumable. One
 * row per call: a call that finds the date's last run interrupted continues from its cursor
 * (`resumedFrom`), and the interrupted row stays in the history as it was left.
 */
export const invoiceRuns = sqliteTable(
  'invoice_runs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    billingDate: text('billing_date').notNull(),
    status: text('status', { enum: INVOICE_RUN_STATUSES }).notNull(),
    cursor: integer('cursor').notNull(),
    accountsProcessed: integer('accounts_processed').notNull(),
    invoicesCreated: integer('invoices_created').notNull(),
    invoicesUpdated: integer('invoices_updated').notNull(),
    invoicesUnchanged: integer('invoices_unchanged').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    /** The process that runs it (db/run-holder.ts) and its lease, renewed while it lives. */
    holder: text('holder'),
    leaseExpiresAt: text('lease_expires_at'),
    resumedFrom: text('resumed_from', { mode: 'json' }).$type<InvoiceRunResumedFrom>(),
  },
  (t) => [index('invoice_runs_billing_date_idx').on(t.billingDate, t.id)],
);
