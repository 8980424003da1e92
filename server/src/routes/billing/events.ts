import { asc, gt } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { billingEvents } from '../../db/schema/index.js';

const EventQuery = z.object({
  afterId: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/** The billing event outbox, read in order by a delivery worker or an integration. */
export function billingEventRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/billing-events', deps.requirePower(POWERS.integration), validate('query', EventQuery), async (c) => {
    const { afterId, limit } = c.req.valid('query');
    return c.json({
      events: await deps.db.select().from(billingEvents).where(gt(billingEvents.id, afterId)).orderBy(asc(billingEvents.id)).limit(limit),
    });
  });
  return app;
}
