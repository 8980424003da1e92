// Ticket API benchmark: the ticket billing route (`GET /api/v1/tickets/:id/billing`, what the
// pod and the extension call on every ticket view) under an open-loop load of 1,000 requests/s
// for 30 s, spread at random over every ticket of a generated site that was synced first; the
// same load against `/health` (no auth, one trivial query) is the ceiling, measured in the same
// run. The server and the simulator share this process, as `npm start` runs them; the load
// comes from a child (bench/helpers/open-loop-load.ts), so it does not take the server's thread.
// Prints p50, p99, the achieved rate, errors and the requests made to Manage per view, then one
// JSON line. Run: `npm run bench -- ticket-api` (`--rate 500 --seconds 10 --companies 40` scale it).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv } from '../server/src/env.js';
import { startSystem } from '../server/src/boot.js';
import { startSimulator } from '../server/src/simulator/server.js';
import { generateDataset } from '../server/src/simulator/data/generate.js';
import { runSync } from '../server/src/sync/run-sync.js';
import { saveMapping } from '../server/src/mappings/mapping-store.js';
import { writeSetting } from '../server/src/settings/settings-store.js';
import { SYNC_OPTIONS_KEY, TIME_ENTRY_STATUSES } from '../server/src/settings/sync-options.js';

const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    companies: { type: 'string', default: '100' },
    connections: { type: 'string', default: '64' },
  },
});
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const COMPANIES = Number(args.companies);
const TICKETS_PER_COMPANY = 5;
const TIME_ENTRIES = COMPANIES * TICKETS_PER_COMPANY * 8;

// The site: 100 companies with 5 tickets each (500 tickets), 4,000 time entries, 200
// expenses and 200 product sales, in this process's simulator.
const credentials = { companyId: 'bench', publicKey: 'bench-public', privateKey: 'bench-private' };
const dataset = generateDataset({
  seed: 1,
  companies: COMPANIES,
  contactsPerCompany: 2,
  ticketsPerCompany: TICKETS_PER_COMPANY,
  timeEntries: TIME_ENTRIES,
});
const simulator = await startSimulator({ port: 0, credentials, dataset: dataset as never });
const dir = mkdtempSync(join(tmpdir(), 'cwb-bench-ticket-'));
let manageRequests = 0;
const system = await startSystem(
  readEnv({
    DATABASE_URL: `file:${join(dir, 'billing.db')}`,
    PORT: '0',
    CW_SITE: simulator.apiUrl,
    CW_COMPANY_ID: credentials.companyId,
    CW_PUBLIC_KEY: credentials.publicKey,
    CW_PRIVATE_KEY: credentials.privateKey,
  }),
  { podAssetsDir: resolve('dist/pod'), onConnectWiseRequest: () => void manageRequests++ },
);
const db = system.database.db;

// Synced first, everything mapped, so views carry charges and quarantine states as a real site's do.
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
const sync = await runSync({ db, cw: system.cw, clock: () => new Date(), currency: 'AUD' }, { mode: 'full', trigger: 'bench' });
if (sync.status !== 'succeeded') throw new Error(`the sync failed: ${sync.errors.join('; ')}`);
const ticketIds = dataset.tickets.map((t) => t.id as number);

const load = fork('bench/helpers/open-loop-load.ts', [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const nextMessage = async <T>(type: string): Promise<T> => {
  for (;;) {
    const [message] = (await once(load, 'message')) as [{ type: string } & T];
    if (message.type === type) return message;
  }
};
await nextMessage('ready');
interface LoadResult {
  sent: number;
  completed: number;
  errors: number;
  statuses: Record<string, number>;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  achievedRate: number;
}
const runLoad = async (urls: string[], seed: number): Promise<LoadResult> => {
  load.send({
    type: 'run',
    urls,
    headers: { authorization: `Bearer ${system.bootstrapToken}`, accept: 'application/json' },
    rate: RATE,
    seconds: SECONDS,
    seed,
    connections: Number(args.connections),
  });
  return nextMessage<LoadResult>('done');
};

// The ceiling first, so the server's caches and JIT are as warm for the route as they can be
// without it having read a single ticket.
const health = await runLoad([`${system.serverUrl}/health`], 1);
const before = manageRequests;
const cpuBefore = process.cpuUsage();
const tickets = await runLoad(
  ticketIds.map((id) => `${system.serverUrl}/api/v1/tickets/${id}/billing`),
  2,
);
const cpu = process.cpuUsage(cpuBefore);
const requestsToManage = manageRequests - before;
const views = tickets.completed - tickets.errors;

load.send({ type: 'close' });
await system.close();
await simulator.close();
rmSync(dir, { recursive: true, force: true });

const perView = views === 0 ? null : Number((requestsToManage / views).toFixed(3));
console.log(`site: ${ticketIds.length} tickets, ${TIME_ENTRIES} time entries; full sync: ${sync.requests} requests`);
console.log(`load: ${RATE} requests/s for ${SECONDS} s, open loop, ${args.connections} keep-alive connections at most`);
console.log(
  `/health (ceiling)        p50 ${health.p50} ms  p99 ${health.p99} ms  max ${health.max} ms  ${health.achievedRate}/s  errors ${health.errors}`,
);
console.log(
  `/tickets/:id/billing     p50 ${tickets.p50} ms  p99 ${tickets.p99} ms  max ${tickets.max} ms  ${tickets.achievedRate}/s  errors ${tickets.errors}`,
);
console.log(
  `Manage: ${requestsToManage} requests for ${views} views = ${perView} per view; server CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s for ${SECONDS} s`,
);
console.log(
  JSON.stringify({
    bench: 'ticket-api',
    tickets: ticketIds.length,
    rate: RATE,
    seconds: SECONDS,
    p50Ms: tickets.p50,
    p99Ms: tickets.p99,
    maxMs: tickets.max,
    achievedRate: tickets.achievedRate,
    errors: tickets.errors,
    manageRequests: requestsToManage,
    manageRequestsPerView: perView,
    serverCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
    ceilingP50Ms: health.p50,
    ceilingP99Ms: health.p99,
    ceilingAchievedRate: health.achievedRate,
    p99RatioToCeiling: health.p99 === 0 ? null : Number((tickets.p99 / health.p99).toFixed(2)),
  }),
);
process.exit(0);
