import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { charges, subscriptions, subscriptionTerms } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError, ValidationError } from '../errors/domain-errors.js';
import type { Tx } from '../db/client.js';
import type { BillingContext } from './billing-context.js';
import { getAccount } from './get-account.js';
import { getPlan } from './get-plan.js';
import { IdSchema, IsoDateSchema, parseInput, PriceCentsSchema } from './input-schemas.js';

export type SubscriptionRow = typeof subscriptions.$inferSelect;

const Identifier = z.string().trim().min(1).max(100);

export const SubscribeInput = z.object({
  accountId: IdSchema,
  planId: IdSchema,
  startDate: IsoDateSchema,
  quantityMilli: z.number().int().positive().max(1_000_000_000).default(1000),
  /** e.g. the phone number of the line; unique per plan. */
  serviceIdentifier: Identifier.nullable().default(null),
  unitPriceOverrideCents: PriceCentsSchema.nullable().default(null),
  /** For a bundle: the optional parts taken (mandatory parts are always taken). */
  optionalPartPlanIds: z.array(IdSchema).max(100).default([]),
  /** For a bundle: service identifiers of its parts, by service plan id. */
  partIdentifiers: z
    .array(z.object({ planId: IdSchema, serviceIdentifier: Identifier }))
    .max(100)
    .default([]),
});
export type SubscribeInput = z.input<typeof SubscribeInput>;

/**
 * Subscribes an account to a service plan or a bundle. A bundle becomes a tree: the bundle's
 * own subscription (its access fee) and one subscription per part taken. A setup fee becomes
 * a one-off pending charge dated on the start, keyed `subscription:<id>:setup-fee`.
 */
export async function subscribe(ctx: BillingContext, input: SubscribeInput): Promise<SubscriptionRow & { parts: SubscriptionRow[] }> {
  const parsed = parseInput(SubscribeInput, input);
  return ctx.db.transaction(async (tx) => {
    const account = await getAccount(tx, parsed.accountId);
    const plan = await getPlan(tx, parsed.planId);
    if (account.status !== 'active') throw new ConflictError(`Account ${account.id} is ${account.status}.`);
    if (plan.currency !== account.currency)
      throw new ValidationError(`Plan ${plan.code} is in ${plan.currency}; the account bills in ${account.currency}.`);
    const unknownOptional = parsed.optionalPartPlanIds.filter(
      (id) => !plan.parts.some((part) => part.servicePlanId === id && !part.mandatory),
    );
    if (unknownOptional.length > 0) throw new ValidationError('Not optional parts of this plan.', { planIds: unknownOptional });

    const at = ctx.now.toISOString();
    const insert = async (values: {
      planId: number;
      rootSubscriptionId: number | null;
      serviceIdentifier: string | null;
      quantityMilli: number;
      unitPriceOverrideCents: number | null;
    }) => {
      const [row] = await tx
        .insert(subscriptions)
        .values({
          accountId: account.id,
          planId: values.planId,
          rootSubscriptionId: values.rootSubscriptionId,
          serviceIdentifier: values.serviceIdentifier,
          startDate: parsed.startDate,
          status: 'active',
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) throw new ConflictError(`Service identifier ${values.serviceIdentifier} is already in use on this plan.`);
      await tx.insert(subscriptionTerms).values({
        subscriptionId: row.id,
        effectiveFrom: parsed.startDate,
        quantityMilli: values.quantityMilli,
        unitPriceOverrideCents: values.unitPriceOverrideCents,
      });
      return row;
    };

    const created = await insert({ ...parsed, rootSubscriptionId: null });
    const [root] = await tx
      .update(subscriptions)
      .set({ rootSubscriptionId: created.id })
      .where(eq(subscriptions.id, created.id))
      .returning();
    const parts: SubscriptionRow[] = [];
    for (const part of plan.parts.filter((p) => p.mandatory || parsed.optionalPartPlanIds.includes(p.servicePlanId))) {
      const identifier = parsed.partIdentifiers.find((entry) => entry.planId === part.servicePlanId)?.serviceIdentifier ?? null;
      // A part's price inside the bundle is fixed by the package plan; null keeps the service plan's.
      parts.push(
        await insert({
          planId: part.servicePlanId,
          rootSubscriptionId: root.id,
          serviceIdentifier: identifier,
          quantityMilli: part.quantityMilli,
          unitPriceOverrideCents: part.bundlePriceCents,
        }),
      );
    }
    if (plan.setupFeeCents > 0) {
      await addSetupFee(tx, ctx, root, {
        planName: plan.name,
        amountCents: plan.setupFeeCents,
        currency: account.currency,
        taxCode: plan.taxCode,
        glCode: plan.glCode,
      });
    }
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'subscription.create',
      entity: 'subscription',
      entityId: String(root.id),
      details: { planId: plan.id, parts: parts.map((p) => p.id) },
      requestId: ctx.requestId,
    });
    return { ...root, parts };
  });
}

async function addSetupFee(
  tx: Tx,
  ctx: BillingContext,
  root: SubscriptionRow,
  fee: { planName: string; amountCents: number; currency: string; taxCode: string; glCode: string | null },
) {
  await tx.insert(charges).values({
    source: `subscription:${root.id}:setup-fee`,
    accountId: root.accountId,
    kind: 'one-off',
    description: `Setup fee: ${fee.planName}`,
    chargeDate: root.startDate,
    quantityMilli: 1000,
    unitPriceCents: fee.amountCents,
    amountCents: fee.amountCents,
    currency: fee.currency,
    taxCode: fee.taxCode,
    glCode: fee.glCode,
    createdAt: ctx.now.toISOString(),
  });
}
