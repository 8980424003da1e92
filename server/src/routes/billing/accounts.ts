import { Hono } from 'hono';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { CreateAccountInput, createAccount } from '../../billing/create-account.js';
import { UpdateAccountInput, updateAccount } from '../../billing/update-account.js';
import { getAccount, listAccounts } from '../../billing/get-account.js';
import { billingContextOf, IdParam, PageQuery } from './billing-context-of.js';

export function accountRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = () => deps.requirePower(POWERS.integration);

  app.post('/api/v1/accounts', guard(), idempotent(deps), validate('json', CreateAccountInput), async (c) =>
    c.json(await createAccount(billingContextOf(c, deps), c.req.valid('json')), 201),
  );
  app.get('/api/v1/accounts', guard(), validate('query', PageQuery), async (c) => {
    const page = c.req.valid('query');
    return c.json({ accounts: await listAccounts(deps.db, page) });
  });
  app.get('/api/v1/accounts/:id', guard(), validate('param', IdParam), async (c) =>
    c.json(await getAccount(deps.db, c.req.valid('param').id)),
  );
  app.patch('/api/v1/accounts/:id', guard(), validate('param', IdParam), validate('json', UpdateAccountInput.shape.changes), async (c) =>
    c.json(await updateAccount(billingContextOf(c, deps), { accountId: c.req.valid('param').id, changes: c.req.valid('json') })),
  );
  return app;
}
