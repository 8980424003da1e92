import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { plans } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { CreatePlanInput } from './create-plan.js';
import { getPlan, type PlanWithParts } from './get-plan.js';
import { IdSchema, parseInput } from './input-schemas.js';
import { assertTaxCodeUsable } from './tax-code-usable.js';

// Only what invoice lines copy as they are built: name, GL code, tax code. The price is fixed:
// the invoice run reads a plan's price for every period it has not billed and for the catch-up
// adjustments of those it has (recurring-fees.ts), so a new price in place would re-price periods
// retroactively. Currency, kind, code, parts and inclusions stay too: subscriptions depend on them.
const FIXED_FIELDS_MESSAGE =
  "only name, glCode and taxCode can be changed. A plan's price is fixed: the invoice run reads it for every period it has not billed " +
  "and for catch-up adjustments, so changing it in place would re-price periods retroactively. Change a price through a subscription's " +
  'terms (POST /api/v1/subscriptions/:id/terms), or create a new plan.';

export const UpdatePlanInput = z.object({
  planId: IdSchema,
  changes: z
    .strictObject(
      {
        name: CreatePlanInput.shape.name.optional(),
        /** null clears it. */
        glCode: CreatePlanInput.shape.glCode.removeDefault().optional(),
        taxCode: CreatePlanInput.shape.taxCode.removeDefault().optional(),
      },
      { error: (issue) => (issue.code === 'unrecognized_keys' ? `${issue.keys.join(', ')}: ${FIXED_FIELDS_MESSAGE}` : undefined) },
    )
    // Only when the fields themselves are right: a price sent alone gets the one message above.
    .refine((changes) => Object.values(changes).some((value) => value !== undefined), {
      message: 'name, glCode or taxCode: at least one change is required',
      when: (payload) => payload.issues.length === 0,
    }),
});
export type UpdatePlanInput = z.input<typeof UpdatePlanInput>;

/**
 * Renames a plan or changes its GL or tax code. A tax code must be defined (tax_codes, as for
 * an admin's account edit) or be createPlan's default, 'GST'; otherwise a typo would tax silently
 * at the account's rate. Invoice lines copy these values when built (README.md, "Editing a plan").
 */
export async function updatePlan(ctx: BillingContext, input: UpdatePlanInput): Promise<PlanWithParts> {
  const { planId, changes } = parseInput(UpdatePlanInput, input);
  return ctx.db.transaction(async (tx) => {
    const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).limit(1);
    if (!plan) throw new NotFoundError(`No plan ${planId}.`);
    await assertTaxCodeUsable(tx, changes.taxCode);
    await tx.update(plans).set(changes).where(eq(plans.id, planId));
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'plan.update',
      entity: 'plan',
      entityId: String(planId),
      details: { changes },
      requestId: ctx.requestId,
    });
    return getPlan(tx, planId);
  });
}
