import { Hono } from 'hono';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { previewSubscriptionChange, SubscriptionChangeBody } from '../../billing/preview-subscription-change.js';
import { IdParam } from './billing-context-of.js';

/**
 * The pro-rating of a subscribe, terms change or cancellation before it is saved, as the
 * invoice run would bill it (billing/preview-subscription-change.ts). Writes nothing, so it
 * needs no idempotency key.
 */
export function subscriptionPreviewRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.post(
    '/api/v1/accounts/:id/subscriptions/preview',
    deps.requirePower(POWERS.integration),
    validate('param', IdParam),
    validate('json', SubscriptionChangeBody),
    async (c) => c.json(await previewSubscriptionChange(deps.db, { accountId: c.req.valid('param').id, change: c.req.valid('json') })),
  );
  return app;
}
