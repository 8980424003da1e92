import { asc, eq, sum } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/helpers/test-db.js';
import { bulkInsert } from './bulk-insert.js';
import { accounts, syncRuns } from './schema/index.js';
import { selectRows } from './select-rows.js';

const at = '2026-01-01T00:00:00.000Z';
const account = (i: number) => ({
  externalKey: i % 3 === 0 ? null : `test:company:${i}`,
  name: `Customer "${i}" \\ ünïcode`,
  billingDay: 1 + (i % 28),
  periodMonths: 1,
  anchor: '2026-01-01',
  openedOn: '2026-01-01',
  currency: 'AUD',
  taxExempt: i % 2 === 0,
  taxRateBasisPoints: 1000,
  accountType: 'Customer',
  accountProfile: i % 5 === 0 ? 'Gold' : undefined,
  status: 'active' as const,
  createdAt: at,
  updatedAt: at,
});

describe('bulkInsert and selectRows (real libSQL)', () => {
  let t: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeEach(async () => {
    t = await openTestDatabase();
  });
  afterEach(() => t.dispose());

  it('writes what drizzle would write, in chunks, and selectRows reads back what drizzle reads', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => account(i + 1));
    await t.db.transaction((tx) => bulkInsert(tx, accounts, rows, 500));
    const viaDrizzle = await t.db.select().from(accounts).orderBy(asc(accounts.id));
    expect(viaDrizzle).toHaveLength(1234);
    expect(viaDrizzle[1]).toMatchObject({ ...rows[1], accountProfile: null, taxExempt: true });
    expect(viaDrizzle[4]).toMatchObject({ ...rows[4], accountProfile: 'Gold', taxExempt: false });
    expect(viaDrizzle[2].externalKey).toBeNull();
    expect(await selectRows(t.db, t.db.select().from(accounts).orderBy(asc(accounts.id)))).toEqual(viaDrizzle);
  });

  it('gives a column its default when rows leave it out, and maps json columns', async () => {
    await t.db.transaction((tx) =>
      bulkInsert(tx, syncRuns, [
        { mode: 'full', trigger: 'test', status: 'running', startedAt: at, errors: ['a "quoted" error'], streams: { tickets: { added: 2 } } },
        { mode: 'incremental', trigger: 'test', status: 'succeeded', startedAt: at, added: 7, errors: [], streams: {} },
      ]),
    );
    const runs = await t.db.select().from(syncRuns).orderBy(asc(syncRuns.id));
    expect(runs.map(({ added, updated, errors, streams, finishedAt }) => ({ added, updated, errors, streams, finishedAt }))).toEqual([
      { added: 0, updated: 0, errors: ['a "quoted" error'], streams: { tickets: { added: 2 } }, finishedAt: null },
      { added: 7, updated: 0, errors: [], streams: {}, finishedAt: null },
    ]);
  });

  it('reads aliased sql fields with their decoders, and an empty result', async () => {
    await t.db.transaction((tx) => bulkInsert(tx, accounts, [account(1), account(2), account(3)]));
    const totals = await selectRows(t.db, t.db.select({ billingDay: accounts.billingDay, total: sum(accounts.taxRateBasisPoints).as('total') }).from(accounts).groupBy(accounts.billingDay).orderBy(accounts.billingDay));
    expect(totals).toEqual([
      { billingDay: 2, total: '1000' },
      { billingDay: 3, total: '1000' },
      { billingDay: 4, total: '1000' },
    ]);
    expect(await selectRows(t.db, t.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, -1)))).toEqual([]);
  });
});
