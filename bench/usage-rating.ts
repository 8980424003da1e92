// `npm run bench -- usage-rating [records]`: imports and rates 1,000,000 usage records across
// 5,000 services (a phone line each, 300 included minutes, overage per 30 s), streaming the CSV
// from a generator so the file never exists whole. Figures: records per second over import +
// rating and the peak resident memory of the process that did them. Ends with one JSON line.
//
// The setup (500 accounts, 5,000 subscriptions through `subscribe`) runs first in a child
// process and is not measured: it is not what the figure is about, and its own memory (one
// transaction per subscription) would otherwise be the peak. `BENCH_USAGE_SETUP_DB=<file>`
// reuses a database that setup wrote before (copied, so it stays as it was).

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '../server/src/db/client.js';
import { createAccount } from '../server/src/billing/create-account.js';
import { createPlan } from '../server/src/billing/create-plan.js';
import { subscribe } from '../server/src/billing/subscribe.js';
import { importUsageCsv } from '../server/src/usage/import-usage-csv.js';
import { ratePendingUsage } from '../server/src/usage/rate-pending-usage.js';
import { setRatingPlan } from '../server/src/usage/set-rating-plan.js';

const RECORDS = Number(process.argv[2] ?? 1_000_000);
const SERVICES = 5_000;
const ACCOUNTS = 500;
const context = (db: Awaited<ReturnType<typeof openDatabase>>['db']) => ({
  db,
  now: new Date('2026-04-01T00:00:00Z'),
  actor: 'bench',
  defaultCurrency: 'AUD',
});

if (process.env.BENCH_USAGE_SETUP_ONLY) {
  await setUp(process.env.BENCH_USAGE_SETUP_ONLY);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-usage-'));
const file = join(dir, 'bench.db');
const setupBegan = performance.now();
if (process.env.BENCH_USAGE_SETUP_DB && existsSync(process.env.BENCH_USAGE_SETUP_DB)) {
  copyFileSync(process.env.BENCH_USAGE_SETUP_DB, file);
} else {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_USAGE_SETUP_ONLY: file },
  });
  if (child.status !== 0) throw new Error(`setup failed (${child.status})`);
  if (process.env.BENCH_USAGE_SETUP_DB) copyFileSync(file, process.env.BENCH_USAGE_SETUP_DB);
}
console.log(`setup (separate process, not measured): ${((performance.now() - setupBegan) / 1000).toFixed(1)} s`);

const database = await openDatabase(`file:${file}`);
// A setup kept from an earlier version of the schema is brought up to date (not timed).
await migrateDatabase(database.db);
const startRssMb = Math.round(process.memoryUsage().rss / 1e6);
const ctx = context(database.db);

// Peak of each part of the memory, sampled: RSS alone does not say whether the JS heap, the
// buffers or native memory (libSQL) grew.
const peak = { heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0, rss: 0 };
const sample = () => {
  const m = process.memoryUsage();
  for (const key of Object.keys(peak) as (keyof typeof peak)[]) peak[key] = Math.max(peak[key], m[key]);
};
const sampler = setInterval(sample, 100);

// March 2026, in time order (as carriers deliver), services interleaved; no carrier ids, so
// every key is a SHA-256 of the fields (the slower path).
async function* usageFile(): AsyncGenerator<string> {
  yield 'service_identifier,start_time,quantity,unit,class\n';
  const start = Date.UTC(2026, 2, 1);
  const step = Math.floor((31 * 86_400_000) / RECORDS);
  let chunk = '';
  for (let i = 0; i < RECORDS; i++) {
    const service = (i * 7919) % SERVICES;
    const a = Math.floor(service / 10);
    const s = service % 10;
    const seconds = 5 + ((i * 31) % 900);
    const usageClass = i % 20 === 0 ? 'international' : 'local';
    chunk += `02${String(a * 100 + s).padStart(8, '0')},${new Date(start + i * step).toISOString()},${seconds},seconds,${usageClass}\n`;
    if (chunk.length > 64 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

const began = performance.now();
const imported = await importUsageCsv(ctx, { source: usageFile(), fileName: 'bench.csv' });
const importedAt = performance.now();
sample();
const importPeakRssMb = Math.round(peak.rss / 1e6);
const rated = await ratePendingUsage(ctx, {});
const finished = performance.now();
clearInterval(sampler);
sample();
database.close();
rmSync(dir, { recursive: true, force: true });

const seconds = (finished - began) / 1000;
const recordsPerSecond = Math.round(RECORDS / seconds);
// In MB of 10^6 bytes, as the aim is given (maxRSS is in KiB).
const peakRssMb = Math.round((process.resourceUsage().maxRSS * 1024) / 1e6);
const mb = (bytes: number) => Math.round(bytes / 1e6);
console.log(
  `imported ${imported.recordsAdded} records (${imported.invalid} invalid, ${imported.duplicates} duplicates) in ${((importedAt - began) / 1000).toFixed(1)} s (${Math.round(RECORDS / ((importedAt - began) / 1000))} records/s)`,
);
console.log(
  `rated ${rated.recordsRated}, quarantined ${rated.recordsQuarantined}, ${rated.chargesAdded} charges in ${((finished - importedAt) / 1000).toFixed(1)} s (${Math.round(RECORDS / ((finished - importedAt) / 1000))} records/s)`,
);
console.log(`before any work: RSS ${startRssMb} MB`);
console.log(
  `peaks: RSS ${mb(peak.rss)} MB (${importPeakRssMb} MB by the end of the import), JS heap ${mb(peak.heapUsed)} MB used of ${mb(peak.heapTotal)} MB, external ${mb(peak.external)} MB, array buffers ${mb(peak.arrayBuffers)} MB`,
);
console.log(`${recordsPerSecond} records/s over import + rating, peak RSS ${peakRssMb} MB`);
console.log(JSON.stringify({ bench: 'usage-rating', records: RECORDS, recordsPerSecond, peakRssMb }));

async function setUp(path: string): Promise<void> {
  const setup = await openDatabase(`file:${path}`);
  await migrateDatabase(setup.db);
  const ctx = context(setup.db);
  const plan = await createPlan(ctx, { code: 'PHONE', name: 'Business line', kind: 'service', periodPriceCents: 2000 });
  await setRatingPlan(ctx, {
    planId: plan.id,
    ratingPlan: {
      currency: 'AUD',
      rules: [
        {
          code: 'intl',
          description: 'International calls',
          unit: 'seconds',
          classes: ['international'],
          perQuantityMilli: 60_000,
          unitPriceCents: 99,
          flagfallCents: 15,
        },
        {
          code: 'calls',
          description: 'Calls',
          unit: 'seconds',
          allowanceCode: 'minutes',
          perQuantityMilli: 60_000,
          unitPriceCents: 20,
          incrementQuantityMilli: 30_000,
          minimumChargeCents: 25,
        },
      ],
      allowances: [{ code: 'minutes', description: '300 included minutes', unit: 'seconds', includedQuantityMilli: 300 * 60_000 }],
    },
  });
  for (let a = 0; a < ACCOUNTS; a++) {
    const account = await createAccount(ctx, { name: `Customer ${a}`, billingDay: 1, openedOn: '2026-01-01', currency: 'AUD' });
    for (let s = 0; s < SERVICES / ACCOUNTS; s++) {
      await subscribe(ctx, {
        accountId: account.id,
        planId: plan.id,
        startDate: '2026-01-01',
        serviceIdentifier: `02${String(a * 100 + s).padStart(8, '0')}`,
      });
    }
  }
  // Everything into the main file, so copying that one file copies the whole setup.
  await setup.client.execute('PRAGMA wal_checkpoint(TRUNCATE)');
  setup.close();
}
