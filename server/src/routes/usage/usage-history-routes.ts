import { Hono } from 'hono';
import { desc } from 'drizzle-orm';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { usageImports, usageRatingRuns } from '../../db/schema/index.js';

const RecentQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

/** The latest usage imports and rating runs, newest first: what the billing desk's usage tab lists. */
export function usageHistoryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/usage/imports', deps.requirePower(POWERS.integration), validate('query', RecentQuery), async (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ items: await deps.db.select().from(usageImports).orderBy(desc(usageImports.id)).limit(limit) });
  });
  app.get('/api/v1/usage/rating-runs', deps.requirePower(POWERS.integration), validate('query', RecentQuery), async (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ items: await deps.db.select().from(usageRatingRuns).orderBy(desc(usageRatingRuns.id)).limit(limit) });
  });
  return app;
}
