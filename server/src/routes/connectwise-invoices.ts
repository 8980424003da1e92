import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { describeInvoiceOverlap } from '../connectwise-invoices/describe-invoice-overlap.js';
import { describeAgreementBilling } from '../connectwise-invoices/describe-agreement-billing.js';

const RecordParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** ConnectWise invoices and agreements beside our billing (the extension's panels on screens the Hosted API cannot host). */
export function connectwiseInvoiceRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/connectwise/invoices/:id/overlap', deps.requirePower(POWERS.integration), validate('param', RecordParams), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await describeInvoiceOverlap(deps.db, deps.cw, id));
  });
  app.get(
    '/api/v1/connectwise/agreements/:id/billing',
    deps.requirePower(POWERS.integration),
    validate('param', RecordParams),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await describeAgreementBilling(deps.db, deps.cw, id, deps.clock().toISOString().slice(0, 10), deps.config.currency));
    },
  );
  return app;
}
