import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema/index.js';
import { installStatementCache } from './statement-cache.js';

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
  installStatementCache();
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

/**
 * Queues this process's transactions one behind the other. The libSQL client pools
 * connections and runs SQLite synchronously: a second `BEGIN IMMEDIATE` while another
 * transaction of this process awaits would block the event loop that the first needs to
 * finish (a deadlock until the busy timeout, then SQLITE_BUSY). SQLite allows one writer
 * at a time anyway, so waiting in a queue costs nothing. Savepoints (`tx.transaction`)
 * are not queued. The busy timeout still covers other processes (the CLI, a benchmark).
 */
function serializeTransactions(db: Db): Db {
  let tail: Promise<unknown> = Promise.resolve();
  const transaction = db.transaction.bind(db);
  db.transaction = ((work, config) => {
    const run = tail.then(() => transaction(work, config));
    tail = run.catch(() => undefined);
    return run;
  }) as Db['transaction'];
  return db;
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
