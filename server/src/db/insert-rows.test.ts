import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/helpers/test-db.js';
import { chunkBounds, insertRows } from './insert-rows.js';
import { usageAllowanceBalances, usageImports } from './schema/index.js';

let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

const balance = (i: number, used: number) => ({
  poolKey: `7|minutes|2026-03-${String(i + 1).padStart(2, '0')}`,
  kind: 'allowance' as const,
  periodStart: '2026-03-01',
  usedMilli: used,
  updatedAt: 'then',
});
const UPSERT = {
  chunkSize: 3,
  onConflict: { doUpdate: { target: usageAllowanceBalances.poolKey, set: { usedMilli: sql.raw('excluded.used_milli') } } },
};

describe('chunkBounds', () => {
  it('cuts full chunks, then the rest in powers of two: a few statement shapes, not one per remainder', () => {
    expect(chunkBounds(0, 500)).toEqual([]);
    expect(chunkBounds(1000, 500)).toEqual([
      [0, 500],
      [500, 1000],
    ]);
    expect(chunkBounds(1437, 500)).toEqual([
      [0, 500],
      [500, 1000],
      [1000, 1256],
      [1256, 1384],
      [1384, 1416],
      [1416, 1432],
      [1432, 1436],
      [1436, 1437],
    ]);
    for (let count = 0; count < 1200; count++) {
      const bounds = chunkBounds(count, 500);
      // Contiguous, covering every row once, each a full chunk or a power of two.
      expect(bounds.map(([from]) => from)).toEqual([0, ...bounds.slice(0, -1).map(([, to]) => to)].slice(0, bounds.length));
      expect(bounds.at(-1)?.[1] ?? 0).toBe(count);
      for (const [from, to] of bounds) expect(to - from === 500 || Number.isInteger(Math.log2(to - from))).toBe(true);
    }
  });
});

describe('insertRows', () => {
  it('writes every row whatever the chunk sizes, and counts what an upsert wrote', async () => {
    // 7 rows in chunks of 3: two full chunks and one of 1 (its own statement).
    const rows = Array.from({ length: 7 }, (_, i) => balance(i, i * 1000));
    expect(await database.db.transaction((tx) => insertRows(tx, usageAllowanceBalances, rows, UPSERT))).toBe(7);
    // Again with other values and a chunk of 2 more: 7 updated, 2 added.
    const again = Array.from({ length: 9 }, (_, i) => balance(i, i * 1000 + 1));
    expect(await database.db.transaction((tx) => insertRows(tx, usageAllowanceBalances, again, UPSERT))).toBe(9);
    const stored = await database.db
      .select({ used: usageAllowanceBalances.usedMilli })
      .from(usageAllowanceBalances)
      .orderBy(usageAllowanceBalances.poolKey);
    expect(stored.map((row) => row.used)).toEqual(again.map((row) => row.usedMilli));
  });

  it('leaves out a column no row of a chunk gives (its default or null applies) and lets the database number the rows', async () => {
    const imports = [
      {
        source: 'csv' as const,
        fileName: 'a.csv',
        status: 'completed' as const,
        linesRead: 1,
        recordsAdded: 1,
        duplicates: 0,
        invalid: 0,
        startedAt: 'now',
      },
      {
        source: 'api' as const,
        fileName: null,
        status: 'running' as const,
        linesRead: 2,
        recordsAdded: 2,
        duplicates: 0,
        invalid: 0,
        startedAt: 'now',
        error: 'e',
      },
    ];
    expect(await database.db.transaction((tx) => insertRows(tx, usageImports, imports, { chunkSize: 1 }))).toBe(2);
    const stored = await database.db.select().from(usageImports).orderBy(usageImports.id);
    expect(stored.map(({ id, fileName, error, finishedAt }) => ({ id, fileName, error, finishedAt }))).toEqual([
      { id: 1, fileName: 'a.csv', error: null, finishedAt: null },
      { id: 2, fileName: null, error: 'e', finishedAt: null },
    ]);
  });
});
