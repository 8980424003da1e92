// Full-sync benchmark: a full sync of 2,000 companies, 10,000 contacts and 100,000 time
// entries from the simulator over HTTP, the ceiling of a plain multi-row libSQL insert of
// the same rows, then an incremental run after 100 changes. Ends with one JSON line.
// The simulator runs in a child process (bench/helpers/simulator-process.ts), so the peak
// RSS printed is the sync's own, not the generated site's.
// Run: `npm run bench -- sync-full` (or `npx tsx bench/sync-full.ts`).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { openDatabase, migrateDatabase } from '../server/src/db/client.js';
import { ConnectWiseClient } from '../server/src/connectwise/client.js';
import { discoverCodebase } from '../server/src/connectwise/discover-codebase.js';
import { runSync } from '../server/src/sync/run-sync.js';
import { saveMapping } from '../server/src/mappings/mapping-store.js';
import { writeSetting } from '../server/src/settings/settings-store.js';
import { SYNC_OPTIONS_KEY, TIME_ENTRY_STATUSES } from '../server/src/settings/sync-options.js';

// For profiling: smaller runs (`--companies 400 --time-entries 20000`), `--sql-timing` (time per
// statement), `--phases` (memory after each phase, and hrtime marks around the time-entry pass
// to cut a `node --cpu-prof` profile to it), all on stderr.
const { values: args } = parseArgs({
  options: {
    companies: { type: 'string', default: '2000' },
    'time-entries': { type: 'string', default: '100000' },
    'sql-timing': { type: 'boolean', default: false },
    phases: { type: 'boolean', default: false },
  },
});
const COMPANIES = Number(args.companies);
const CONTACTS_PER_COMPANY = 5;
const TIME_ENTRIES = Number(args['time-entries']);

const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-'));
const credentials = { companyId: 'bench', publicKey: 'bench-public', privateKey: 'bench-private' };
type SetupTables = {
  companyTypes: { id: number; name: string }[];
  companyStatuses: { id: number; name: string }[];
  communicationTypes: { id: number; description: string; emailFlag: boolean; faxFlag: boolean }[];
};
const simProcess = fork('bench/helpers/simulator-process.ts', [], {
  execArgv: ['--import', 'tsx'],
  env: {
    ...process.env,
    SIM_OPTIONS: JSON.stringify({
      seed: 1,
      companies: COMPANIES,
      contactsPerCompany: CONTACTS_PER_COMPANY,
      timeEntries: TIME_ENTRIES,
      credentials,
    }),
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const nextMessage = async <T>(type: string): Promise<T> => {
  for (;;) {
    const [message] = (await once(simProcess, 'message')) as [{ type: string } & T];
    if (message.type === type) return message;
  }
};
const { apiUrl, setup: dataset } = await nextMessage<{ apiUrl: string; setup: SetupTables }>('ready');
const simulator = { apiUrl };

// Measured from here: this process holds only the sync (the generated site lives in the child).
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
const phase = (name: string) =>
  args.phases &&
  console.error(
    `RSS ${name}: peak ${Math.round(peakRss / 1048576)} MB`,
    Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, Math.round(v / 1048576)])),
  );
phase('start');
const codebase = await discoverCodebase(simulator.apiUrl, credentials.companyId);
let requests = 0;
const cw = new ConnectWiseClient({
  credentials: { site: simulator.apiUrl, codebase, ...credentials, clientId: 'bench-client' },
  onRequest: () => void requests++,
});
const database = await openDatabase(`file:${join(dir, 'billing.db')}`);
await migrateDatabase(database.db);
const db = database.db;
const sqlTimes = args['sql-timing'] ? timeStatements(database.client) : null;

// Everything maps, so every record takes the full path (account, contact, charge).
const now = new Date();
for (const t of dataset.companyTypes) await saveMapping(db, 'company_type', String(t.id), String(t.name), { sync: true }, now);
for (const s of dataset.companyStatuses) await saveMapping(db, 'company_status', String(s.id), String(s.name), { sync: true }, now);
for (const t of dataset.communicationTypes) {
  const field = t.emailFlag ? 'email' : t.faxFlag ? 'fax' : 'phone';
  await saveMapping(db, 'communication_type', String(t.id), String(t.description), { field }, now);
}
await writeSetting(
  db,
  SYNC_OPTIONS_KEY,
  { billableOptions: ['Billable', 'NoCharge', 'DoNotBill', 'NoDefault'], approvedStatuses: [...TIME_ENTRY_STATUSES] },
  now,
);
const deps = { db, cw, clock: () => new Date(), currency: 'AUD' };

phase('setup');
const t0 = performance.now();
const accountsRun = await runSync(deps, { mode: 'full', trigger: 'bench', streams: ['companies', 'contacts'] });
const t1 = performance.now();
phase('companies+contacts');
const cpu1 = process.cpuUsage();
const simCpu1 = childCpuSeconds();
if (args.phases) console.error(`MARK start ${process.hrtime.bigint() / 1000n}`);
const timeRun = await runSync(deps, { mode: 'full', trigger: 'bench', streams: ['time_entries'] });
const t2 = performance.now();
const timeCpu = process.cpuUsage(cpu1);
const simCpu2 = childCpuSeconds();
phase('time entries');
if (args.phases) console.error(`MARK end ${process.hrtime.bigint() / 1000n}`);
const restRun = await runSync(deps, { mode: 'full', trigger: 'bench', streams: ['products', 'expenses'] });
const t3 = performance.now();
const timeSeconds = (t2 - t1) / 1000;
const entriesPerSecond = Math.round(TIME_ENTRIES / timeSeconds);

phase('products+expenses');
// Incremental: 100 changes in ConnectWise (50 time entries, 30 contacts, 20 companies), then one run.
const change = async (collection: string, count: number, field: string) => {
  simProcess.send({ type: 'edit', collection, count, field });
  await nextMessage('edited');
};
await change('timeEntries', 50, 'notes');
await change('contacts', 30, 'title');
await change('companies', 20, 'website');
const r0 = performance.now();
const incremental = await runSync(deps, { mode: 'incremental', trigger: 'bench' });
const incrementalMs = Math.round(performance.now() - r0);
phase('incremental');
clearInterval(sampler);
// The kernel's high-water mark too, in case a spike fell between two samples.
peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);

// Measured after the sync's peak: the ceiling's own client and rows are not the sync's memory.
// The ceiling: the same number of charge-shaped rows, a plain multi-row insert, no HTTP, no mapping.
const ceilingClient = createClient({ url: `file:${join(dir, 'ceiling.db')}` });
await ceilingClient.execute('PRAGMA journal_mode = WAL');
await ceilingClient.execute(
  'create table c (id integer primary key, source text unique not null, account_id integer, kind text, product_id integer, description text, charge_date text, quantity_milli integer, unit_price_cents integer, amount_cents integer, currency text, tax_code text, ticket_number text, member_name text, work_role text, work_type text, created_at text)',
);
const c0 = performance.now();
for (let i = 0; i < TIME_ENTRIES; i += 1000) {
  const stmts = [];
  for (let j = i; j < Math.min(TIME_ENTRIES, i + 1000); j += 400) {
    const n = Math.min(400, i + 1000 - j, TIME_ENTRIES - j);
    const args: (string | number)[] = [];
    for (let k = 0; k < n; k++)
      args.push(
        `connectwise:time:${j + k}`,
        1,
        'labour',
        1,
        'Ticket #1001 Outlook not syncing on MD laptop — remoted in',
        '2026-06-22',
        750,
        17500,
        13125,
        'AUD',
        'GST',
        '1001',
        'John Smith',
        'Senior Engineer',
        'Regular',
        '2026-07-01T00:00:00Z',
      );
    stmts.push({
      sql: `insert into c (source, account_id, kind, product_id, description, charge_date, quantity_milli, unit_price_cents, amount_cents, currency, tax_code, ticket_number, member_name, work_role, work_type, created_at) values ${Array(n).fill('(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')}`,
      args,
    });
  }
  await ceilingClient.batch(stmts, 'write');
}
const ceilingPerSecond = Math.round(TIME_ENTRIES / ((performance.now() - c0) / 1000));
ceilingClient.close();

const figures = {
  bench: 'sync-full',
  companies: COMPANIES,
  contacts: COMPANIES * CONTACTS_PER_COMPANY,
  timeEntries: TIME_ENTRIES,
  entriesPerSecond,
  timeEntriesSeconds: Number(timeSeconds.toFixed(2)),
  // CPU this process spent on them (user + system): steadier than wall time on a shared machine.
  timeEntriesCpuSeconds: Number(((timeCpu.user + timeCpu.system) / 1e6).toFixed(2)),
  // CPU the simulator's process spent serving them (Linux /proc; null elsewhere).
  simulatorCpuSeconds: simCpu1 === null || simCpu2 === null ? null : Number((simCpu2 - simCpu1).toFixed(2)),
  companiesAndContactsSeconds: Number(((t1 - t0) / 1000).toFixed(2)),
  productsAndExpensesSeconds: Number(((t3 - t2) / 1000).toFixed(2)),
  ceilingInsertPerSecond: ceilingPerSecond,
  ratioToCeiling: Number((entriesPerSecond / ceilingPerSecond).toFixed(3)),
  peakRssMb: Math.round(peakRss / 1024 / 1024),
  simulatorRssMb: 0,
  fullRequests: accountsRun.requests + timeRun.requests + restRun.requests,
  charges: timeRun.added,
  incrementalChanges: 100,
  incrementalRequests: incremental.requests,
  incrementalMs,
  incrementalUpdated: incremental.updated,
  errors: [...accountsRun.errors, ...timeRun.errors, ...restRun.errors, ...incremental.errors].length,
};
console.log(
  `full sync: ${TIME_ENTRIES} time entries in ${figures.timeEntriesSeconds}s = ${entriesPerSecond}/s (ceiling ${ceilingPerSecond}/s, ratio ${figures.ratioToCeiling}); peak RSS ${figures.peakRssMb} MB (the sync's process; the simulator runs in a child)`,
);
console.log(
  `incremental after 100 changes: ${incremental.requests} requests, ${incrementalMs} ms, per stream ${JSON.stringify(incremental.streams)}`,
);
simProcess.send({ type: 'close' });
figures.simulatorRssMb = (await nextMessage<{ rssMb: number }>('closed')).rssMb;
database.close();
rmSync(dir, { recursive: true, force: true });
if (sqlTimes)
  console.log(
    [...sqlTimes]
      .sort((a, b) => b[1].ms - a[1].ms)
      .slice(0, 25)
      .map(([sql, t]) => `${t.ms.toFixed(0).padStart(7)} ms ${String(t.n).padStart(7)}× ${sql}`)
      .join('\n'),
  );
console.log(JSON.stringify(figures));

/** User + system CPU of the simulator's process so far, from /proc (Linux only), or null. */
function childCpuSeconds(): number | null {
  try {
    const stat = readFileSync(`/proc/${simProcess.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** `--sql-timing`: time spent per statement (first 100 characters), for profiling. */
function timeStatements(client: import('@libsql/client').Client) {
  const times = new Map<string, { ms: number; n: number }>();
  const wrap = <T extends object>(target: T, method: 'execute' | 'batch') => {
    const original = (target as Record<string, (...a: unknown[]) => Promise<unknown>>)[method].bind(target);
    (target as Record<string, unknown>)[method] = async (...a: unknown[]) => {
      const started = performance.now();
      try {
        return await original(...a);
      } finally {
        const first = a[0] as string | { sql: string } | { sql: string }[];
        const sql = (Array.isArray(first) ? `batch ${first[0]?.sql}` : typeof first === 'string' ? first : first.sql).slice(0, 100);
        const entry = times.get(sql) ?? { ms: 0, n: 0 };
        entry.ms += performance.now() - started;
        entry.n++;
        times.set(sql, entry);
      }
    };
  };
  wrap(client, 'execute');
  wrap(client, 'batch');
  const transaction = client.transaction.bind(client);
  client.transaction = (async (mode?: import('@libsql/client').TransactionMode) => {
    const started = performance.now();
    const tx = await transaction(mode);
    const begin = times.get('BEGIN') ?? { ms: 0, n: 0 };
    begin.ms += performance.now() - started;
    begin.n++;
    times.set('BEGIN', begin);
    wrap(tx, 'execute');
    wrap(tx, 'batch');
    const commit = tx.commit.bind(tx);
    tx.commit = async () => {
      const at = performance.now();
      try {
        return await commit();
      } finally {
        const entry = times.get('COMMIT') ?? { ms: 0, n: 0 };
        entry.ms += performance.now() - at;
        entry.n++;
        times.set('COMMIT', entry);
      }
    };
    return tx;
  }) as typeof client.transaction;
  return times;
}
