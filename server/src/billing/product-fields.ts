import { z } from 'zod';
import { PRODUCT_KINDS, type products } from '../db/schema/index.js';
import { CurrencySchema, NameSchema, PriceCentsSchema, TaxCodeSchema } from './input-schemas.js';

export type ProductRow = typeof products.$inferSelect;

export const ProductFields = z.object({
  name: NameSchema,
  kind: z.enum(PRODUCT_KINDS),
  unitPriceCents: PriceCentsSchema,
  /** Defaults to the installation's currency. */
  currency: CurrencySchema.optional(),
  unit: z.string().trim().min(1).max(40).default('each'),
  /** GST by default: taxed at the account's rate unless the code has a rate of its own. */
  taxCode: TaxCodeSchema.default('GST'),
  glCode: z.string().trim().min(1).max(40).nullable().default(null),
});
