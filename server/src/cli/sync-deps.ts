import { ConnectWiseClient } from '../connectwise/client.js';
import { discoverCodebase } from '../connectwise/discover-codebase.js';
import { SecretBox } from '../settings/secret-box.js';
import type { SyncDeps } from '../sync/run-sync.js';
import { syncClient } from '../sync/sync-client.js';
import type { CliContext } from './cli-context.js';

/**
 * The sync's dependencies, as the server builds them: without CW_SITE the simulator the
 * server embeds (http://LISTEN_HOST:SIMULATOR_PORT), so start the server first.
 */
export async function syncDeps(cli: CliContext): Promise<SyncDeps> {
  const { env } = cli;
  const site = env.CW_SITE ?? `http://${env.LISTEN_HOST}:${env.SIMULATOR_PORT}`;
  const codebase = await discoverCodebase(site, env.CW_COMPANY_ID);
  const fallback = new ConnectWiseClient({
    credentials: {
      site,
      codebase,
      companyId: env.CW_COMPANY_ID,
      publicKey: env.CW_PUBLIC_KEY,
      privateKey: env.CW_PRIVATE_KEY,
      clientId: env.CW_CLIENT_ID,
    },
  });
  // A connection saved through the API (encrypted) wins over the environment, as in the server.
  const cw = await syncClient(cli.database.db, SecretBox.load(env.SECRET_KEY), fallback);
  return { db: cli.database.db, cw, clock: cli.clock, currency: env.CURRENCY };
}
