// Issue #6 benchmark: a full sync of 2,000 companies, 10,000 contacts and 100,000 time
// entries from the simulator over HTTP, the ceiling of a plain multi-row libSQL insert of
// the same rows, then an incremental run after 100 changes. Ends with one JSON line.
// Run: `npm run bench -- sync-full` (or `npx tsx bench/sync-full.ts`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { openDatabase, migrateDatabase } from '../server/src/db/client.js';
import { startSimulator } from '../server/src/simulator/server.js';
import { generateDataset } from '../server/src/simulator/data/generate.js';
import { ConnectWiseClient } from '../server/src/sync/cw/client.js';
import { discoverCodebase } from '../server/src/sync/cw/discover-codebase.js';
import { runSync } from '../server/src/sync/run-sync.js';
import { saveMapping } from '../server/src/sync/mappings/mapping-store.js';
import { writeSetting } from '../server/src/sync/settings/settings-store.js';
import { SYNC_OPTIONS_KEY, TIME_ENTRY_STATUSES } from '../server/src/sync/settings/sync-options.js';

const COMPANIES = 2000;
const CONTACTS_PER_COMPANY = 5;
const TIME_ENTRIES = 100_000;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-'));
const credentials = { companyId: 'bench', publicKey: 'bench-public', privateKey: 'bench-private' };
const dataset = generateDataset({ seed: 1, companies: COMPANIES, contactsPerCompany: CONTACTS_PER_COMPANY, timeEntries: TIME_ENTRIES });
const simulator = await startSimulator({ port: 0, credentials, dataset: dataset as never });
const codebase = await discoverCodebase(simulator.apiUrl, credentials.companyId);
let requests = 0;
const cw = new ConnectWiseClient({ credentials: { site: simulator.apiUrl, codebase, ...credentials, clientId: 'bench-client' }, onRequest: () => void requests++ });
const database = await openDatabase(`file:${join(dir, 'billing.db')}`);
await migrateDatabase(database.db);
const db = database.db;

// Everything maps, so every record takes the full path (account, contact, charge).
const now = new Date();
for (const t of dataset.companyTypes) await saveMapping(db, 'company_type', String(t.id), String(t.name), { sync: true }, now);
for (const s of dataset.companyStatuses) await saveMapping(db, 'company_status', String(s.id), String(s.name), { sync: true }, now);
for (const t of dataset.communicationTypes) {
  const field = t.emailFlag ? 'email' : t.faxFlag ? 'fax' : 'phone';
  await saveMapping(db, 'communication_type', String(t.id), String(t.description), { field }, now);
}
await writeSetting(db, SYNC_OPTIONS_KEY, { billableOptions: ['Billable', 'NoCharge', 'DoNotBill', 'NoDefault'], approvedStatuses: [...TIME_ENTRY_STATUSES] }, now);
const deps = { db, cw, clock: () => new Date(), currency: 'AUD' };

const t0 = performance.now();
const accountsRun = await runSync(deps, { mode: 'full', trigger: 'bench', streams: ['companies', 'contacts'] });
const t1 = performance.now();
const timeRun = await runSync(deps, { mode: 'full', trigger: 'bench', streams: ['time_entries'] });
const t2 = performance.now();
const restRun = await runSync(deps, { mode: 'full', trigger: 'bench', streams: ['products', 'expenses'] });
const t3 = performance.now();
const timeSeconds = (t2 - t1) / 1000;
const entriesPerSecond = Math.round(TIME_ENTRIES / timeSeconds);

// The ceiling: the same number of charge-shaped rows, a plain multi-row insert, no HTTP, no mapping.
const ceilingClient = createClient({ url: `file:${join(dir, 'ceiling.db')}` });
await ceilingClient.execute('PRAGMA journal_mode = WAL');
await ceilingClient.execute('create table c (id integer primary key, source text unique not null, account_id integer, kind text, product_id integer, description text, charge_date text, quantity_milli integer, unit_price_cents integer, amount_cents integer, currency text, tax_code text, ticket_number text, member_name text, work_role text, work_type text, created_at text)');
const c0 = performance.now();
for (let i = 0; i < TIME_ENTRIES; i += 1000) {
  const stmts = [];
  for (let j = i; j < Math.min(TIME_ENTRIES, i + 1000); j += 400) {
    const n = Math.min(400, i + 1000 - j, TIME_ENTRIES - j);
    const args: (string | number)[] = [];
    for (let k = 0; k < n; k++) args.push(`connectwise:time:${j + k}`, 1, 'labour', 1, 'Ticket #1001 Outlook not syncing on MD laptop — remoted in', '2026-06-22', 750, 17500, 13125, 'AUD', 'GST', '1001', 'John Smith', 'Senior Engineer', 'Regular', '2026-07-01T00:00:00Z');
    stmts.push({ sql: `insert into c (source, account_id, kind, product_id, description, charge_date, quantity_milli, unit_price_cents, amount_cents, currency, tax_code, ticket_number, member_name, work_role, work_type, created_at) values ${Array(n).fill('(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`, args });
  }
  await ceilingClient.batch(stmts, 'write');
}
const ceilingPerSecond = Math.round(TIME_ENTRIES / ((performance.now() - c0) / 1000));
ceilingClient.close();

// Incremental: 100 changes in ConnectWise (50 time entries, 30 contacts, 20 companies), then one run.
const store = simulator.store;
const change = (collection: string, count: number, field: string) => {
  for (const record of store.all(collection).slice(0, count)) store.replace(collection, { ...record, [field]: `${String(record[field] ?? '')} (edited)` }, 'bench');
};
change('timeEntries', 50, 'notes');
change('contacts', 30, 'title');
change('companies', 20, 'website');
const r0 = performance.now();
const incremental = await runSync(deps, { mode: 'incremental', trigger: 'bench' });
const incrementalMs = Math.round(performance.now() - r0);
clearInterval(sampler);

const figures = {
  bench: 'sync-full',
  companies: COMPANIES,
  contacts: COMPANIES * CONTACTS_PER_COMPANY,
  timeEntries: TIME_ENTRIES,
  entriesPerSecond,
  timeEntriesSeconds: Number(timeSeconds.toFixed(2)),
  companiesAndContactsSeconds: Number(((t1 - t0) / 1000).toFixed(2)),
  productsAndExpensesSeconds: Number(((t3 - t2) / 1000).toFixed(2)),
  ceilingInsertPerSecond: ceilingPerSecond,
  ratioToCeiling: Number((entriesPerSecond / ceilingPerSecond).toFixed(3)),
  peakRssMb: Math.round(peakRss / 1024 / 1024),
  fullRequests: accountsRun.requests + timeRun.requests + restRun.requests,
  charges: timeRun.added,
  incrementalChanges: 100,
  incrementalRequests: incremental.requests,
  incrementalMs,
  incrementalUpdated: incremental.updated,
  errors: [...accountsRun.errors, ...timeRun.errors, ...restRun.errors, ...incremental.errors].length,
};
console.log(`full sync: ${TIME_ENTRIES} time entries in ${figures.timeEntriesSeconds}s = ${entriesPerSecond}/s (ceiling ${ceilingPerSecond}/s, ratio ${figures.ratioToCeiling}); peak RSS ${figures.peakRssMb} MB (simulator in the same process)`);
console.log(`incremental after 100 changes: ${incremental.requests} requests, ${incrementalMs} ms, per stream ${JSON.stringify(incremental.streams)}`);
await simulator.close();
database.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(figures));
