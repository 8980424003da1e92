import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createClient, type Client } from '@libsql/client';
import { LIBSQL_VERSION_PATCHED, checkLibsqlVersion, installLibsqlStatementCache } from './libsql-statement-cache.js';

// The copy of libsql the client loads, as the patch finds it.
const Database = createRequire(createRequire(import.meta.url).resolve('@libsql/client'))('libsql') as {
  prototype: { prepare(sql: string, ...rest: unknown[]): unknown };
};

// Native prepares per SQL text: a counter put beneath the cache (installed after it), so it
// sees exactly the calls that reach libsql's own `prepare`.
const nativePrepares = new Map<string, number>();
const totalNativePrepares = () => [...nativePrepares.values()].reduce((sum, n) => sum + n, 0);

const COLUMNS = Array.from({ length: 20 }, (_, i) => `c${i}`);
const IN_LIST = 50;
/** A few statements of the shapes the server runs: a wide insert, a lookup, an update, an IN list. */
const STATEMENTS = {
  insert: `INSERT INTO items (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  byId: 'SELECT * FROM items WHERE id = ?',
  update: 'UPDATE items SET c0 = ?, c1 = ? WHERE id = ?',
  count: `SELECT count(*) AS n FROM items WHERE id IN (${Array.from({ length: IN_LIST }, () => '?').join(', ')})`,
};
const STATEMENTS_PER_ROUND = Object.keys(STATEMENTS).length;

let dir: string;
let client: Client;
let rounds = 0;

/** Runs each statement once with fresh values (4 executions). */
async function round(): Promise<void> {
  const n = ++rounds;
  await client.execute({ sql: STATEMENTS.insert, args: COLUMNS.map((column) => `${column}-${n}`) });
  await client.execute({ sql: STATEMENTS.byId, args: [n] });
  await client.execute({ sql: STATEMENTS.update, args: ['a', 'b', n] });
  await client.execute({ sql: STATEMENTS.count, args: Array.from({ length: IN_LIST }, (_, i) => n - i) });
}

beforeAll(async () => {
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function countedPrepare(this: unknown, sql: string, ...rest: unknown[]) {
    nativePrepares.set(sql, (nativePrepares.get(sql) ?? 0) + 1);
    return prepare.call(this, sql, ...rest);
  };
  // True only if this call installed the cache, i.e. on top of the counter: otherwise the
  // counts below would be the cache's calls, not libsql's.
  expect(installLibsqlStatementCache(), 'the cache was installed before this file counted prepares (run it in a process of its own)').toBe(
    true,
  );

  dir = mkdtempSync(join(tmpdir(), 'libsql-statement-cache-'));
  client = createClient({ url: `file:${join(dir, 'cache.db')}` });
  // No fsync per autocommit insert: the test measures memory, not the disk.
  await client.execute('PRAGMA journal_mode = WAL');
  await client.execute('PRAGMA synchronous = OFF');
  await client.execute(`CREATE TABLE items (id INTEGER PRIMARY KEY, ${COLUMNS.map((column) => `${column} TEXT`).join(', ')})`);
});

afterAll(() => {
  client?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('libsql statement cache', () => {
  it('prepares each distinct SQL text once natively, however many times it runs', async () => {
    for (let i = 0; i < 250; i++) await round();
    for (const sql of Object.values(STATEMENTS)) expect(nativePrepares.get(sql)).toBe(1);
    // And the statement still runs with each call's own values.
    const last = await client.execute({ sql: STATEMENTS.byId, args: [rounds] });
    expect(last.rows[0]).toMatchObject({ id: rounds, c0: 'a', c1: 'b', c2: `c2-${rounds}` });
    const inList = await client.execute({ sql: STATEMENTS.count, args: Array.from({ length: IN_LIST }, (_, i) => rounds - i) });
    expect(inList.rows[0].n).toBe(IN_LIST);
    expect(nativePrepares.get(STATEMENTS.byId)).toBe(1);
  });

  it('keeps native memory flat over 20,000 executions', async () => {
    // rss counts the JS heap too: collecting before each reading leaves mostly native memory.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    for (let i = 0; i < 500; i++) await round(); // warm-up: page cache, WAL, JIT
    gc();
    const preparedBefore = totalNativePrepares();
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 20_000 / STATEMENTS_PER_ROUND; i++) await round();
    gc();
    const growthMb = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
    // Measured on this workload: ~12 MB with the cache, ~188 MB without it (libsql keeps every
    // statement prepared per execute, with its last values). 60 MB leaves a wide margin each way.
    expect(growthMb).toBeLessThan(60);
    expect(totalNativePrepares() - preparedBefore).toBe(0);
  });
});

describe('checkLibsqlVersion', () => {
  it('accepts the version the patch was made for, which is the one installed and pinned', () => {
    expect(() => checkLibsqlVersion(LIBSQL_VERSION_PATCHED)).not.toThrow();
    const requireFromClient = createRequire(createRequire(import.meta.url).resolve('@libsql/client'));
    const installed = JSON.parse(readFileSync(join(requireFromClient.resolve('libsql'), '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(installed.version).toBe(LIBSQL_VERSION_PATCHED);
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies.libsql).toBe(LIBSQL_VERSION_PATCHED);
  });

  it('refuses another version, naming both versions and what to do', () => {
    expect(() => checkLibsqlVersion('0.5.29', '0.5.28')).toThrow(
      /^libsql 0\.5\.29 is installed, but the statement cache \(server\/src\/patches\/libsql-statement-cache\.ts\) was made for libsql 0\.5\.28\. Reinstall the pinned version \(`npm ci`.*set LIBSQL_VERSION_PATCHED to 0\.5\.29/,
    );
    expect(() => checkLibsqlVersion('0.6.0')).toThrow(`libsql 0.6.0 is installed, but the statement cache`);
  });
});
