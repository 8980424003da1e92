import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema/index.js';
import { installLibsqlStatementCache } from '../patches/libsql-statement-cache.js';
import { serializeTransactions } from '../patches/drizzle-serial-transactions.js';

export type Db = LibSQLDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: use cases accept both. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  client: Client;
  close(): void;
}

/**
 * Opens the libSQL database. A `file:` URL is resolved from the working
 * directory, and its folder is created first: libSQL will not create it.
 */
export async function openDatabase(url: string): Promise<Database> {
  const resolvedUrl = resolveFileUrl(url);
  installLibsqlStatementCache();
  // The client pools connections; `timeout` is the busy timeout of every one of them (the
  // PRAGMA below reaches only the first), so concurrent transactions wait instead of failing.
  const client = createClient({ url: resolvedUrl, timeout: 5000 });
  if (resolvedUrl.startsWith('file:')) {
    // WAL lets readers (the pod, the API) proceed while a sync or invoice run writes.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = serializeTransactions(drizzle(client, { schema }));
  return { db, client, close: () => client.close() };
}

/** Applies the committed drizzle-kit migrations (folder resolved from the working directory). */
export async function migrateDatabase(db: Db, migrationsFolder = resolve('server/src/db/migrations')): Promise<void> {
  await migrate(db, { migrationsFolder });
}

function resolveFileUrl(url: string): string {
  if (!url.startsWith('file:')) return url;
  const path = resolve(url.slice('file:'.length));
  mkdirSync(dirname(path), { recursive: true });
  return `file:${path}`;
}
