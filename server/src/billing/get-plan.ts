import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { planInclusions, planParts, plans } from '../db/schema/index.js';
import { NotFoundError } from '../errors/domain-errors.js';

export type PlanRow = typeof plans.$inferSelect;
export type PlanPartRow = typeof planParts.$inferSelect;
export type PlanInclusionRow = typeof planInclusions.$inferSelect;
export type PlanWithParts = PlanRow & { parts: PlanPartRow[]; inclusions: PlanInclusionRow[] };

/** Fetch-or-throw: the plan with its parts and inclusions. */
export async function getPlan(db: DbOrTx, planId: number): Promise<PlanWithParts> {
  const [plan] = await db.select().from(plans).where(eq(plans.id, planId)).limit(1);
  if (!plan) throw new NotFoundError(`No plan ${planId}.`);
  const parts = await db.select().from(planParts).where(eq(planParts.packagePlanId, planId)).orderBy(asc(planParts.id));
  const inclusions = await db.select().from(planInclusions).where(eq(planInclusions.planId, planId)).orderBy(asc(planInclusions.id));
  return { ...plan, parts, inclusions };
}

/** Every plan with its parts and inclusions (the catalog is small; the invoice run loads it once). */
export async function listPlans(db: DbOrTx): Promise<PlanWithParts[]> {
  const [allPlans, allParts, allInclusions] = await Promise.all([
    db.select().from(plans).orderBy(asc(plans.id)),
    db.select().from(planParts).orderBy(asc(planParts.id)),
    db.select().from(planInclusions).orderBy(asc(planInclusions.id)),
  ]);
  return allPlans.map((plan) => ({
    ...plan,
    parts: allParts.filter((part) => part.packagePlanId === plan.id),
    inclusions: allInclusions.filter((inclusion) => inclusion.planId === plan.id),
  }));
}
