// Attaches a rating plan (rate card + allowances) to a billing plan, replacing any earlier one.
// Records already rated keep their amounts; re-rating is not implied.

import { eq } from 'drizzle-orm';
import { plans, usageRatingPlans } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from '../billing/billing-context.js';
import { parseInput } from '../billing/input-schemas.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { RatingPlanSchema, type RatingPlan } from './rating/rating-plan.js';

/** `ratingPlan` is parsed here (RatingPlanSchema): the route passes the request body as it came. */
export async function setRatingPlan(ctx: BillingContext, input: { planId: number; ratingPlan: unknown }): Promise<RatingPlan> {
  const ratingPlan = parseInput(RatingPlanSchema, input.ratingPlan);
  return ctx.db.transaction(async (tx) => {
    const [plan] = await tx.select().from(plans).where(eq(plans.id, input.planId));
    if (!plan) throw new NotFoundError(`No plan ${input.planId}.`);
    if (plan.currency !== ratingPlan.currency)
      throw new ValidationError(`The plan prices in ${plan.currency}; its rate card must too (got ${ratingPlan.currency}).`);
    const at = ctx.now.toISOString();
    await tx
      .insert(usageRatingPlans)
      .values({ planId: plan.id, definition: ratingPlan, updatedAt: at })
      .onConflictDoUpdate({ target: usageRatingPlans.planId, set: { definition: ratingPlan, updatedAt: at } });
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'usage.rating_plan.set',
      entity: 'plan',
      entityId: String(plan.id),
      details: { rules: ratingPlan.rules.map((r) => r.code), allowances: ratingPlan.allowances.map((a) => a.code) },
      requestId: ctx.requestId,
    });
    return ratingPlan;
  });
}

export async function getRatingPlan(ctx: Pick<BillingContext, 'db'>, planId: number): Promise<RatingPlan> {
  const [row] = await ctx.db.select().from(usageRatingPlans).where(eq(usageRatingPlans.planId, planId));
  if (!row) throw new NotFoundError(`Plan ${planId} has no rating plan.`);
  return RatingPlanSchema.parse(row.definition);
}
