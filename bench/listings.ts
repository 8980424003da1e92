// `npm run bench -- listings`: a batch job reads every charge of a sync through the paged
// listing (`GET /api/v1/charges?limit=1000&after=...`) over loopback HTTP, as it would from
// outside: 77,046 charges (the sync that needed some 1,938 calls through accounts and tickets
// before the listing existed) on 2,000 accounts, seeded through addCharges (not timed).
// Timed: the whole read, and reads with each filter (one account, pending, a source prefix, a
// week of charge dates, a rare kind). `--plans` also prints SQLite's plan for each query.
// BENCH_CHARGES scales it.
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { ALL_POWERS } from '../shared/powers.js';
import { createApp } from '../server/src/app.js';
import { issueToken } from '../server/src/auth/tokens.js';
import { addCharges } from '../server/src/billing/add-charges.js';
import { ConnectWiseClient } from '../server/src/connectwise/client.js';
import { migrateDatabase, openDatabase } from '../server/src/db/client.js';
import { accounts } from '../server/src/db/schema/index.js';
import { makeRequirePower } from '../server/src/http/require-power.js';

const CHARGES = Number(process.env.BENCH_CHARGES ?? 77_046);
const ACCOUNTS = 2000;
const showPlans = process.argv.includes('--plans');
const file = resolve('.tmp/bench-listings.db');
const at = '2026-01-01T00:00:00.000Z';
const now = () => new Date('2026-02-01T02:00:00Z');

for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
const database = await openDatabase(`file:${file}`);
await migrateDatabase(database.db);
const db = database.db;

const seedStarted = performance.now();
await db.transaction(async (tx) => {
  const rows = Array.from({ length: ACCOUNTS }, (_, i) => ({
    externalKey: `connectwise:company:${i + 1}`,
    name: `Customer ${i + 1}`,
    billingDay: 1,
    periodMonths: 1,
    anchor: '2026-01-01',
    openedOn: '2025-12-01',
    currency: 'AUD',
    taxExempt: false,
    taxRateBasisPoints: 1000,
    accountType: 'Customer',
    accountProfile: null,
    status: 'active' as const,
    createdAt: at,
    updatedAt: at,
  }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(accounts).values(rows.slice(i, i + 500));
});
// Like a sync's: mostly labour from time entries, some expenses and product sales, over January.
const chargeOf = (i: number) => {
  const kind = i % 20 === 0 ? 'expense' : i % 9 === 0 ? 'product' : 'labour';
  return {
    source: `connectwise:${kind === 'labour' ? 'time' : kind}:${i}`,
    // Skewed: one account in ten has most of the work.
    accountId: i % 4 === 0 ? (i % 200) + 1 : (i % ACCOUNTS) + 1,
    kind,
    description: `Work ${i}`,
    chargeDate: `2026-01-${String((i % 31) + 1).padStart(2, '0')}`,
    quantityMilli: 1000 + (i % 4) * 250,
    unitPriceCents: 16_500,
    ticketNumber: `#${10_000 + (i % 5000)}`,
    memberName: 'Sam Technician',
    workRole: 'Engineer',
    workType: 'Remote',
  } as const;
};
for (let i = 1; i <= CHARGES; i += 5000) {
  const batch = Array.from({ length: Math.min(5000, CHARGES - i + 1) }, (_, k) => chargeOf(i + k));
  await addCharges({ db, now: now(), actor: 'bench' }, { charges: batch });
}
console.log(`seeded ${ACCOUNTS} accounts and ${CHARGES} charges in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (${file})`);

const statements: Array<{ sql: string; args: unknown }> = [];
if (showPlans) {
  const execute = database.client.execute.bind(database.client);
  database.client.execute = ((statement: { sql: string; args: unknown }) => {
    if (typeof statement === 'object' && /from "(charges|invoices|accounts|audit_log)"/.test(statement.sql)) statements.push(statement);
    return execute(statement as never);
  }) as typeof database.client.execute;
}

const cw = new ConnectWiseClient({
  credentials: {
    site: 'http://127.0.0.1:9',
    codebase: 'v4_6_release/',
    companyId: 'bench',
    publicKey: 'p',
    privateKey: 'k',
    clientId: 'c',
  },
  maxAttempts: 1,
});
const app = createApp({
  db,
  cw,
  clock: now,
  requirePower: makeRequirePower({ db, clock: now }),
  config: { manageUiOrigins: [], podAssetsDir: 'dist/pod', cwCompanyId: 'bench', currency: 'AUD' },
});
const { token } = await issueToken(db, { name: 'bench', kind: 'api', powers: ALL_POWERS, now: now() });
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise<void>((done) => server.once('listening', () => done()));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

/** Reads every page of the charges listing with `query`; returns items, calls, seconds and bytes. */
async function readAll(query: string) {
  const started = performance.now();
  let after: string | null = null;
  let calls = 0;
  let items = 0;
  let bytes = 0;
  do {
    const response = await fetch(`${baseUrl}/api/v1/charges?limit=1000${query}${after ? `&after=${after}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${response.status}: ${text}`);
    const page = JSON.parse(text) as { items: unknown[]; nextCursor: string | null };
    calls++;
    items += page.items.length;
    bytes += text.length;
    after = page.nextCursor;
  } while (after !== null);
  return { items, calls, seconds: (performance.now() - started) / 1000, bytes };
}

const all = await readAll('');
if (all.items !== CHARGES) throw new Error(`read ${all.items} charges, not ${CHARGES}`);
console.log(
  `all charges: ${all.items} in ${all.calls} calls, ${all.seconds.toFixed(2)} s (${Math.round(all.items / all.seconds)} charges/s, ${(all.bytes / 1048576).toFixed(1)} MB, ${Math.round((all.seconds * 1000) / all.calls)} ms a page)`,
);
const again = await readAll('');
console.log(`again: ${again.seconds.toFixed(2)} s`);

const filtered: Record<string, { items: number; calls: number; seconds: number }> = {};
for (const [name, query] of [
  ['busiestAccount', '&accountId=1'],
  ['quietAccount', '&accountId=1999'],
  ['pending', '&status=pending'],
  ['timeSources', '&sourcePrefix=connectwise:time:'],
  ['oneWeek', '&from=2026-01-08&to=2026-01-14'],
  ['expenses', '&kind=expense'],
  ['accountAndWeek', '&accountId=1&from=2026-01-08&to=2026-01-14'],
  ['oneSource', '&source=connectwise:expense:40'],
] as const) {
  statements.length = 0;
  const { items, calls, seconds } = await readAll(query);
  filtered[name] = { items, calls, seconds: Number(seconds.toFixed(3)) };
  console.log(`${name} (${query.slice(1)}): ${items} in ${calls} calls, ${(seconds * 1000).toFixed(0)} ms`);
  if (showPlans) {
    const listing = statements.find((s) => s.sql.includes('from "charges"'));
    if (listing) {
      const plan = await database.client.execute({ sql: `explain query plan ${listing.sql}`, args: listing.args as never });
      for (const row of plan.rows) console.log(`    ${row.detail}`);
    }
  }
}

server.close();
database.close();
console.log(
  JSON.stringify({
    bench: 'listings',
    charges: CHARGES,
    calls: all.calls,
    seconds: Number(all.seconds.toFixed(2)),
    againSeconds: Number(again.seconds.toFixed(2)),
    chargesPerSecond: Math.round(all.items / all.seconds),
    megabytes: Number((all.bytes / 1048576).toFixed(1)),
    filteredSeconds: Object.fromEntries(Object.entries(filtered).map(([name, f]) => [name, f.seconds])),
  }),
);
