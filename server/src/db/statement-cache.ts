// Keeps each libSQL connection's prepared statements for reuse, keyed by their SQL text.
//
// Why: @libsql/client prepares every statement afresh (`db.prepare(sql)` on each `execute`),
// and libsql 0.5.x never frees a prepared statement: not on garbage collection, not when the
// connection closes (measured: 20,000 prepares of a 100-parameter SELECT leave ~400 MB of
// native memory, `global.gc()` and `client.close()` included; the same statement prepared once
// and run 20,000 times leaves nothing). Each statement also keeps a copy of its last bound
// values, so every row ever inserted stayed in memory once more: importing 100,000 usage
// records peaked at 1.2 GB, an invoice run at 2.4 GB, all of it outside the JS heap.
// Drizzle sends the same SQL text for the same query shape, so reusing the statement prepared
// for that text stops the growth, and skips SQLite's parse and plan (most of the time of a
// multi-row INSERT). A statement that falls out of the cache is leaked as before.
//
// Safe to reuse because the client runs each statement to completion synchronously (`all()` or
// `run()`, which reset and rebind it first) before it uses the connection again, and SQLite
// re-prepares a cached statement by itself after a schema change.

import { createRequire } from 'node:module';

/** The part of libsql's `Database` (the client's connection) this file touches. */
type LibsqlDatabaseClass = { prototype: { prepare(sql: string, ...rest: unknown[]): unknown } };

/** Statements kept per connection: every query shape of a busy process, with room to spare. */
const STATEMENTS_PER_CONNECTION = 500;
const INSTALLED = Symbol.for('cw-billing.libsql-statement-cache');

/** Installs the cache on the libsql build @libsql/client uses (once per process; idempotent). */
export function installStatementCache(): void {
  const requireFromHere = createRequire(import.meta.url);
  // Resolved from the client's own entry, so this is the copy of libsql the client loads.
  const Database = createRequire(requireFromHere.resolve('@libsql/client'))('libsql') as LibsqlDatabaseClass & { [INSTALLED]?: true };
  if (Database[INSTALLED]) return;
  Database[INSTALLED] = true;
  const prepare = Database.prototype.prepare;
  const caches = new WeakMap<object, Map<string, unknown>>();
  Database.prototype.prepare = function cachedPrepare(this: object, sql: string, ...rest: unknown[]) {
    // Only the client's one-argument calls: libsql's own helpers (`pragma`) pass more and
    // change the statement's mode, so they keep a statement of their own.
    if (rest.length > 0) return prepare.call(this, sql, ...rest);
    let cache = caches.get(this);
    if (cache === undefined) {
      cache = new Map();
      caches.set(this, cache);
    }
    let statement = cache.get(sql);
    if (statement !== undefined) {
      // Most recently used last: the Map's order is the eviction order.
      cache.delete(sql);
      cache.set(sql, statement);
      return statement;
    }
    statement = prepare.call(this, sql);
    cache.set(sql, statement);
    if (cache.size > STATEMENTS_PER_CONNECTION) cache.delete(cache.keys().next().value!);
    return statement;
  };
}
