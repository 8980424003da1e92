import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { products } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { IdSchema, NameSchema, parseInput, PriceCentsSchema, TaxCodeSchema } from './input-schemas.js';
import type { ProductRow } from './product-fields.js';
import { assertTaxCodeUsable } from './tax-code-usable.js';

// Kind and currency are fixed: charges already made for the product depend on them.
export const UpdateProductInput = z.object({
  productId: IdSchema,
  changes: z.strictObject({
    name: NameSchema.optional(),
    unitPriceCents: PriceCentsSchema.optional(),
    unit: z.string().trim().min(1).max(40).optional(),
    taxCode: TaxCodeSchema.optional(),
    glCode: z.string().trim().min(1).max(40).nullable().optional(),
  }),
});
export type UpdateProductInput = z.input<typeof UpdateProductInput>;

export async function updateProduct(ctx: BillingContext, input: UpdateProductInput): Promise<ProductRow> {
  const { productId, changes } = parseInput(UpdateProductInput, input);
  return ctx.db.transaction(async (tx) => {
    await assertTaxCodeUsable(tx, changes.taxCode);
    const [product] = await tx
      .update(products)
      .set({ ...changes, updatedAt: ctx.now.toISOString() })
      .where(eq(products.id, productId))
      .returning();
    if (!product) throw new NotFoundError(`No product ${productId}.`);
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'product.update',
      entity: 'product',
      entityId: String(productId),
      details: { changes },
      requestId: ctx.requestId,
    });
    return product;
  });
}
