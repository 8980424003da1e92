import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { products } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from './billing-context.js';
import { ExternalKeySchema, parseInput } from './input-schemas.js';
import { ProductFields, type ProductRow } from './product-fields.js';

export const EnsureProductInput = ProductFields.extend({ externalKey: ExternalKeySchema });
export type EnsureProductInput = z.input<typeof EnsureProductInput>;

/**
 * The product for an external key (one per ConnectWise work role × work type, expense type
 * or catalog item), created when missing as Emersion does. An existing product is returned
 * as it is: its price, tax and GL codes belong to the billing side once created, so a sync
 * never re-prices the catalog behind the user's back (use updateProduct for that).
 * Safe to call concurrently: the external key is unique and the loser reads the winner's row.
 */
export async function ensureProduct(
  ctx: BillingContext & { defaultCurrency: string },
  input: EnsureProductInput,
): Promise<{ product: ProductRow; created: boolean }> {
  const parsed = parseInput(EnsureProductInput, input);
  return ctx.db.transaction(async (tx) => {
    const at = ctx.now.toISOString();
    const [inserted] = await tx
      .insert(products)
      .values({ ...parsed, currency: parsed.currency ?? ctx.defaultCurrency, createdAt: at, updatedAt: at })
      .onConflictDoNothing({ target: products.externalKey })
      .returning();
    if (inserted) {
      await recordAudit(tx, {
        at: ctx.now,
        actor: ctx.actor,
        action: 'product.create',
        entity: 'product',
        entityId: String(inserted.id),
        details: { externalKey: parsed.externalKey },
        requestId: ctx.requestId,
      });
      return { product: inserted, created: true };
    }
    const [existing] = await tx.select().from(products).where(eq(products.externalKey, parsed.externalKey)).limit(1);
    return { product: existing, created: false };
  });
}
