import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** A tax code and its rate; `rateBasisPoints` null means exempt (outside the tax). */
export const taxCodes = sqliteTable('tax_codes', {
  code: text('code').primaryKey(),
  rateBasisPoints: integer('rate_basis_points'),
  description: text('description').notNull(),
  updatedAt: text('updated_at').notNull(),
});

export const PRODUCT_KINDS = ['recurring', 'one-off', 'usage', 'labour', 'expense'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

/** The catalog of things a charge can be for. */
export const products = sqliteTable('products', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** e.g. `connectwise:work-role-type:3:7`, `connectwise:catalog:55`. */
  externalKey: text('external_key').unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: PRODUCT_KINDS }).notNull(),
  unitPriceCents: integer('unit_price_cents').notNull(),
  currency: text('currency').notNull(),
  unit: text('unit').notNull(),
  taxCode: text('tax_code').notNull(),
  glCode: text('gl_code'),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * A plan: a service plan prices one kind of service per period; a package plan (bundle)
 * has an access fee per period, parts, an optional setup fee, a discount and inclusions.
 */
export const plans = sqliteTable('plans', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['service', 'package'] }).notNull(),
  currency: text('currency').notNull(),
  /** Service plan: price of one unit per regular period. Package plan: the access fee. */
  periodPriceCents: integer('period_price_cents').notNull(),
  setupFeeCents: integer('setup_fee_cents').notNull(),
  /** Bundle discount on the bundle's fees of each period, in basis points. */
  discountBasisPoints: integer('discount_basis_points').notNull(),
  taxCode: text('tax_code').notNull(),
  glCode: text('gl_code'),
  createdAt: text('created_at').notNull(),
});

/** The service plans a package plan is made of. */
export const planParts = sqliteTable(
  'plan_parts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    packagePlanId: integer('package_plan_id')
      .notNull()
      .references(() => plans.id),
    servicePlanId: integer('service_plan_id')
      .notNull()
      .references(() => plans.id),
    mandatory: integer('mandatory', { mode: 'boolean' }).notNull(),
    quantityMilli: integer('quantity_milli').notNull(),
    /** Price of the part inside the bundle per period; null = the service plan's own price, 0 = included. */
    bundlePriceCents: integer('bundle_price_cents'),
  },
  (t) => [uniqueIndex('plan_parts_unique').on(t.packagePlanId, t.servicePlanId)],
);

/** What a plan includes each period, consumed before anything of that kind is charged. */
export const planInclusions = sqliteTable(
  'plan_inclusions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    planId: integer('plan_id')
      .notNull()
      .references(() => plans.id),
    description: text('description').notNull(),
    appliesToKind: text('applies_to_kind', { enum: PRODUCT_KINDS }).notNull(),
    /** Only charges for this product are absorbed; null = every charge of the kind. */
    productId: integer('product_id').references(() => products.id),
    quantityMilli: integer('quantity_milli').notNull(),
  },
  (t) => [index('plan_inclusions_plan_idx').on(t.planId)],
);
