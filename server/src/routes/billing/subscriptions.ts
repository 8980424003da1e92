import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { subscriptions } from '../../db/schema/index.js';
import { SubscribeInput, subscribe } from '../../billing/subscribe.js';
import { changeSubscriptionTerms, TermsChangeBody } from '../../billing/change-subscription-terms.js';
import { CancelSubscriptionInput, cancelSubscription } from '../../billing/cancel-subscription.js';
import { getAccount } from '../../billing/get-account.js';
import { billingContextOf, IdParam } from './billing-context-of.js';

export function subscriptionRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = () => deps.requirePower(POWERS.integration);

  app.post(
    '/api/v1/accounts/:id/subscriptions',
    guard(),
    idempotent(deps),
    validate('param', IdParam),
    validate('json', SubscribeInput.omit({ accountId: true })),
    async (c) => c.json(await subscribe(billingContextOf(c, deps), { ...c.req.valid('json'), accountId: c.req.valid('param').id }), 201),
  );
  app.get('/api/v1/accounts/:id/subscriptions', guard(), validate('param', IdParam), async (c) => {
    const account = await getAccount(deps.db, c.req.valid('param').id);
    return c.json({
      subscriptions: await deps.db
        .select()
        .from(subscriptions)
        .where(eq(subscriptions.accountId, account.id))
        .orderBy(asc(subscriptions.id)),
    });
  });
  // Quantity and price override changes, effective from a day.
  app.post(
    '/api/v1/subscriptions/:id/terms',
    guard(),
    idempotent(deps),
    validate('param', IdParam),
    validate('json', TermsChangeBody),
    async (c) =>
      c.json(
        await changeSubscriptionTerms(billingContextOf(c, deps), { ...c.req.valid('json'), subscriptionId: c.req.valid('param').id }),
        201,
      ),
  );
  app.post(
    '/api/v1/subscriptions/:id/cancel',
    guard(),
    idempotent(deps),
    validate('param', IdParam),
    validate('json', CancelSubscriptionInput.omit({ subscriptionId: true })),
    async (c) =>
      c.json({
        cancelled: await cancelSubscription(billingContextOf(c, deps), { ...c.req.valid('json'), subscriptionId: c.req.valid('param').id }),
      }),
  );
  return app;
}
