import { and, asc, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import { subscriptions, subscriptionTerms } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { IdSchema, IsoDateSchema, parseInput, PriceCentsSchema } from './input-schemas.js';

const TermsChange = z.object({
  /** First day the new terms apply. */
  effectiveFrom: IsoDateSchema,
  quantityMilli: z.number().int().positive().max(1_000_000_000).optional(),
  /** null removes an override (back to the plan's price). */
  unitPriceOverrideCents: PriceCentsSchema.nullable().optional(),
});
const changesSomething = [
  (input: z.infer<typeof TermsChange>) => input.quantityMilli !== undefined || input.unitPriceOverrideCents !== undefined,
  { message: 'change the quantity, the price override or both' },
] as const;

/** The change itself (the REST body). */
export const TermsChangeBody = TermsChange.refine(...changesSomething);
export const ChangeSubscriptionTermsInput = TermsChange.extend({ subscriptionId: IdSchema }).refine(...changesSomething);
export type ChangeSubscriptionTermsInput = z.input<typeof ChangeSubscriptionTermsInput>;

/**
 * Changes a subscription's quantity and/or price override from a day on. Terms are
 * effective-dated, so days before the change keep their terms; when the change falls in a
 * period already invoiced, the next invoice carries the difference for the days after it
 * (see recurring-fees.ts). A second change on the same day replaces the first.
 */
export async function changeSubscriptionTerms(ctx: BillingContext, input: ChangeSubscriptionTermsInput) {
  const parsed = parseInput(ChangeSubscriptionTermsInput, input);
  return ctx.db.transaction(async (tx) => {
    const [subscription] = await tx.select().from(subscriptions).where(eq(subscriptions.id, parsed.subscriptionId)).limit(1);
    if (!subscription) throw new NotFoundError(`No subscription ${parsed.subscriptionId}.`);
    if (subscription.status !== 'active') throw new ConflictError(`Subscription ${subscription.id} is ${subscription.status}.`);
    if (parsed.effectiveFrom < subscription.startDate)
      throw new ValidationError(`The change is before the subscription starts (${subscription.startDate}).`);
    const [current] = await tx
      .select()
      .from(subscriptionTerms)
      .where(and(eq(subscriptionTerms.subscriptionId, subscription.id), lte(subscriptionTerms.effectiveFrom, parsed.effectiveFrom)))
      .orderBy(asc(subscriptionTerms.effectiveFrom))
      .then((rows) => rows.slice(-1));
    const terms = {
      quantityMilli: parsed.quantityMilli ?? current.quantityMilli,
      unitPriceOverrideCents: parsed.unitPriceOverrideCents !== undefined ? parsed.unitPriceOverrideCents : current.unitPriceOverrideCents,
    };
    await tx
      .insert(subscriptionTerms)
      .values({ subscriptionId: subscription.id, effectiveFrom: parsed.effectiveFrom, ...terms })
      .onConflictDoUpdate({ target: [subscriptionTerms.subscriptionId, subscriptionTerms.effectiveFrom], set: terms });
    await tx.update(subscriptions).set({ updatedAt: ctx.now.toISOString() }).where(eq(subscriptions.id, subscription.id));
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'subscription.terms',
      entity: 'subscription',
      entityId: String(subscription.id),
      details: { effectiveFrom: parsed.effectiveFrom, ...terms },
      requestId: ctx.requestId,
    });
    return { subscriptionId: subscription.id, effectiveFrom: parsed.effectiveFrom, ...terms };
  });
}
