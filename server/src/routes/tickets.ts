import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { describeTicketBilling } from '../tickets/describe-ticket-billing.js';

const TicketParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export function ticketRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/tickets/:id/billing', deps.requirePower(POWERS.integration), validate('param', TicketParams), async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await describeTicketBilling(deps.db, deps.cw, id, deps.config.currency));
  });
  return app;
}
