import { asc } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { products, taxCodes } from '../../db/schema/index.js';
import { CreateProductInput, createProduct } from '../../billing/create-product.js';
import { UpdateProductInput, updateProduct } from '../../billing/update-product.js';
import { SetTaxCodeInput, setTaxCode } from '../../billing/set-tax-code.js';
import { CreatePlanInput, createPlan } from '../../billing/create-plan.js';
import { getPlan, listPlans } from '../../billing/get-plan.js';
import { UpdatePlanInput, updatePlan } from '../../billing/update-plan.js';
import { billingContextOf, IdParam } from './billing-context-of.js';

/** Products, tax codes, service plans and package plans (bundles). */
export function catalogRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = () => deps.requirePower(POWERS.integration);

  app.post('/api/v1/products', guard(), idempotent(deps), validate('json', CreateProductInput), async (c) =>
    c.json(await createProduct(billingContextOf(c, deps), c.req.valid('json')), 201),
  );
  app.get('/api/v1/products', guard(), async (c) => c.json({ products: await deps.db.select().from(products).orderBy(asc(products.id)) }));
  app.patch('/api/v1/products/:id', guard(), validate('param', IdParam), validate('json', UpdateProductInput.shape.changes), async (c) =>
    c.json(await updateProduct(billingContextOf(c, deps), { productId: c.req.valid('param').id, changes: c.req.valid('json') })),
  );

  const CodeParam = z.object({ code: SetTaxCodeInput.shape.code });
  app.put(
    '/api/v1/tax-codes/:code',
    guard(),
    validate('param', CodeParam),
    validate('json', SetTaxCodeInput.omit({ code: true })),
    async (c) => c.json(await setTaxCode(billingContextOf(c, deps), { ...c.req.valid('json'), code: c.req.valid('param').code })),
  );
  app.get('/api/v1/tax-codes', guard(), async (c) =>
    c.json({ taxCodes: await deps.db.select().from(taxCodes).orderBy(asc(taxCodes.code)) }),
  );

  app.post('/api/v1/plans', guard(), idempotent(deps), validate('json', CreatePlanInput), async (c) =>
    c.json(await createPlan(billingContextOf(c, deps), c.req.valid('json')), 201),
  );
  app.get('/api/v1/plans', guard(), async (c) => c.json({ plans: await listPlans(deps.db) }));
  app.get('/api/v1/plans/:id', guard(), validate('param', IdParam), async (c) => c.json(await getPlan(deps.db, c.req.valid('param').id)));
  app.patch('/api/v1/plans/:id', guard(), validate('param', IdParam), validate('json', UpdatePlanInput.shape.changes), async (c) =>
    c.json(await updatePlan(billingContextOf(c, deps), { planId: c.req.valid('param').id, changes: c.req.valid('json') })),
  );
  return app;
}
