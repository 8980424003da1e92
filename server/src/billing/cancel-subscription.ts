import { and, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import { subscriptions } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { IdSchema, IsoDateSchema, parseInput } from './input-schemas.js';
import type { SubscriptionRow } from './subscribe.js';

export const CancelSubscriptionInput = z.object({
  subscriptionId: IdSchema,
  /** First day no longer served (the service ends the day before). */
  endDate: IsoDateSchema,
});
export type CancelSubscriptionInput = z.input<typeof CancelSubscriptionInput>;

/**
 * Cancels a subscription (a bundle with all its parts) from `endDate`. Days from then on
 * are not billed; when they were already billed in advance, the next invoice credits them.
 * Conditional on the subscription still being active: cancelling twice is a 409.
 */
export async function cancelSubscription(ctx: BillingContext, input: CancelSubscriptionInput): Promise<SubscriptionRow[]> {
  const { subscriptionId, endDate } = parseInput(CancelSubscriptionInput, input);
  return ctx.db.transaction(async (tx) => {
    const [subscription] = await tx.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId)).limit(1);
    if (!subscription) throw new NotFoundError(`No subscription ${subscriptionId}.`);
    if (endDate < subscription.startDate)
      throw new ValidationError(`The end is before the subscription starts (${subscription.startDate}).`);
    const cancelled = await tx
      .update(subscriptions)
      .set({ status: 'cancelled', endDate, updatedAt: ctx.now.toISOString() })
      .where(
        and(
          or(eq(subscriptions.id, subscriptionId), eq(subscriptions.rootSubscriptionId, subscriptionId)),
          eq(subscriptions.status, 'active'),
        ),
      )
      .returning();
    if (!cancelled.some((row) => row.id === subscriptionId))
      throw new ConflictError(`Subscription ${subscriptionId} is already cancelled.`);
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'subscription.cancel',
      entity: 'subscription',
      entityId: String(subscriptionId),
      details: { endDate, cancelled: cancelled.map((row) => row.id) },
      requestId: ctx.requestId,
    });
    return cancelled;
  });
}
