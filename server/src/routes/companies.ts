import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { describeCompanyBilling } from '../companies/describe-company-billing.js';

const CompanyParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** The billing side of a ConnectWise company (the company pod and panel). */
export function companyRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/companies/:id/billing', deps.requirePower(POWERS.integration), validate('param', CompanyParams), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await describeCompanyBilling(deps.db, id, deps.clock().toISOString().slice(0, 10)));
  });
  return app;
}
