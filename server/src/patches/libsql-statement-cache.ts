// Keeps each libSQL connection's prepared statements for reuse, keyed by their SQL text, by
// replacing `Database.prototype.prepare` of the `libsql` package (the native binding that
// @libsql/client opens its connections with).
//
// Why: @libsql/client prepares every statement afresh (`db.prepare(sql)` on each `execute`),
// and libsql 0.5.x never frees a prepared statement: not on garbage collection, not when the
// connection closes (measured: 20,000 prepares of a 100-parameter SELECT leave ~400 MB of
// native memory, `global.gc()` and `client.close()` included; the same statement prepared once
// and run 20,000 times leaves a few MB, see below). Each statement also keeps a copy of its last bound
// values, so every row ever inserted stayed in memory once more: importing 100,000 usage
// records peaked at 1.2 GB, an invoice run at 2.4 GB, all of it outside the JS heap.
// Drizzle sends the same SQL text for the same query shape, so reusing the statement prepared
// for that text stops the growth, and skips SQLite's parse and plan (most of the time of a
// multi-row INSERT). A statement that falls out of the cache is leaked as before. What this
// cannot help: libsql also keeps the row iterator of every read (under 1 KB each, about 15 MB
// per 20,000 reads), against ~9 KB per prepare of the statements its test runs.
//
// Safe to reuse because the client runs each statement to completion synchronously (`all()` or
// `run()`, which reset and rebind it first) before it uses the connection again, and SQLite
// re-prepares a cached statement by itself after a schema change.
//
// The patch relies on libsql's internals (a one-argument `prepare` from the client, and the
// leak itself), so it is tied to one version: package.json pins that version, and the patch
// refuses to install on any other (see `checkLibsqlVersion`).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The libsql version this patch was made for and checked against; package.json pins the same. */
export const LIBSQL_VERSION_PATCHED = '0.5.29';

/** The part of libsql's `Database` (the client's connection) this file touches. */
type LibsqlDatabaseClass = { prototype: { prepare(sql: string, ...rest: unknown[]): unknown } };

/** Statements kept per connection: every query shape of a busy process, with room to spare. */
const STATEMENTS_PER_CONNECTION = 500;
const INSTALLED = Symbol.for('cw-billing.libsql-statement-cache');

/**
 * Throws unless `installed` is the libsql version the patch was made for. Another version may
 * prepare differently (and a later one may free statements itself, making the patch useless),
 * so the server stops at start instead of running on an unchecked patch.
 */
export function checkLibsqlVersion(installed: string, expected: string = LIBSQL_VERSION_PATCHED): void {
  if (installed === expected) return;
  throw new Error(
    `libsql ${installed} is installed, but the statement cache (server/src/patches/libsql-statement-cache.ts) ` +
      `was made for libsql ${expected}. Reinstall the pinned version (\`npm ci\`, or \`npm install --save-exact libsql@${expected}\`), ` +
      `or, to move to libsql ${installed}: check that its Database.prepare still leaks every statement and is still called ` +
      `with the SQL text alone by @libsql/client, then set LIBSQL_VERSION_PATCHED to ${installed} and pin it in package.json ` +
      `(remove the patch instead if libsql now frees its statements).`,
  );
}

/**
 * Installs the cache on the libsql build @libsql/client uses, once per process, after checking
 * its version. Returns false when it was already installed.
 */
export function installLibsqlStatementCache(): boolean {
  const { Database, version } = loadClientLibsql();
  if (Database[INSTALLED]) return false;
  checkLibsqlVersion(version);
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
  return true;
}

/**
 * libsql's `Database` and version, as @libsql/client loads it: resolved from the client's own
 * entry, so a second copy nested under the client (a range the pin does not satisfy) is the one
 * checked. Read at run time with `require`, not imported, so the production bundle (which leaves
 * node_modules outside) reads the installed package too.
 */
function loadClientLibsql(): { Database: LibsqlDatabaseClass & { [INSTALLED]?: true }; version: string } {
  const requireFromClient = createRequire(createRequire(import.meta.url).resolve('@libsql/client'));
  const entry = requireFromClient.resolve('libsql');
  // libsql's `exports` leaves out package.json (`libsql/package.json` cannot be required), and
  // its entry sits at the package root: the manifest is read by its path.
  const manifest = requireFromClient(join(dirname(entry), 'package.json')) as { name?: unknown; version?: unknown };
  if (manifest.name !== 'libsql' || typeof manifest.version !== 'string') {
    throw new Error(`Cannot read the version of libsql: no libsql package.json beside ${entry}.`);
  }
  return { Database: requireFromClient(entry) as LibsqlDatabaseClass, version: manifest.version };
}
