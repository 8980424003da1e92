import type { Db } from '../db/client.js';

/**
 * Queues this process's transactions one behind the other, by replacing the drizzle database's
 * `transaction` method. The libSQL client pools connections and runs SQLite synchronously: a
 * second `BEGIN IMMEDIATE` while another transaction of this process awaits would block the
 * event loop that the first needs to finish (a deadlock until the busy timeout, then
 * SQLITE_BUSY). SQLite allows one writer at a time anyway, so waiting in a queue costs nothing.
 * Savepoints (`tx.transaction`) are not queued. The busy timeout still covers other processes
 * (the CLI, a benchmark). It wraps drizzle's public `transaction(work, config)` only, so unlike
 * the libsql patch it needs no version check (package.json pins drizzle-orm exactly anyway).
 */
export function serializeTransactions(db: Db): Db {
  let tail: Promise<unknown> = Promise.resolve();
  const transaction = db.transaction.bind(db);
  db.transaction = ((work, config) => {
    const run = tail.then(() => transaction(work, config));
    tail = run.catch(() => undefined);
    return run;
  }) as Db['transaction'];
  return db;
}
