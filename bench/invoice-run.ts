// `npm run bench -- invoice-run`: an invoice run over 5,000 accounts and 500,000 pending
// charges on an embedded libSQL file, timed, with the process's peak memory. Seeding is
// done with plain batch inserts in a child process (so its memory is not counted as the
// run's: the figure is the run's own, in a fresh process); the run is the real
// `runInvoices` use case. A second run over the same date (nothing changed) is timed too.
// BENCH_SEED_CACHE=1 keeps a copy of the seeded file under .tmp/ and starts from it next
// time (for iterating; the figures in BENCHMARKS.md are from fresh seeds).
import { fork } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lineAmountCents } from '../shared/money.js';
import { migrateDatabase, openDatabase } from '../server/src/db/client.js';
import { accounts, charges, planInclusions, planParts, plans, subscriptions, subscriptionTerms } from '../server/src/db/schema/index.js';
import { runInvoices } from '../server/src/billing/run-invoices.js';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 5000);
const CHARGES_PER_ACCOUNT = Number(process.env.BENCH_CHARGES_PER_ACCOUNT ?? 100);
const file = resolve('.tmp/bench-invoice-run.db');
const seedCache = resolve(`.tmp/bench-invoice-run.seed-${ACCOUNTS}-${CHARGES_PER_ACCOUNT}.db`);
const at = '2026-01-01T00:00:00.000Z';
const mb = (bytes: number) => Math.round(bytes / 1048576);

if (process.argv.includes('--seed')) {
  const started = performance.now();
  await seed();
  process.send!({ seconds: (performance.now() - started) / 1000, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) });
  process.exit(0);
}

const removeDatabase = () => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
};
removeDatabase();
if (process.env.BENCH_SEED_CACHE === '1' && existsSync(seedCache)) {
  copyFileSync(seedCache, file);
  console.log(`seed: copied ${seedCache}`);
} else {
  const seeded = await new Promise<{ seconds: number; peakRssMb: number }>((done, fail) => {
    const child = fork(fileURLToPath(import.meta.url), ['--seed'], { stdio: 'inherit' });
    let figures: { seconds: number; peakRssMb: number } | undefined;
    child.on('message', (message) => (figures = message as typeof figures));
    child.on('exit', (code) => (code === 0 && figures ? done(figures) : fail(new Error(`seeding failed (exit ${code})`))));
  });
  console.log(
    `seeded ${ACCOUNTS} accounts and ${ACCOUNTS * CHARGES_PER_ACCOUNT} pending charges in ${seeded.seconds.toFixed(1)} s in a child process (peak RSS ${seeded.peakRssMb} MB) (${file})`,
  );
  if (process.env.BENCH_SEED_CACHE === '1') copyFileSync(file, seedCache);
}

const database = await openDatabase(`file:${file}`);
const db = database.db;
const totalCharges = ACCOUNTS * CHARGES_PER_ACCOUNT;
console.log(`run process before the run: RSS ${mb(process.memoryUsage().rss)} MB`);
const ctx = () => ({ db, now: new Date('2026-02-01T02:00:00Z'), actor: 'bench' });
// CPU time beside wall time: SQLite runs in this process, so CPU seconds are the run's whole
// work, whatever else shares the machine's two cores (wall time is what the aim is set in).
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Number(((used.user + used.system) / 1e6).toFixed(2));
};
const started = performance.now();
const cpuStarted = process.cpuUsage();
const run = await runInvoices(ctx(), { billingDate: '2026-02-01' });
const seconds = (performance.now() - started) / 1000;
const runCpuSeconds = cpuSeconds(cpuStarted);
const memory = process.memoryUsage();
console.log(
  `invoice run: ${run.invoicesCreated} invoices in ${seconds.toFixed(2)} s (${runCpuSeconds} s of CPU); RSS now ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)} MB, external ${mb(memory.external)} MB, peak RSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);

const rerunStarted = performance.now();
const rerunCpuStarted = process.cpuUsage();
const rerun = await runInvoices(ctx(), { billingDate: '2026-02-01' });
const rerunSeconds = (performance.now() - rerunStarted) / 1000;
const rerunCpuSeconds = cpuSeconds(rerunCpuStarted);
console.log(
  `re-run (nothing changed): ${rerun.invoicesUnchanged} unchanged, ${rerun.invoicesUpdated} updated in ${rerunSeconds.toFixed(2)} s (${rerunCpuSeconds} s of CPU)`,
);

const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(`peak RSS ${peakRssMb} MB`);
database.close();
console.log(
  JSON.stringify({
    bench: 'invoice-run',
    accounts: ACCOUNTS,
    charges: totalCharges,
    seconds: Number(seconds.toFixed(2)),
    rerunSeconds: Number(rerunSeconds.toFixed(2)),
    peakRssMb,
    cpuSeconds: runCpuSeconds,
    rerunCpuSeconds,
  }),
);

/** 5,000 accounts with their subscriptions, and 100 pending charges each, with plain batch inserts. */
async function seed(): Promise<void> {
  const database = await openDatabase(`file:${file}`);
  await migrateDatabase(database.db);
  const db = database.db;
  await db.transaction(async (tx) => {
    await tx.insert(plans).values([
      {
        code: 'NBN',
        name: 'Business NBN 100',
        kind: 'service',
        currency: 'AUD',
        periodPriceCents: 9900,
        setupFeeCents: 0,
        discountBasisPoints: 0,
        taxCode: 'GST',
        createdAt: at,
      },
      {
        code: 'SEAT',
        name: 'Managed seat',
        kind: 'service',
        currency: 'AUD',
        periodPriceCents: 2500,
        setupFeeCents: 0,
        discountBasisPoints: 0,
        taxCode: 'GST',
        createdAt: at,
      },
      {
        code: 'OFFICE',
        name: 'Managed Office',
        kind: 'package',
        currency: 'AUD',
        periodPriceCents: 50000,
        setupFeeCents: 0,
        discountBasisPoints: 500,
        taxCode: 'GST',
        createdAt: at,
      },
    ]);
    await tx.insert(planParts).values({ packagePlanId: 3, servicePlanId: 2, mandatory: true, quantityMilli: 5000, bundlePriceCents: null });
    await tx
      .insert(planInclusions)
      .values({ planId: 3, description: '10 support hours', appliesToKind: 'labour', productId: null, quantityMilli: 10_000 });

    const accountRows = Array.from({ length: ACCOUNTS }, (_, i) => ({
      externalKey: `connectwise:company:${i + 1}`,
      name: `Customer ${i + 1}`,
      billingDay: 1,
      periodMonths: 1,
      anchor: '2026-01-01',
      openedOn: '2025-12-01',
      currency: 'AUD',
      taxExempt: i % 50 === 0,
      taxRateBasisPoints: 1000,
      accountType: 'Customer',
      accountProfile: null,
      status: 'active' as const,
      createdAt: at,
      updatedAt: at,
    }));
    for (let i = 0; i < accountRows.length; i += 500) await tx.insert(accounts).values(accountRows.slice(i, i + 500));

    // Every account has a phone/data service; one in ten also a bundle (access fee, 5 seats, 10 hours).
    const subscriptionRows: (typeof subscriptions.$inferInsert)[] = [];
    const termRows: (typeof subscriptionTerms.$inferInsert)[] = [];
    let nextId = 1;
    for (let accountId = 1; accountId <= ACCOUNTS; accountId++) {
      const nbn = nextId++;
      subscriptionRows.push({
        id: nbn,
        accountId,
        planId: 1,
        rootSubscriptionId: nbn,
        serviceIdentifier: `AVC${accountId}`,
        startDate: '2025-12-01',
        status: 'active',
        createdAt: at,
        updatedAt: at,
      });
      termRows.push({ subscriptionId: nbn, effectiveFrom: '2025-12-01', quantityMilli: 1000, unitPriceOverrideCents: null });
      if (accountId % 10 === 0) {
        const bundle = nextId++;
        const seat = nextId++;
        subscriptionRows.push({
          id: bundle,
          accountId,
          planId: 3,
          rootSubscriptionId: bundle,
          startDate: '2026-01-01',
          status: 'active',
          createdAt: at,
          updatedAt: at,
        });
        subscriptionRows.push({
          id: seat,
          accountId,
          planId: 2,
          rootSubscriptionId: bundle,
          startDate: '2026-01-01',
          status: 'active',
          createdAt: at,
          updatedAt: at,
        });
        termRows.push({ subscriptionId: bundle, effectiveFrom: '2026-01-01', quantityMilli: 1000, unitPriceOverrideCents: null });
        termRows.push({ subscriptionId: seat, effectiveFrom: '2026-01-01', quantityMilli: 5000, unitPriceOverrideCents: null });
      }
    }
    for (let i = 0; i < subscriptionRows.length; i += 500) await tx.insert(subscriptions).values(subscriptionRows.slice(i, i + 500));
    for (let i = 0; i < termRows.length; i += 500) await tx.insert(subscriptionTerms).values(termRows.slice(i, i + 500));
  });

  const KINDS = ['labour', 'labour', 'labour', 'labour', 'labour', 'labour', 'product', 'expense', 'usage', 'labour'] as const;
  for (let accountId = 1; accountId <= ACCOUNTS; accountId += 500) {
    await db.transaction(async (tx) => {
      const rows: (typeof charges.$inferInsert)[] = [];
      for (let a = accountId; a < Math.min(accountId + 500, ACCOUNTS + 1); a++) {
        for (let n = 0; n < CHARGES_PER_ACCOUNT; n++) {
          const kind = KINDS[n % KINDS.length];
          const quantityMilli = kind === 'labour' ? 250 * (1 + ((a * 7 + n) % 12)) : 1000 * (1 + (n % 3));
          const unitPriceCents = kind === 'labour' ? 16500 : 1999 + ((a + n) % 5000);
          rows.push({
            source: `connectwise:${kind}:${a}-${n}`,
            accountId: a,
            kind,
            description: `${kind} ${n} for customer ${a}`,
            chargeDate: `2026-01-${String(1 + (n % 28)).padStart(2, '0')}`,
            quantityMilli,
            unitPriceCents,
            amountCents: lineAmountCents(unitPriceCents, quantityMilli),
            currency: 'AUD',
            taxCode: 'GST',
            ticketNumber: kind === 'labour' ? String(10_000 + n) : null,
            memberName: kind === 'labour' ? 'jsmith' : null,
            workRole: kind === 'labour' ? 'Engineer' : null,
            workType: kind === 'labour' ? 'Remote' : null,
            createdAt: at,
          });
        }
      }
      for (let i = 0; i < rows.length; i += 1000) await tx.insert(charges).values(rows.slice(i, i + 1000));
    });
  }
  database.close();
}
