import { ALL_POWERS, type Power } from '../../shared/powers.js';
import { createApp } from '../../server/src/app.js';
import { makeRequirePower } from '../../server/src/http/require-power.js';
import { issueToken } from '../../server/src/auth/tokens.js';
import { ConnectWiseClient } from '../../server/src/connectwise/client.js';
import { openTestDatabase } from './test-db.js';

/**
 * The API on a throwaway database, called through `app.request(...)`, with a
 * clock the test moves. ConnectWise points nowhere: use startTestSystem when
 * a test needs the simulator.
 */
export async function createTestApp(options: { now?: Date } = {}) {
  const database = await openTestDatabase();
  let now = options.now ?? new Date('2026-01-01T00:00:00Z');
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
  const app = createApp({
    db: database.db,
    cw,
    clock,
    requirePower: makeRequirePower({ db: database.db, clock }),
    config: { manageUiOrigins: [], podAssetsDir: 'dist/pod', cwCompanyId: 'test', currency: 'AUD' },
  });
  const admin = await issueToken(database.db, { name: 'test admin', kind: 'api', powers: ALL_POWERS, now });

  const request = (method: string, path: string, body?: unknown, token: string = admin.token) =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  return {
    app,
    db: database.db,
    database,
    adminToken: admin.token,
    request,
    setNow: (date: Date) => {
      now = date;
    },
    tokenWith: async (powers: Power[]) => (await issueToken(database.db, { name: 'limited', kind: 'api', powers, now })).token,
    dispose: () => database.dispose(),
  };
}
