import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts.js';
import { plans } from './catalog.js';

/**
 * An account's instance of a plan. A bundle subscription is the root of a tree: its parts
 * are subscriptions whose `rootSubscriptionId` is the bundle's (a standalone one is its own root).
 */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id')
      .notNull()
      .references(() => accounts.id),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    rootSubscriptionId: integer('root_subscription_id'),
    /** e.g. the phone number of a line; one plan never has two instances with the same identifier. */
    serviceIdentifier: text('service_identifier'),
    startDate: text('start_date').notNull(),
    /** First day no longer served (exclusive); null while open-ended. */
    endDate: text('end_date'),
    status: text('status', { enum: ['active', 'cancelled'] }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('subscriptions_account_idx').on(t.accountId),
    uniqueIndex('subscriptions_plan_identifier_unique').on(t.planId, t.serviceIdentifier),
  ],
);

/**
 * The terms (quantity and price override) from `effectiveFrom` until the next change: the
 * segments proration bills. Terms are effective-dated so that a price override never
 * re-prices days already served at the old price.
 */
export const subscriptionTerms = sqliteTable(
  'subscription_terms',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    subscriptionId: integer('subscription_id')
      .notNull()
      .references(() => subscriptions.id),
    effectiveFrom: text('effective_from').notNull(),
    quantityMilli: integer('quantity_milli').notNull(),
    /** Replaces the plan's price per unit per period; null = the plan's price. */
    unitPriceOverrideCents: integer('unit_price_override_cents'),
  },
  (t) => [uniqueIndex('subscription_terms_unique').on(t.subscriptionId, t.effectiveFrom)],
);
