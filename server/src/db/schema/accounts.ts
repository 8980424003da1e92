import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/**
 * A billed customer (one per synced ConnectWise company). The billing cycle (day, months,
 * anchor, opening day) is fixed at creation: changing it after invoices exist would re-cut
 * periods that were already billed.
 */
export const accounts = sqliteTable(
  'accounts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Natural key of the record this account mirrors, e.g. `connectwise:company:250`. */
    externalKey: text('external_key').unique(),
    name: text('name').notNull(),
    billingDay: integer('billing_day').notNull(),
    periodMonths: integer('period_months').notNull(),
    /** Start of one regular period (see periods.ts `BillingCycle.anchor`). */
    anchor: text('anchor').notNull(),
    openedOn: text('opened_on').notNull(),
    currency: text('currency').notNull(),
    /** The tax profile: exempt accounts pay no tax on any line. */
    taxExempt: integer('tax_exempt', { mode: 'boolean' }).notNull(),
    /** The account's default rate in basis points (GST 10% = 1000), for codes with no rate of their own. */
    taxRateBasisPoints: integer('tax_rate_basis_points').notNull(),
    /**
     * The tax code of this account's charges that do not carry their own (ConnectWise:
     * Company > Finance > Tax Code, through the tax-code mapping); null = the product's.
     */
    taxCode: text('tax_code'),
    accountType: text('account_type').notNull(),
    accountProfile: text('account_profile'),
    status: text('status', { enum: ['active', 'suspended', 'closed'] }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('accounts_status_idx').on(t.status)],
);

/** A person on an account. Contacts mastered by ConnectWise are `locked`. */
export const contacts = sqliteTable(
  'contacts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    externalKey: text('external_key').unique(),
    /** Where the contact is mastered: 'local' (edited here) or 'connectwise'. */
    source: text('source', { enum: ['local', 'connectwise'] }).notNull(),
    locked: integer('locked', { mode: 'boolean' }).notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('contacts_account_idx').on(t.accountId)],
);
