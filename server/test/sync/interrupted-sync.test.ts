import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { charges, syncCheckpoints, syncLeases, syncRuns } from '../../src/db/schema/index.js';
import { readEnv } from '../../src/env.js';
import { startSystem, type RunningSystem } from '../../src/boot.js';
import { runSync } from '../../src/sync/run-sync.js';
import { openDatabase } from '../../src/db/client.js';
import { openTestDatabase } from '../../../test/helpers/test-db.js';
import { authHeader, startTestSystem, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { mapDemo } from './demo-fixture.js';
import { endState } from './end-state.js';

/**
 * A sync killed mid-run (SIGKILL: no chance to write its end) and the system started again on
 * its database: the run reads "interrupted" with the counts it had saved, not "running"
 * forever; the next run says which run and checkpoints it resumed from, and the end state is
 * that of a run never killed (nothing twice).
 */
let system: TestSystem;
let reference: Awaited<ReturnType<typeof endState>>;

beforeAll(async () => {
  system = await startTestSystem();
  const db = await openTestDatabase();
  await mapDemo(db.db);
  await runSync({ db: db.db, cw: system.cw, clock: system.clock, currency: 'AUD' }, { mode: 'full', trigger: 'reference' });
  reference = await endState(db.db);
  db.dispose();
});
afterAll(async () => system?.close());

/** A full sync in a child process (sync-child.ts), SIGKILLed after its `pages`-th saved page of time entries. */
async function syncKilledAfter(dbFile: string, pages: number): Promise<number> {
  const credentials = system.cw.credentials;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/test/sync/sync-child.ts'], {
    env: {
      ...process.env,
      SYNC_DB_URL: `file:${dbFile}`,
      SYNC_PAGE_SIZE: '2',
      CW_SITE: credentials.site,
      CW_CODEBASE: credentials.codebase,
      CW_COMPANY_ID: credentials.companyId,
      CW_PUBLIC_KEY: credentials.publicKey,
      CW_PRIVATE_KEY: credentials.privateKey,
      CW_CLIENT_ID: credentials.clientId,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let seen = 0;
  let output = '';
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    seen = output.split('\n').filter((line) => line === 'page time_entries').length;
    if (seen >= pages && child.exitCode === null) child.kill('SIGKILL');
  });
  expect(await exited).toBe('SIGKILL');
  expect(output).not.toContain('done');
  return child.pid!;
}

/** A process of this host that has run and exited (its pid names a dead holder). */
async function pidOfAnExitedProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((done) => child.on('exit', done));
  return child.pid!;
}

/** The product started again on that database (as `npm start` after a restart), reaching the same ConnectWise site. */
async function bootOn(dbFile: string): Promise<RunningSystem & { api: (method: string, path: string, body?: unknown) => Promise<any> }> {
  const env = readEnv({ DATABASE_URL: `file:${dbFile}`, PORT: '0', CW_SITE: system.simulator!.apiUrl });
  const booted = await startSystem(env, { podAssetsDir: resolve('dist/pod'), clock: system.clock });
  const token = booted.bootstrapToken!;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(booted.serverUrl + path, {
      method,
      headers: { ...authHeader(token), 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  };
  return { ...booted, api };
}

describe('a sync whose process is killed', () => {
  it('is interrupted, not running forever, and the next run resumes from its checkpoint without doing anything twice', async () => {
    const db = await openTestDatabase();
    await mapDemo(db.db);

    // Killed once; then a second sync takes the dead holder's lease over, and is killed too.
    const firstPid = await syncKilledAfter(db.file, 2);
    const [first] = await db.db.select().from(syncRuns);
    expect(first).toMatchObject({ status: 'running', finishedAt: null });
    expect(first.holder?.startsWith(`${hostname()}:${firstPid}:`)).toBe(true);
    // Its counts were saved page by page: the streams it finished and the time entries so far.
    expect(first.added).toBeGreaterThan(0);
    expect(Object.keys(first.streams)).toEqual(['companies', 'contacts', 'time_entries']);
    expect(first.added).toBe(Object.values(first.streams).reduce((sum, counts) => sum + counts.added, 0));

    const secondPid = await syncKilledAfter(db.file, 2);
    const runsAfterTakeover = await db.db.select().from(syncRuns).orderBy(syncRuns.id);
    expect(runsAfterTakeover.map((run) => run.status)).toEqual(['interrupted', 'running']);
    const second = runsAfterTakeover[1];
    expect(second.holder?.startsWith(`${hostname()}:${secondPid}:`)).toBe(true);
    // It picked up the time entries where the first left them.
    expect(second.resumedFrom).toEqual({
      runId: first.id,
      streams: [{ stream: 'time_entries', runId: first.id, mode: 'full', since: null, afterId: expect.any(Number) }],
    });
    expect(second.resumedFrom!.streams[0].afterId).toBeGreaterThan(0);
    const [left] = await db.db.select().from(syncCheckpoints).where(eq(syncCheckpoints.stream, 'time_entries'));
    expect(left.pass).toMatchObject({ mode: 'full', runId: first.id, lastRunId: second.id });
    db.client.close();

    const booted = await bootOn(db.file);
    try {
      // On start: the run whose holder is gone is interrupted, with the counts it saved.
      const listed = await booted.api('GET', '/api/v1/connectwise/runs');
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((run: { id: number; status: string }) => [run.id, run.status])).toEqual([
        [second.id, 'interrupted'],
        [first.id, 'interrupted'],
      ]);
      expect(listed.body.items[0]).toMatchObject({ added: second.added, streams: second.streams, finishedAt: null });
      expect(listed.body.items[0].added + listed.body.items[0].unchanged).toBeGreaterThan(0);

      const resumed = await booted.api('POST', '/api/v1/connectwise/sync', { mode: 'full' });
      expect(resumed.status).toBe(201);
      expect(resumed.body).toMatchObject({
        status: 'succeeded',
        errors: [],
        resumedFrom: {
          runId: second.id,
          streams: [{ stream: 'time_entries', runId: second.id, mode: 'full', since: null, afterId: left.pass!.afterId }],
        },
      });
      expect((await booted.api('GET', `/api/v1/connectwise/runs/${resumed.body.id}`)).body.resumedFrom).toEqual(resumed.body.resumedFrom);

      const after = await openDatabase(`file:${db.file}`);
      try {
        const sources = (await after.db.select({ source: charges.source }).from(charges)).map((row) => row.source);
        expect(new Set(sources).size).toBe(sources.length);
        expect(await endState(after.db)).toEqual(reference);
        expect(await after.db.select().from(syncLeases)).toEqual([]);
      } finally {
        after.close();
      }
    } finally {
      await booted.close();
      db.dispose();
    }
  }, 60_000);

  it('never interrupts the run of a live holder, on start or when another sync asks for the lease', async () => {
    const db = await openTestDatabase();
    const live = `${hostname()}:${process.pid}:live-run`;
    const gone = await pidOfAnExitedProcess();
    const at = system.clock().toISOString();
    const row = { mode: 'full' as const, trigger: 'test', startedAt: at, errors: [], streams: {} };
    await db.db.insert(syncRuns).values([
      { ...row, status: 'running', holder: `${hostname()}:${gone}:dead-run` },
      { ...row, status: 'running', holder: live },
    ]);
    // The lease of this (live) process, current whatever the clock reads.
    await db.db.insert(syncLeases).values({ name: 'sync', holder: live, expiresAt: '9999-12-31T23:59:59.999Z' });
    db.client.close();

    const booted = await bootOn(db.file);
    try {
      const statuses = async () =>
        (await booted.api('GET', '/api/v1/connectwise/runs')).body.items.map((run: { holder: string; status: string }) => [
          run.holder,
          run.status,
        ]);
      expect(await statuses()).toEqual([
        [live, 'running'],
        [`${hostname()}:${gone}:dead-run`, 'interrupted'],
      ]);
      const refused = await booted.api('POST', '/api/v1/connectwise/sync', { mode: 'incremental' });
      expect(refused).toMatchObject({ status: 409, body: { code: 'conflict' } });
      expect(await statuses()).toEqual([
        [live, 'running'],
        [`${hostname()}:${gone}:dead-run`, 'interrupted'],
      ]);
    } finally {
      await booted.close();
      db.dispose();
    }
  }, 60_000);
});
