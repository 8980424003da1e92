import { z } from 'zod';
import type { Db } from '../db/client.js';
import { ConnectWiseClient, type ConnectWiseClientOptions, type ConnectWiseCredentials } from '../connectwise/client.js';
import { discoverCodebase } from '../connectwise/discover-codebase.js';
import { readSetting, writeSetting } from './settings-store.js';
import { hasSecret, readSecret, storeSecret, type SecretBox } from './secret-box.js';
import type { ConnectionView } from '../../../shared/schemas/module-pages.js';

export const CONNECTION_KEY = 'connectwise.connection';
export const PRIVATE_KEY_SECRET = 'connectwise.privateKey';

const StoredConnection = z.object({
  site: z.string().default(''),
  companyId: z.string().default(''),
  publicKey: z.string().default(''),
  clientId: z.string().default(''),
  codebase: z.string().nullable().default(null),
});

export const ConnectionInput = z.object({
  site: z.url().max(300),
  companyId: z.string().trim().min(1).max(100),
  publicKey: z.string().trim().min(1).max(200),
  /** Omit to keep the stored private key. */
  privateKey: z.string().min(1).max(500).optional(),
  clientId: z.string().trim().min(1).max(100),
});
export type ConnectionInput = z.infer<typeof ConnectionInput>;

export async function getConnection(db: Db): Promise<ConnectionView> {
  const stored = await readSetting(db, CONNECTION_KEY, StoredConnection);
  return { ...stored, privateKeySet: await hasSecret(db, PRIVATE_KEY_SECRET) };
}

/** Saves the connection; the codebase is discovered through /login/companyinfo (docs/connectwise/rest-api.md#url-and-codebase). */
export async function saveConnection(
  db: Db,
  box: SecretBox,
  input: ConnectionInput,
  now: Date,
  fetchImpl: typeof fetch = fetch,
): Promise<ConnectionView> {
  const codebase = await discoverCodebase(input.site, input.companyId, fetchImpl).catch(() => null);
  await db.transaction(async (tx) => {
    await writeSetting(
      tx,
      CONNECTION_KEY,
      { site: input.site, companyId: input.companyId, publicKey: input.publicKey, clientId: input.clientId, codebase },
      now,
    );
    if (input.privateKey !== undefined) await storeSecret(tx, box, PRIVATE_KEY_SECRET, input.privateKey, now);
  });
  return getConnection(db);
}

/** The stored credentials, or null when the connection is not configured. */
export async function storedCredentials(db: Db, box: SecretBox): Promise<ConnectWiseCredentials | null> {
  const stored = await readSetting(db, CONNECTION_KEY, StoredConnection);
  const privateKey = await readSecret(db, box, PRIVATE_KEY_SECRET);
  if (!stored.site || !stored.companyId || !privateKey) return null;
  return {
    site: stored.site,
    codebase: stored.codebase ?? 'v4_6_release/',
    companyId: stored.companyId,
    publicKey: stored.publicKey,
    privateKey,
    clientId: stored.clientId,
  };
}

/** Tries the stored credentials against `/system/info` (docs/connectwise/rest-api.md#versioning). */
export async function testConnection(
  db: Db,
  box: SecretBox,
  options: Partial<ConnectWiseClientOptions> = {},
): Promise<{ ok: boolean; message: string; version?: string }> {
  const credentials = await storedCredentials(db, box);
  if (!credentials) return { ok: false, message: 'The connection is not configured (site, company id and private key are needed).' };
  try {
    const client = new ConnectWiseClient({ maxAttempts: 2, ...options, credentials });
    const info = await client.get<{ version?: string }>('/system/info');
    return { ok: true, message: 'Connected.', version: info?.version };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
