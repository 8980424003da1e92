import type { z } from 'zod';
import { products } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { ExternalKeySchema, parseInput } from './input-schemas.js';
import { ProductFields, type ProductRow } from './product-fields.js';
import { assertTaxCodeUsable } from './tax-code-usable.js';

export const CreateProductInput = ProductFields.extend({ externalKey: ExternalKeySchema.nullable().default(null) });
export type CreateProductInput = z.input<typeof CreateProductInput>;

/** Adds a catalog product (409 when its external key is taken). */
export async function createProduct(ctx: BillingContext & { defaultCurrency: string }, input: CreateProductInput): Promise<ProductRow> {
  const parsed = parseInput(CreateProductInput, input);
  return ctx.db.transaction(async (tx) => {
    await assertTaxCodeUsable(tx, parsed.taxCode);
    const at = ctx.now.toISOString();
    const [product] = await tx
      .insert(products)
      .values({ ...parsed, currency: parsed.currency ?? ctx.defaultCurrency, createdAt: at, updatedAt: at })
      .onConflictDoNothing({ target: products.externalKey })
      .returning();
    if (!product) throw new ConflictError(`A product with external key ${parsed.externalKey} already exists.`);
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'product.create',
      entity: 'product',
      entityId: String(product.id),
      requestId: ctx.requestId,
    });
    return product;
  });
}
