// A sync in its own process, for the SIGKILL test: prints one line per saved page and
// pauses, so the parent can kill it between (or during) pages.
import { openDatabase } from '../../src/db/client.js';
import { ConnectWiseClient } from '../../src/connectwise/client.js';
import { runSync } from '../../src/sync/run-sync.js';
import { testClock } from '../../../test/helpers/test-clock.js';

const env = process.env;
const database = await openDatabase(env.SYNC_DB_URL!);
const cw = new ConnectWiseClient({
  credentials: {
    site: env.CW_SITE!,
    codebase: env.CW_CODEBASE!,
    companyId: env.CW_COMPANY_ID!,
    publicKey: env.CW_PUBLIC_KEY!,
    privateKey: env.CW_PRIVATE_KEY!,
    clientId: env.CW_CLIENT_ID!,
  },
});
await runSync(
  { db: database.db, cw, clock: testClock(), currency: 'AUD' },
  {
    mode: 'full',
    trigger: 'child',
    pageSize: Number(env.SYNC_PAGE_SIZE ?? 5),
    afterPage: async (stream) => {
      process.stdout.write(`page ${stream}\n`);
      await new Promise((r) => setTimeout(r, 50));
    },
  },
);
process.stdout.write('done\n');
database.close();
