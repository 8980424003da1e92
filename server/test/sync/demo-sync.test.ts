import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ALL_POWERS } from '../../../shared/powers.js';
import { charges, syncLeases, syncQuarantine, syncRuns } from '../../src/db/schema/index.js';
import { issueToken } from '../../src/auth/tokens.js';
import { holderIsDead } from '../../src/sync/sync-lease.js';
import { runSync, type SyncDeps } from '../../src/sync/run-sync.js';
import { runStream } from '../../src/sync/run-stream.js';
import { buildSyncContext } from '../../src/sync/run-sync.js';
import { timeEntriesStream } from '../../src/sync/streams/time-entries.js';
import { openTestDatabase } from '../../../test/helpers/test-db.js';
import { startTestSystem, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { mountSyncRoutes } from '../../../test/helpers/sync-test-app.js';
import { mapDemo } from './demo-fixture.js';
import { endState } from './end-state.js';

/**
 * The demo site synced end to end, against the simulator over HTTP: what each record
 * becomes, a re-run that changes nothing, and an incremental run after changes.
 */
let system: TestSystem;
let reference: Awaited<ReturnType<typeof endState>>;
const depsFor = (db: SyncDeps['db'], cw = system.cw): SyncDeps => ({ db, cw, clock: system.clock, currency: 'AUD' });

beforeAll(async () => {
  system = await startTestSystem();
  // The fault-free reference run, on its own database.
  const db = await openTestDatabase();
  await mapDemo(db.db);
  await runSync(depsFor(db.db), { mode: 'full', trigger: 'test' });
  reference = await endState(db.db);
  db.dispose();
});
afterAll(async () => system?.close());

describe('a full sync of the demo data', () => {
  it('gives the accounts, contacts and charges the mappings dictate, and quarantines the rest with a reason', async () => {
    expect(reference.accounts).toEqual([
      'connectwise:company:250 Contoso Pty Ltd Customer active',
      'connectwise:company:251 Northwind Traders Customer active',
      'connectwise:company:252 Fabrikam Dental Group Customer active',
      `connectwise:company:253 O'Brien & Sons "Premium" Plumbing Customer suspended`,
      'connectwise:company:255 Harbourview Medical Centre Customer active',
    ]);
    expect(reference.quarantine).toContain('company 254 unmapped_company_type open');
    expect(reference.quarantine.filter((q) => q.startsWith('contact'))).toEqual([
      'contact 11 unknown_company open',
      'contact 12 unknown_company open',
    ]);
    expect(reference.contacts.every((c) => c.endsWith(' true'))).toBe(true);
    // Phone numbers keep digits only: "(02) 9251 4401" → 0292514401.
    expect(reference.contacts).toContain(
      'connectwise:contact:1 connectwise:company:250 Sarah Mitchell sarah.mitchell@contoso.com.au 0292514401 true',
    );
    // Time entry 1: 0.75 h × $175.00 = $131.25 (ConnectWise's own rate).
    expect(reference.charges).toContain('connectwise:time:1 connectwise:company:250 connectwise:work-role-type:3:1 labour 750 17500 13125');
    expect(reference.charges.filter((c) => c.startsWith('connectwise:time:')).length).toBeGreaterThan(5);
    expect(reference.charges.some((c) => c.startsWith('connectwise:product:'))).toBe(true);
    expect(reference.charges.some((c) => c.startsWith('connectwise:expense:'))).toBe(true);
  });

  it('changes nothing after the first of three runs, and one time entry never becomes two charges, even with two syncs at once', async () => {
    const db = await openTestDatabase();
    await mapDemo(db.db);
    const [a, b] = await Promise.allSettled([
      runSync(depsFor(db.db), { mode: 'incremental', trigger: 'a' }),
      runSync(depsFor(db.db), { mode: 'incremental', trigger: 'b' }),
    ]);
    expect([a.status, b.status]).toContain('fulfilled');
    // Below the lease: two passes of the time-entry stream at the same moment.
    const ctx1 = await buildSyncContext(depsFor(db.db));
    const ctx2 = await buildSyncContext(depsFor(db.db));
    await Promise.all([
      runStream({ def: timeEntriesStream as never, cw: system.cw, ctx: ctx1, mode: 'full', runId: 900 }),
      runStream({ def: timeEntriesStream as never, cw: system.cw, ctx: ctx2, mode: 'full', runId: 901 }),
    ]);
    const second = await runSync(depsFor(db.db), { mode: 'incremental', trigger: 'second' });
    const third = await runSync(depsFor(db.db), { mode: 'full', trigger: 'third' });
    for (const run of [second, third])
      expect({ added: run.added, updated: run.updated, deleted: run.deleted }).toEqual({ added: 0, updated: 0, deleted: 0 });
    const rows = await db.db.select({ source: charges.source }).from(charges);
    expect(new Set(rows.map((r) => r.source)).size).toBe(rows.length);
    expect(await endState(db.db)).toEqual(reference);
    db.dispose();
  });

  it('ends in exactly the fault-free state with 429s and 10% 5xx on the wire', async () => {
    const db = await openTestDatabase();
    await mapDemo(db.db);
    let calls = 0;
    let faults = 0;
    const faulty: typeof fetch = async (input, init) => {
      calls++;
      if (calls % 7 === 0) {
        faults++;
        return new Response(JSON.stringify({ error: 'ConnectWiseAPI', message: 'Too many requests.' }), {
          status: 429,
          headers: { 'retry-after': '0' },
        });
      }
      if (calls % 10 === 3) {
        faults++;
        return new Response('{"code":"ConnectWiseApi"}', { status: 503 });
      }
      return fetch(input, init);
    };
    const cw = system.cw.withOptions({ fetch: faulty, baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 20 });
    const run = await runSync(depsFor(db.db, cw), { mode: 'full', trigger: 'faults', pageSize: 7 });
    expect(run.errors).toEqual([]);
    expect(faults).toBeGreaterThan(3);
    expect(await endState(db.db)).toEqual(reference);
    db.dispose();
  });

  it('resumes a run killed with SIGKILL mid-way and ends in the same state', async () => {
    const db = await openTestDatabase();
    await mapDemo(db.db);
    const credentials = system.cw.credentials;
    const child = spawn('npx', ['tsx', 'server/test/sync/sync-child.ts'], {
      env: {
        ...process.env,
        SYNC_DB_URL: `file:${db.file}`,
        SYNC_PAGE_SIZE: '3',
        CW_SITE: credentials.site,
        CW_CODEBASE: credentials.codebase,
        CW_COMPANY_ID: credentials.companyId,
        CW_PUBLIC_KEY: credentials.publicKey,
        CW_PRIVATE_KEY: credentials.privateKey,
        CW_CLIENT_ID: credentials.clientId,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
      // Its own process group, so SIGKILL reaches the node process behind npx and tsx too.
      detached: true,
    });
    let pages = 0;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.stdout.on('data', (chunk: Buffer) => {
      pages += chunk
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('page time_entries')).length;
      if (pages >= 3 && child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    });
    expect(await exited).toBe('SIGKILL');
    // npx exits first; the node process behind it (the lease holder) dies a moment later.
    const [lease] = await db.db.select().from(syncLeases);
    for (let i = 0; i < 200 && lease && !holderIsDead(lease.holder); i++) await new Promise((r) => setTimeout(r, 50));
    const killedRun = await db.db.select().from(syncRuns);
    expect(killedRun.map((r) => r.status)).toEqual(['running']);
    const resumed = await runSync(depsFor(db.db), { mode: 'full', trigger: 'restart', pageSize: 3 });
    expect(resumed.errors).toEqual([]);
    expect(await endState(db.db)).toEqual(reference);
    db.dispose();
  }, 60_000);

  it('moves each kind of quarantine item on when it is resolved, through the API', async () => {
    const db = await openTestDatabase();
    await mapDemo(db.db, undefined, { autoCreateProducts: false });
    const { request } = mountSyncRoutes({ db: db.db, cw: system.cw, clock: system.clock });
    const token = (await issueToken(db.db, { name: 'admin', kind: 'api', powers: ALL_POWERS, now: system.clock() })).token;
    const call = (method: string, path: string, body?: unknown, contentType = 'application/json') =>
      request(method, path, body, token, contentType);
    expect((await call('POST', '/api/v1/connectwise/sync', { mode: 'full' })).status).toBe(201);
    const open = async (reason: string) =>
      (
        (await (await call('GET', `/api/v1/connectwise/quarantine?status=open&reason=${reason}&limit=1000`)).json()) as {
          items: { id: number; externalId: string; details: Record<string, unknown> }[];
        }
      ).items;

    // Unmapped work role × type: create the product → every such entry moves on.
    const unmappedTime = await open('unmapped_work_role_type');
    expect(unmappedTime.length).toBeGreaterThan(0);
    const byKey = new Map(unmappedTime.map((i) => [String(i.details.cwKey), i.id]));
    expect((await call('POST', '/api/v1/connectwise/quarantine/actions', { action: 'create', ids: [...byKey.values()] })).status).toBe(200);
    expect(
      (
        await call('POST', '/api/v1/connectwise/quarantine/actions', {
          action: 'retry',
          ids: (await open('unmapped_work_role_type')).map((i) => i.id),
        })
      ).status,
    ).toBe(200);
    expect(await open('unmapped_work_role_type')).toEqual([]);

    // Unmapped company type: map it, retry the company, then its contacts.
    const [company] = await open('unmapped_company_type');
    expect(
      (
        await call('PUT', '/api/v1/connectwise/mappings/company_type/4', {
          cwName: 'Partner',
          value: { sync: true, accountType: 'Partner' },
        })
      ).status,
    ).toBe(200);
    await call('POST', '/api/v1/connectwise/quarantine/actions', { action: 'retry', ids: [company.id] });
    expect(await open('unmapped_company_type')).toEqual([]);
    const contactsOf254 = await open('unknown_company');
    const csv = `id,action\n${contactsOf254.map((i) => `${i.id},retry`).join('\n')}`;
    expect((await call('POST', '/api/v1/connectwise/quarantine/csv', csv, 'text/csv')).status).toBe(200);
    expect((await open('unknown_company')).filter((i) => i.details.companyId === 254)).toEqual([]);

    // A bad CSV line changes nothing.
    const [catalog] = await open('unmapped_catalog_item');
    const bad = await call(
      'POST',
      '/api/v1/connectwise/quarantine/csv',
      `${catalog.id},ignore\n${catalog.id + 100000},explode`,
      'text/csv',
    );
    expect(bad.status).toBe(400);
    expect((await open('unmapped_catalog_item')).map((i) => i.id)).toContain(catalog.id);
    // Ignore persists across re-syncs.
    await call('POST', '/api/v1/connectwise/quarantine/actions', { action: 'ignore', ids: [catalog.id] });
    await call('POST', '/api/v1/connectwise/sync', { mode: 'full' });
    const [after] = await db.db
      .select()
      .from(syncQuarantine)
      .where(and(eq(syncQuarantine.id, catalog.id)));
    expect(after.status).toBe('ignored');
    expect(
      (
        await call('POST', '/api/v1/connectwise/quarantine/actions', {
          action: 'ignore',
          ids: Array.from({ length: 1001 }, (_, i) => i + 1),
        })
      ).status,
    ).toBe(400);

    // The runs are recorded.
    const runs = (await (await call('GET', '/api/v1/connectwise/runs')).json()) as { items: { added: number; durationMs: number }[] };
    expect(runs.items.length).toBe(2);
    db.dispose();
  });
});

describe('secrets at rest', () => {
  it('stores the ConnectWise private key encrypted: the database file never holds it in clear', async () => {
    const db = await openTestDatabase();
    const { request } = mountSyncRoutes({ db: db.db, cw: system.cw, clock: system.clock });
    const token = (await issueToken(db.db, { name: 'admin', kind: 'api', powers: ALL_POWERS, now: system.clock() })).token;
    const privateKey = 'pk-SUPER-secret-7f3a9c1e2b';
    const credentials = system.cw.credentials;
    const put = await request(
      'PUT',
      '/api/v1/connectwise/connection',
      {
        site: credentials.site,
        companyId: credentials.companyId,
        publicKey: credentials.publicKey,
        privateKey,
        clientId: credentials.clientId,
      },
      token,
    );
    expect(put.status).toBe(200);
    const view = (await put.json()) as Record<string, unknown>;
    expect(view).toMatchObject({ privateKeySet: true, codebase: credentials.codebase });
    expect(JSON.stringify(view)).not.toContain(privateKey);
    const got = await (await request('GET', '/api/v1/connectwise/connection', undefined, token)).text();
    expect(got).not.toContain(privateKey);
    db.client.close();
    for (const file of [db.file, `${db.file}-wal`]) {
      try {
        expect(readFileSync(file).includes(Buffer.from(privateKey))).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  });
});
