import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { validate } from '../http/validate.js';
import { describeTicketBilling } from '../tickets/describe-ticket-billing.js';
import { SingleFlight } from '../tickets/single-flight.js';
import type { TicketSnapshot } from '../tickets/ticket-snapshot.js';

const TicketParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
/** `refresh=true`: read the ticket from Manage now (the pod's Refresh), whatever the server holds. */
const TicketQuery = z.object({ refresh: z.enum(['true', 'false']).optional() });

export function ticketRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const liveReads = new SingleFlight<number, TicketSnapshot>();
  app.get(
    '/api/v1/tickets/:id/billing',
    deps.requirePower(POWERS.integration),
    validate('param', TicketParams),
    validate('query', TicketQuery),
    async (c) => {
      const { id } = c.req.valid('param');
      const { refresh } = c.req.valid('query');
      const billing = await describeTicketBilling(
        { db: deps.db, cw: deps.cw, clock: deps.clock, currency: deps.config.currency, liveReads },
        id,
        { refresh: refresh === 'true' },
      );
      return c.json(billing);
    },
  );
  return app;
}
