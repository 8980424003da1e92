import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { ratePendingUsage } from '../../usage/rate-pending-usage.js';
import { getRatingPlan, setRatingPlan } from '../../usage/set-rating-plan.js';
import { usageSummary } from '../../usage/usage-summary.js';
import { RatingOptionsBody, usageContextOf } from './usage-context-of.js';

const PlanParam = z.object({ planId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const SummaryQuery = z.object({ invoiceId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** Rate cards, rating runs and the usage summary of an invoice. */
export function usageRatingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.put(
    '/api/v1/usage/rating-plans/:planId',
    deps.requirePower(POWERS.settings),
    validate('param', PlanParam),
    validate('json', z.unknown()),
    async (c) => {
      const { planId } = c.req.valid('param');
      const ratingPlan = await setRatingPlan(usageContextOf(c, deps), { planId, ratingPlan: c.req.valid('json') });
      return c.json(ratingPlan);
    },
  );

  app.get('/api/v1/usage/rating-plans/:planId', deps.requirePower(POWERS.integration), validate('param', PlanParam), async (c) => {
    const { planId } = c.req.valid('param');
    return c.json(await getRatingPlan({ db: deps.db }, planId));
  });

  app.post(
    '/api/v1/usage/rating-runs',
    deps.requirePower(POWERS.integration),
    validate('json', RatingOptionsBody.optional()),
    async (c) => {
      const options = c.req.valid('json') ?? {};
      return c.json(await ratePendingUsage(usageContextOf(c, deps), options), 201);
    },
  );

  app.get('/api/v1/usage/summary', deps.requirePower(POWERS.integration), validate('query', SummaryQuery), async (c) => {
    const { invoiceId } = c.req.valid('query');
    return c.json({ invoiceId, lines: await usageSummary(deps.db, { invoiceId }) });
  });
  return app;
}
