import { and, asc, eq, isNull } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import { CHARGE_STATUSES, ChargePageSchema, type ChargeItem, type Page } from '../../../../shared/schemas/listings.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { describeResponse } from '../../http/response-metadata.js';
import { FROM_AFTER_TO, fromNotAfterTo, listingQuery, pageFrom } from '../../http/listing-page.js';
import { CHARGE_KINDS, charges } from '../../db/schema/index.js';
import { AddChargesInput, addCharges, ChargeInput } from '../../billing/add-charges.js';
import { getAccount } from '../../billing/get-account.js';
import { listCharges } from '../../billing/list-charges.js';
import { IsoDateSchema } from '../../billing/input-schemas.js';
import { billingContextOf, IdParam } from './billing-context-of.js';

const ChargeQuery = listingQuery('charges', {
  accountId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  kind: z.enum(CHARGE_KINDS).optional(),
  status: z.enum(CHARGE_STATUSES).optional().describe('pending: on no invoice; draft: on a draft invoice; invoiced: on an approved one.'),
  source: z.string().min(1).max(200).optional().describe('Exactly this source, e.g. `connectwise:time:123`.'),
  sourcePrefix: z.string().min(1).max(200).optional().describe('Sources starting with this text, e.g. `connectwise:time:`.'),
  from: IsoDateSchema.optional().describe('Charge date on or after, YYYY-MM-DD.'),
  to: IsoDateSchema.optional().describe('Charge date on or before, YYYY-MM-DD.'),
}).refine(fromNotAfterTo, FROM_AFTER_TO);

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
  app.get(
    '/api/v1/charges',
    guard(),
    validate('query', ChargeQuery),
    describeResponse(200, ChargePageSchema, 'One page of charges in id order; `nextCursor` is null on the last.'),
    async (c) => {
      const { after, limit, ...filter } = c.req.valid('query');
      const rows = await listCharges(deps.db, { ...filter, afterId: after ?? 0, limit: limit + 1 });
      return c.json(pageFrom('charges', rows, limit) satisfies Page<ChargeItem>);
    },
  );
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
