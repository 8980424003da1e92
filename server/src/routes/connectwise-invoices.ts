import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { valid, validate } from '../http/validate.js';
import { describeInvoiceOverlap } from '../connectwise-invoices/describe-invoice-overlap.js';

const InvoiceParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

/** What a ConnectWise invoice shares with our billing (the extension's invoice panel). */
export function connectwiseInvoiceRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/connectwise/invoices/:id/overlap', deps.requirePower(POWERS.integration), validate('param', InvoiceParams), async (c) => {
    const { id } = valid<z.infer<typeof InvoiceParams>>(c, 'param');
    return c.json(await describeInvoiceOverlap(deps.db, deps.cw, id));
  });
  return app;
}
