import type { Db } from '../db/client.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { storedCredentials } from '../settings/connection.js';
import type { SecretBox } from '../settings/secret-box.js';

/** The client the sync uses: the stored connection when one is configured, else the process's (env) client. */
export async function syncClient(db: Db, box: SecretBox, fallback: ConnectWiseClient): Promise<ConnectWiseClient> {
  const credentials = await storedCredentials(db, box);
  return credentials ? fallback.withOptions({ credentials }) : fallback;
}
