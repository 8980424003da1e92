/**
 * `npm run cli -- <command>`: the ConnectWise sync from a terminal, on the same
 * configuration (server/src/env.ts) and database as the server. Without CW_SITE it talks to
 * the simulator the server embeds (http://LISTEN_HOST:SIMULATOR_PORT), so start the server first.
 *
 *   sync [--full]               run a sync now (incremental by default), printing each page
 *   runs [--limit N]            the last sync runs
 *   quarantine [--reason R] [--status open|resolved|ignored] [--limit N]
 *   push-ticket <ticketId>      push every time entry of a ticket to billing now
 *
 * Exit codes: 0 done; 1 the run finished with errors, or a failure; 2 bad usage;
 * 3 another sync holds the lease; 4 not found.
 */
import { parseArgs } from 'node:util';
import { and, desc, eq, gt, type SQL } from 'drizzle-orm';
import { readEnv, type Env } from './env.js';
import { openDatabase, migrateDatabase, type Database } from './db/client.js';
import { syncQuarantine, syncRuns } from './db/schema/index.js';
import { ConflictError, DomainError, NotFoundError } from './errors/domain-errors.js';
import { ConnectWiseClient } from './connectwise/client.js';
import { discoverCodebase } from './connectwise/discover-codebase.js';
import { runSync, type SyncDeps } from './sync/run-sync.js';
import { syncClient } from './sync/sync-client.js';
import { SecretBox } from './settings/secret-box.js';
import { pushTicketToBilling } from './sync/push-to-billing.js';
import { QUARANTINE_REASONS } from './quarantine/reasons.js';

export const CLI_USAGE = `usage: npm run cli -- <command>
  sync [--full]                 run a ConnectWise sync now (incremental unless --full)
  runs [--limit N]              list the last sync runs (default 20)
  quarantine [--reason R] [--status open|resolved|ignored] [--limit N]
                                list quarantined records (default: open, 100)
  push-ticket <ticketId>        push every time entry of a ticket to billing now`;

const EXIT = { ok: 0, failed: 1, usage: 2, busy: 3, notFound: 4 } as const;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(CLI_USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  const env = readEnv();
  const database = await openDatabase(env.DATABASE_URL);
  try {
    await migrateDatabase(database.db);
    switch (command) {
      case 'sync':
        return await syncCommand(env, database, rest);
      case 'runs':
        return await runsCommand(database, rest);
      case 'quarantine':
        return await quarantineCommand(database, rest);
      case 'push-ticket':
        return await pushTicketCommand(env, database, rest);
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } finally {
    database.close();
  }
}

async function syncDeps(env: Env, database: Database): Promise<SyncDeps> {
  const site = env.CW_SITE ?? `http://${env.LISTEN_HOST}:${env.SIMULATOR_PORT}`;
  const codebase = await discoverCodebase(site, env.CW_COMPANY_ID);
  const fallback = new ConnectWiseClient({
    credentials: {
      site,
      codebase,
      companyId: env.CW_COMPANY_ID,
      publicKey: env.CW_PUBLIC_KEY,
      privateKey: env.CW_PRIVATE_KEY,
      clientId: env.CW_CLIENT_ID,
    },
  });
  // A connection saved through the API (encrypted) wins over the environment, as in the server.
  const cw = await syncClient(database.db, SecretBox.load(env.SECRET_KEY), fallback);
  return { db: database.db, cw, clock: () => new Date(), currency: env.CURRENCY };
}

async function syncCommand(env: Env, database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { full: { type: 'boolean', default: false } }, strict: true });
  const mode = values.full ? 'full' : 'incremental';
  const deps = await syncDeps(env, database);
  console.log(`sync (${mode}) with ${deps.cw.credentials.site} …`);
  const pages = new Map<string, number>();
  const run = await runSync(deps, {
    mode,
    trigger: 'cli',
    afterPage: async (stream) => {
      pages.set(stream, (pages.get(stream) ?? 0) + 1);
      console.log(`  ${stream}: page ${pages.get(stream)} saved`);
    },
  });
  for (const [stream, counts] of Object.entries(run.streams)) console.log(`  ${stream.padEnd(13)} ${describeCounts(counts)}`);
  console.log(`run #${run.id} ${run.status} in ${run.durationMs} ms, ${run.requests} requests: ${describeCounts(run)}`);
  for (const error of run.errors) console.error(`  error: ${error}`);
  return run.status === 'succeeded' ? EXIT.ok : EXIT.failed;
}

async function runsCommand(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { limit: { type: 'string', default: '20' } }, strict: true });
  const runs = await database.db
    .select()
    .from(syncRuns)
    .orderBy(desc(syncRuns.id))
    .limit(wholeNumber('limit', values.limit, 1, 1000));
  if (runs.length === 0) console.log('no sync runs yet');
  for (const run of runs) {
    console.log(
      `#${run.id} ${run.startedAt} ${run.mode.padEnd(11)} ${run.status.padEnd(9)} ${String(run.durationMs ?? '-').padStart(7)} ms  ${describeCounts(run)}  (${run.trigger})`,
    );
    for (const error of run.errors) console.log(`    error: ${error}`);
  }
  return EXIT.ok;
}

async function quarantineCommand(database: Database, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { reason: { type: 'string' }, status: { type: 'string', default: 'open' }, limit: { type: 'string', default: '100' } },
    strict: true,
  });
  if (values.reason !== undefined && !(QUARANTINE_REASONS as readonly string[]).includes(values.reason))
    throw new UsageError(`--reason must be one of ${QUARANTINE_REASONS.join(', ')}`);
  if (!['open', 'resolved', 'ignored'].includes(values.status)) throw new UsageError('--status must be open, resolved or ignored');
  const where: SQL[] = [gt(syncQuarantine.id, 0), eq(syncQuarantine.status, values.status as 'open')];
  if (values.reason) where.push(eq(syncQuarantine.reason, values.reason));
  const items = await database.db
    .select()
    .from(syncQuarantine)
    .where(and(...where))
    .orderBy(syncQuarantine.id)
    .limit(wholeNumber('limit', values.limit, 1, 10_000));
  for (const item of items)
    console.log(`#${item.id} ${item.entity} ${item.externalId} ${item.reason} ${item.status} ${JSON.stringify(item.details)}`);
  console.log(`${items.length} ${values.status} item(s)${values.reason ? ` with reason ${values.reason}` : ''}`);
  return EXIT.ok;
}

async function pushTicketCommand(env: Env, database: Database, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('push-ticket takes one ticket id');
  const ticketId = wholeNumber('ticketId', positionals[0], 1, 2_147_483_647);
  const result = await pushTicketToBilling({ ...(await syncDeps(env, database)), actor: 'cli' }, ticketId);
  for (const entry of result.timeEntries) {
    const detail =
      entry.outcome === 'quarantined'
        ? entry.reason
        : entry.outcome === 'skipped'
          ? entry.why
          : `${entry.chargeSource}${entry.invoiceId ? ` (invoice ${entry.invoiceId})` : ''}`;
    console.log(`time entry ${entry.timeEntryId}: ${entry.outcome} — ${detail}`);
  }
  console.log(`ticket ${ticketId}: ${result.timeEntries.length} time entr${result.timeEntries.length === 1 ? 'y' : 'ies'}`);
  return EXIT.ok;
}

const COUNTS = ['added', 'updated', 'unchanged', 'quarantined', 'skipped', 'deleted'] as const;

/** A run's (or one stream's) counts: "added 3, updated 0, …". */
function describeCounts(counts: Partial<Record<(typeof COUNTS)[number], unknown>>): string {
  return COUNTS.map((key) => `${key} ${Number(counts[key] ?? 0)}`).join(', ');
}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return n;
}

function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) return EXIT.usage;
  if (error instanceof ConflictError) return EXIT.busy;
  if (error instanceof NotFoundError) return EXIT.notFound;
  return EXIT.failed;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const code = exitCodeFor(error);
    console.error(`error: ${(error as Error).message}`);
    if (code === EXIT.usage) console.error(CLI_USAGE);
    else if (!(error instanceof DomainError)) console.error((error as Error).stack);
    process.exitCode = code;
  },
);
