import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { charges } from '../../db/schema/index.js';
import { AddChargesInput, addCharges, ChargeInput } from '../../billing/add-charges.js';
import { getAccount } from '../../billing/get-account.js';
import { billingContextOf, IdParam } from './billing-context-of.js';

/** Pending charges (cardlines), one by one or in batches; idempotent by `source`. */
export function chargeRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = () => deps.requirePower(POWERS.integration);

  app.post('/api/v1/charges', guard(), idempotent(deps), validate('json', ChargeInput), async (c) => {
    const result = await addCharges(billingContextOf(c, deps), { charges: [c.req.valid('json')] });
    // 201 when this call created it, 200 with the existing charge id when the source was known.
    return result.added.length === 1
      ? c.json({ charge: result.added[0], alreadyPresent: false }, 201)
      : c.json({ alreadyPresent: true, ...result.alreadyPresent[0] }, 200);
  });
  app.post('/api/v1/charges/batch', guard(), idempotent(deps), validate('json', AddChargesInput), async (c) => {
    const result = await addCharges(billingContextOf(c, deps), c.req.valid('json'));
    return c.json({
      added: result.added.map((charge) => ({ source: charge.source, chargeId: charge.id, amountCents: charge.amountCents })),
      alreadyPresent: result.alreadyPresent,
    });
  });
  app.get('/api/v1/accounts/:id/pending-charges', guard(), validate('param', IdParam), async (c) => {
    const account = await getAccount(deps.db, c.req.valid('param').id);
    return c.json({
      charges: await deps.db
        .select()
        .from(charges)
        .where(and(eq(charges.accountId, account.id), isNull(charges.invoiceId)))
        .orderBy(asc(charges.chargeDate), asc(charges.id)),
    });
  });
  return app;
}
