import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import { AccountPageSchema, type AccountItem, type Page } from '../../../../shared/schemas/listings.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { describeResponse } from '../../http/response-metadata.js';
import { listingQuery, pageFrom } from '../../http/listing-page.js';
import { CreateAccountInput, createAccount } from '../../billing/create-account.js';
import { UpdateAccountInput, updateAccount } from '../../billing/update-account.js';
import { getAccount, listAccounts } from '../../billing/get-account.js';
import { ACCOUNT_STATUSES } from '../../billing/account-fields.js';
import { ExternalKeySchema } from '../../billing/input-schemas.js';
import { billingContextOf, IdParam } from './billing-context-of.js';

const AccountQuery = listingQuery('accounts', {
  status: z.enum(ACCOUNT_STATUSES).optional(),
  externalKey: ExternalKeySchema.optional().describe('The mirrored record, e.g. `connectwise:company:250` (ConnectWise company 250).'),
  externalKeyPrefix: z.string().min(1).max(200).optional().describe('External keys starting with this text, e.g. `connectwise:company:`.'),
  nameContains: z.string().trim().min(1).max(200).optional().describe('Part of the name, any case.'),
});

export function accountRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = () => deps.requirePower(POWERS.integration);

  app.post('/api/v1/accounts', guard(), idempotent(deps), validate('json', CreateAccountInput), async (c) =>
    c.json(await createAccount(billingContextOf(c, deps), c.req.valid('json')), 201),
  );
  app.get(
    '/api/v1/accounts',
    guard(),
    validate('query', AccountQuery),
    describeResponse(200, AccountPageSchema, 'One page of accounts in id order; `nextCursor` is null on the last.'),
    async (c) => {
      const { after, limit, ...filter } = c.req.valid('query');
      const rows = await listAccounts(deps.db, { ...filter, afterId: after ?? 0, limit: limit + 1 });
      return c.json(pageFrom('accounts', rows, limit) satisfies Page<AccountItem>);
    },
  );
  app.get('/api/v1/accounts/:id', guard(), validate('param', IdParam), async (c) =>
    c.json(await getAccount(deps.db, c.req.valid('param').id)),
  );
  app.patch('/api/v1/accounts/:id', guard(), validate('param', IdParam), validate('json', UpdateAccountInput.shape.changes), async (c) =>
    c.json(await updateAccount(billingContextOf(c, deps), { accountId: c.req.valid('param').id, changes: c.req.valid('json') })),
  );
  return app;
}
