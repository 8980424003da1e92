import { Hono } from 'hono';
import { ALL_POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../../src/http/app-env.js';
import { requestId } from '../../src/http/request-id.js';
import { notFound, onError } from '../../src/http/on-error.js';
import { makeRequirePower } from '../../src/http/require-power.js';
import { issueToken } from '../../src/auth/tokens.js';
import { ConnectWiseClient } from '../../src/connectwise/client.js';
import { usageRoutes } from '../../src/routes/usage/index.js';
import { accountingRoutes } from '../../src/routes/accounting/index.js';
import { openTestDatabase } from '../../../test/helpers/test-db.js';

/**
 * The usage and accounting routes on a throwaway database, built like createApp (request ids,
 * one onError) until the lead mounts them in app.ts; the clock is the test's.
 */
export async function createUsageTestApp(options: { now: Date }) {
  const database = await openTestDatabase();
  let now = options.now;
  const clock = () => now;
  const cw = new ConnectWiseClient({
    credentials: {
      site: 'http://127.0.0.1:9',
      codebase: 'v4_6_release/',
      companyId: 'test',
      publicKey: 'p',
      privateKey: 'k',
      clientId: 'c',
    },
    maxAttempts: 1,
  });
  const deps = {
    db: database.db,
    cw,
    clock,
    requirePower: makeRequirePower({ db: database.db, clock }),
    config: { manageUiOrigins: [], podAssetsDir: 'dist/pod', cwCompanyId: 'test', currency: 'AUD' },
  };
  const app = new Hono<AppEnv>();
  app.use('*', requestId);
  app.onError(onError);
  app.notFound(notFound);
  app.route('/', usageRoutes(deps));
  app.route('/', accountingRoutes(deps));
  const admin = await issueToken(database.db, { name: 'test admin', kind: 'api', powers: ALL_POWERS, now });

  const request = (method: string, path: string, body?: unknown, contentType = 'application/json') =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${admin.token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return {
    app,
    db: database.db,
    request,
    ctx: () => ({ db: database.db, now, actor: 'test', defaultCurrency: 'AUD' }),
    setNow: (date: Date) => {
      now = date;
    },
    dispose: () => database.dispose(),
  };
}
