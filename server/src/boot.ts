import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ALL_POWERS, POWERS } from '../../shared/powers.js';
import type { Env } from './env.js';
import { openDatabase, migrateDatabase, type Database } from './db/client.js';
import { ConnectWiseClient } from './connectwise/client.js';
import { discoverCodebase } from './connectwise/discover-codebase.js';
import { registerPods } from './connectwise/register-pods.js';
import { makeRequirePower } from './http/require-power.js';
import { bootstrapAdminToken, grantDemoMembers } from './auth/bootstrap.js';
import { createApp } from './app.js';
import { storedCredentials } from './settings/connection.js';
import { startBillingEventDelivery } from './billing/deliver-billing-events.js';
import { startSimulator, type RunningSimulator } from './simulator/server.js';
import { demoDataset } from './simulator/data/demo.js';
import { syncRuns } from './db/schema/index.js';
import { runSync } from './sync/run-sync.js';
import { interruptOrphanedSyncRuns } from './sync/interrupt-orphaned-sync-runs.js';
import { interruptOrphanedInvoiceRuns } from './billing/interrupt-orphaned-invoice-runs.js';
import { interruptOrphanedUsageRuns } from './usage/interrupt-orphaned-usage-runs.js';
import { registerCallbacks } from './connectwise/register-callbacks.js';
import { startSyncSchedule } from './sync/schedule.js';
import { syncClient } from './sync/sync-client.js';
import { SecretBox } from './settings/secret-box.js';
import type { Db } from './db/client.js';
import { applyDemoMappingsOnce } from './demo/demo-mappings.js';

export interface RunningSystem {
  app: ReturnType<typeof createApp>;
  serverUrl: string;
  /** Set when the embedded simulator runs (no CW_SITE configured). */
  simulator: RunningSimulator | null;
  cw: ConnectWiseClient;
  database: Database;
  /** Printed once on first start; null afterwards. */
  bootstrapToken: string | null;
  close(): Promise<void>;
}

/**
 * Brings the whole product up: database (migrated), ConnectWise (a real site,
 * or the simulator with demo data), the API and the pod, and registers the
 * pod with Manage's Hosted API.
 */
export async function startSystem(
  env: Env,
  options: {
    podAssetsDir?: string;
    clock?: () => Date;
    liveSync?: boolean;
    /** Told of every request the server makes to Manage (tests and benchmarks count them). */
    onConnectWiseRequest?: (method: string, path: string) => void;
  } = {},
): Promise<RunningSystem> {
  const clock = options.clock ?? (() => new Date());
  if (env.WEBHOOK_URL && !env.WEBHOOK_SECRET) throw new Error('WEBHOOK_URL needs WEBHOOK_SECRET (16+ characters) to sign what it sends.');
  const database = await openDatabase(env.DATABASE_URL);
  await migrateDatabase(database.db);
  await interruptOrphanedRuns(database.db, clock);

  const simulator = env.CW_SITE
    ? null
    : await startSimulator({
        port: env.SIMULATOR_PORT,
        listenHost: env.LISTEN_HOST,
        publicHost: env.PUBLIC_HOST,
        credentials: { companyId: env.CW_COMPANY_ID, publicKey: env.CW_PUBLIC_KEY, privateKey: env.CW_PRIVATE_KEY },
        // An injected clock (tests) dates the demo data from its today and runs the simulator
        // on it; by default the demo keeps its own June 2026 and the simulator the real clock.
        dataset: demoDataset(options.clock ? { now: clock() } : {}),
        clock,
      });
  const site = env.CW_SITE ?? simulator!.apiUrl;
  const codebase = await discoverCodebase(site, env.CW_COMPANY_ID);
  const cw = new ConnectWiseClient({
    credentials: {
      site,
      codebase,
      companyId: env.CW_COMPANY_ID,
      publicKey: env.CW_PUBLIC_KEY,
      privateKey: env.CW_PRIVATE_KEY,
      clientId: env.CW_CLIENT_ID,
    },
    ...(options.onConnectWiseRequest ? { onRequest: options.onConnectWiseRequest } : {}),
  });

  // A connection an admin saved in Settings overrides the environment's.
  const savedConnection = await storedCredentials(database.db, SecretBox.load(env.SECRET_KEY));
  if (savedConnection) cw.useCredentials(savedConnection);

  const manageUiOrigins =
    env.CW_UI_ORIGINS?.split(',')
      .map((o) => o.trim())
      .filter(Boolean) ?? (simulator ? [simulator.pageUrl] : []);
  const app = createApp({
    db: database.db,
    cw,
    clock,
    requirePower: makeRequirePower({ db: database.db, clock }),
    config: {
      manageUiOrigins,
      podAssetsDir: options.podAssetsDir ?? resolve('dist/pod'),
      cwCompanyId: env.CW_COMPANY_ID,
      currency: env.CURRENCY,
    },
  });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.LISTEN_HOST });
  await new Promise<void>((done, fail) => {
    server.once('listening', () => done());
    server.once('error', fail);
  });
  const { port } = server.address() as AddressInfo;
  const serverUrl = env.PUBLIC_URL ?? `http://${env.PUBLIC_HOST}:${port}`;

  const bootstrapToken = await bootstrapAdminToken(database.db, clock());
  if (simulator) {
    await grantDemoMembers(database.db, clock(), { admin: ALL_POWERS, jsmith: [POWERS.integration] });
    await applyDemoMappingsOnce(database.db, clock());
    await registerPods(cw, `${serverUrl}/pod/`);
  }
  // `liveSync` (npm start): with the embedded simulator, changes reach billing through Manage's
  // callbacks, and the sync schedule (a setting, off until set) runs. Tests start without it.
  const schedule = simulator && options.liveSync ? await startLiveSync(database.db, cw, clock, env, serverUrl) : null;

  const delivery =
    env.WEBHOOK_URL && env.WEBHOOK_SECRET
      ? startBillingEventDelivery(database.db, { url: env.WEBHOOK_URL, secret: env.WEBHOOK_SECRET }, clock)
      : null;

  return {
    app,
    serverUrl,
    simulator,
    cw,
    database,
    bootstrapToken,
    close: async () => {
      schedule?.stop();
      delivery?.stop();
      await new Promise<void>((done) => server.close(() => done()));
      await simulator?.close();
      database.close();
    },
  };
}

/**
 * A process that was killed (or a machine that restarted) leaves its runs "running": those
 * whose holder is gone become "interrupted", with the counts they saved; the next run of each
 * kind carries on from where they stopped. Runs of a live process (another server, the CLI)
 * keep running.
 */
async function interruptOrphanedRuns(db: Db, clock: () => Date): Promise<void> {
  const sync = await interruptOrphanedSyncRuns(db, clock());
  const invoice = await interruptOrphanedInvoiceRuns(db);
  const usage = await interruptOrphanedUsageRuns(db);
  const found = [
    sync.length > 0 ? `sync runs ${sync.join(', ')}` : '',
    invoice.length > 0 ? `invoice runs ${invoice.join(', ')}` : '',
    usage.ratingRuns.length > 0 ? `rating runs ${usage.ratingRuns.join(', ')}` : '',
    usage.imports.length > 0 ? `usage imports ${usage.imports.join(', ')}` : '',
  ].filter(Boolean);
  if (found.length > 0) console.warn(`Interrupted by a stopped process, to be resumed by their next run: ${found.join('; ')}.`);
}

async function startLiveSync(db: Db, cw: ConnectWiseClient, clock: () => Date, env: Env, serverUrl: string) {
  await registerCallbacks(cw, `${serverUrl}/api/v1/connectwise/callbacks?id=`);
  const box = SecretBox.load(env.SECRET_KEY);
  const deps = async () => ({ db, cw: await syncClient(db, box, cw), clock, currency: env.CURRENCY });
  // A fresh demo shows billing states at once: the first full sync runs in the background.
  const [anyRun] = await db.select({ id: syncRuns.id }).from(syncRuns).limit(1);
  if (!anyRun)
    void deps()
      .then((d) => runSync(d, { mode: 'full', trigger: 'first start (demo)' }))
      .catch((error) => console.warn('First demo sync failed:', (error as Error).message));
  return startSyncSchedule(deps);
}
