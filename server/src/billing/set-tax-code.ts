import { z } from 'zod';
import { taxCodes } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from './billing-context.js';
import { BasisPointsSchema, parseInput, TaxCodeSchema } from './input-schemas.js';

export const SetTaxCodeInput = z.object({
  code: TaxCodeSchema,
  /** Basis points (GST 10% = 1000, GST-free = 0), or 'exempt' for lines outside the tax. */
  rate: z.union([BasisPointsSchema, z.literal('exempt')]),
  description: z.string().trim().min(1).max(200),
});
export type SetTaxCodeInput = z.input<typeof SetTaxCodeInput>;
export type TaxCodeRow = typeof taxCodes.$inferSelect;

/**
 * Defines (or redefines) a tax code's rate. A code with no row is taxed at the account's
 * own rate, which is how the default code 'GST' works without any setup.
 */
export async function setTaxCode(ctx: BillingContext, input: SetTaxCodeInput): Promise<TaxCodeRow> {
  const { code, rate, description } = parseInput(SetTaxCodeInput, input);
  const values = { rateBasisPoints: rate === 'exempt' ? null : rate, description, updatedAt: ctx.now.toISOString() };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taxCodes)
      .values({ code, ...values })
      .onConflictDoUpdate({ target: taxCodes.code, set: values })
      .returning();
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'tax-code.set',
      entity: 'tax-code',
      entityId: code,
      details: { rate },
      requestId: ctx.requestId,
    });
    return row;
  });
}
