import { Hono } from 'hono';
import type { AppEnv } from '../../server/src/http/app-env.js';
import { requestId } from '../../server/src/http/request-id.js';
import { notFound, onError } from '../../server/src/http/on-error.js';
import { makeRequirePower } from '../../server/src/http/require-power.js';
import type { Db } from '../../server/src/db/client.js';
import type { ConnectWiseClient } from '../../server/src/connectwise/client.js';
import { syncRoutes, type SyncRouteOptions } from '../../server/src/routes/sync/index.js';
import { SecretBox } from '../../server/src/settings/secret-box.js';
import { testClock } from './test-clock.js';

/** The sync routes mounted as app.ts will mount them (until the lead wires them into createApp). */
export function mountSyncRoutes(input: { db: Db; cw: ConnectWiseClient; clock?: () => Date } & SyncRouteOptions) {
  const clock = input.clock ?? testClock();
  const app = new Hono<AppEnv>();
  app.use('*', requestId);
  app.onError(onError);
  app.notFound(notFound);
  app.route(
    '/',
    syncRoutes(
      {
        db: input.db,
        cw: input.cw,
        clock,
        requirePower: makeRequirePower({ db: input.db, clock }),
        config: { manageUiOrigins: [], podAssetsDir: 'dist/pod', cwCompanyId: 'demo', currency: 'AUD' },
      },
      { secretBox: input.secretBox ?? SecretBox.fromKeyMaterial('test-secret-key-that-is-long-enough-000'), fetch: input.fetch },
    ),
  );
  const request = (method: string, path: string, body: unknown, token: string, contentType = 'application/json') =>
    app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, request };
}
