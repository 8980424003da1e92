// Reads who owns which service identifier, on which rating plan, and which periods are still
// open, into the pure rater's `RatingSetup`.
//
// A period is closed for usage once the account has an approved invoice for a later-starting
// period: the invoice of period P bills usage dated before P starts (billing/README.md), so
// `usageOpenFrom` is the start of the latest approved invoice's period.

import { and, eq, isNotNull, max } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { accounts, invoices, plans, subscriptions, usageRatingPlans } from '../db/schema/index.js';
import { RatingPlanSchema, type RatingPlan } from './rating/rating-plan.js';
import {
  DEFAULT_LATE_USAGE,
  serviceDirectory,
  type LateUsagePolicy,
  type RatingAccount,
  type RatingService,
  type RatingSetup,
} from './rating/rate-usage.js';

export type RatingOptions = { billingTimeZone?: string; lateUsage?: LateUsagePolicy };

export async function loadRatingSetup(db: DbOrTx, options: RatingOptions = {}): Promise<RatingSetup> {
  const subscriptionRows = await db
    .select({
      id: subscriptions.id,
      rootSubscriptionId: subscriptions.rootSubscriptionId,
      serviceIdentifier: subscriptions.serviceIdentifier,
      startDate: subscriptions.startDate,
      endDate: subscriptions.endDate,
      planId: subscriptions.planId,
      planName: plans.name,
      accountId: subscriptions.accountId,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId));
  const subscriptionById = new Map(subscriptionRows.map((row) => [row.id, row]));

  const ratingPlans = new Map<number, RatingPlan>();
  for (const row of await db.select().from(usageRatingPlans)) ratingPlans.set(row.planId, RatingPlanSchema.parse(row.definition));

  const openFrom = new Map<number, string>();
  const closed = await db
    .select({ accountId: invoices.accountId, lastStart: max(invoices.periodStart) })
    .from(invoices)
    .where(and(eq(invoices.status, 'approved'), eq(invoices.kind, 'invoice'), isNotNull(invoices.periodStart)))
    .groupBy(invoices.accountId);
  for (const row of closed) if (row.lastStart !== null) openFrom.set(row.accountId, row.lastStart);

  const accountById = new Map<number, RatingAccount>();
  for (const row of await db.select().from(accounts)) {
    accountById.set(row.id, {
      id: row.id,
      currency: row.currency,
      cycle: { billingDay: row.billingDay, periodMonths: row.periodMonths, anchor: row.anchor },
      openedOn: row.openedOn,
      usageOpenFrom: openFrom.get(row.id) ?? null,
    });
  }

  const services: RatingService[] = [];
  for (const row of subscriptionRows) {
    if (row.serviceIdentifier === null) continue;
    const root = row.rootSubscriptionId ?? row.id;
    // The bundle's subscription usually has no identifier, so only here are its dates known.
    const rootRow = subscriptionById.get(root) ?? row;
    // A part of a bundle without its own rate card is rated by the bundle's.
    const ratingPlan = ratingPlans.get(row.planId) ?? ratingPlans.get(rootRow.planId) ?? null;
    services.push({
      subscriptionId: row.id,
      rootSubscriptionId: root,
      serviceIdentifier: row.serviceIdentifier,
      startDate: row.startDate,
      endDate: row.endDate,
      // Bundle-scope allowance pools belong to the root, so they are pro-rated by its dates.
      rootStartDate: rootRow.startDate,
      rootEndDate: rootRow.endDate,
      planName: row.planName,
      ratingPlan,
      account: accountById.get(row.accountId)!,
    });
  }
  return {
    directory: serviceDirectory(services),
    billingTimeZone: options.billingTimeZone ?? 'UTC',
    lateUsage: options.lateUsage ?? DEFAULT_LATE_USAGE,
  };
}
