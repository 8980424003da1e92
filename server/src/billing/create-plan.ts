import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { PRODUCT_KINDS, planInclusions, planParts, plans, products } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError, ValidationError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { BasisPointsSchema, CurrencySchema, IdSchema, NameSchema, parseInput, PriceCentsSchema, TaxCodeSchema } from './input-schemas.js';
import { getPlan, type PlanWithParts } from './get-plan.js';
import { assertTaxCodeUsable } from './tax-code-usable.js';

export const CreatePlanInput = z
  .object({
    code: z.string().trim().min(1).max(60),
    name: NameSchema,
    kind: z.enum(['service', 'package']),
    currency: CurrencySchema.optional(),
    /** Service plan: price per unit per regular period. Package plan: the access fee per period. */
    periodPriceCents: PriceCentsSchema,
    setupFeeCents: PriceCentsSchema.default(0),
    discountBasisPoints: BasisPointsSchema.default(0),
    taxCode: TaxCodeSchema.default('GST'),
    glCode: z.string().trim().min(1).max(40).nullable().default(null),
    parts: z
      .array(
        z.object({
          servicePlanId: IdSchema,
          mandatory: z.boolean(),
          quantityMilli: z.number().int().positive().max(1_000_000_000).default(1000),
          bundlePriceCents: PriceCentsSchema.nullable().default(null),
        }),
      )
      .max(100)
      .default([]),
    inclusions: z
      .array(
        z.object({
          description: z.string().trim().min(1).max(200),
          appliesToKind: z.enum(PRODUCT_KINDS),
          productId: IdSchema.nullable().default(null),
          quantityMilli: z.number().int().positive().max(1_000_000_000),
        }),
      )
      .max(20)
      .default([]),
  })
  .refine((plan) => plan.kind === 'package' || plan.parts.length === 0, { message: 'only a package plan has parts', path: ['parts'] });
export type CreatePlanInput = z.input<typeof CreatePlanInput>;

/** Adds a service plan or a package plan (bundle) with its parts and inclusions. */
export async function createPlan(ctx: BillingContext & { defaultCurrency: string }, input: CreatePlanInput): Promise<PlanWithParts> {
  const { parts, inclusions, ...plan } = parseInput(CreatePlanInput, input);
  const currency = plan.currency ?? ctx.defaultCurrency;
  return ctx.db.transaction(async (tx) => {
    await assertTaxCodeUsable(tx, plan.taxCode);
    const partPlanIds = parts.map((part) => part.servicePlanId);
    if (new Set(partPlanIds).size !== partPlanIds.length) throw new ValidationError('A service plan appears twice among the parts.');
    const partPlans = partPlanIds.length === 0 ? [] : await tx.select().from(plans).where(inArray(plans.id, partPlanIds));
    const unusable = partPlanIds.filter((id) => !partPlans.some((p) => p.id === id && p.kind === 'service' && p.currency === currency));
    if (unusable.length > 0)
      throw new ValidationError('Parts must be existing service plans in the same currency.', { servicePlanIds: unusable });
    const productIds = inclusions.flatMap((inclusion) => (inclusion.productId === null ? [] : [inclusion.productId]));
    const known =
      productIds.length === 0 ? [] : await tx.select({ id: products.id }).from(products).where(inArray(products.id, productIds));
    if (known.length !== new Set(productIds).size) throw new ValidationError('An inclusion names a product that does not exist.');

    const [created] = await tx
      .insert(plans)
      .values({ ...plan, currency, createdAt: ctx.now.toISOString() })
      .onConflictDoNothing({ target: plans.code })
      .returning();
    if (!created) throw new ConflictError(`A plan with code ${plan.code} already exists.`);
    if (parts.length > 0) await tx.insert(planParts).values(parts.map((part) => ({ ...part, packagePlanId: created.id })));
    if (inclusions.length > 0)
      await tx.insert(planInclusions).values(inclusions.map((inclusion) => ({ ...inclusion, planId: created.id })));
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'plan.create',
      entity: 'plan',
      entityId: String(created.id),
      requestId: ctx.requestId,
    });
    return getPlan(tx, created.id);
  });
}
