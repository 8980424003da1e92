import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../../src/env.js';
import { startSystem } from '../../src/boot.js';
import { eq } from 'drizzle-orm';
import { auditLog, charges, syncRuns } from '../../src/db/schema/index.js';
import { runSync } from '../../src/sync/run-sync.js';
import { registerCallbacks } from '../../src/connectwise/register-callbacks.js';
import { startTestSystem, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { testClock } from '../../../test/helpers/test-clock.js';
import { mapDemo } from './demo-fixture.js';

/**
 * Manage's callbacks end to end (docs/connectwise/callbacks.md): we register our endpoint in the simulator,
 * the simulator delivers signed callbacks when a record changes, and the charge follows
 * through the callback path alone (no polling sync runs meanwhile).
 */
let system: TestSystem;
const callbackUrl = () => `${system.serverUrl}/api/v1/connectwise/callbacks?id=`;
const store = () => system.simulator!.store;
const chargeOf = async (id: number) =>
  (
    await system.database.db
      .select()
      .from(charges)
      .where(eq(charges.source, `connectwise:time:${id}`))
  )[0];

beforeAll(async () => {
  system = await startTestSystem();
  await mapDemo(system.database.db);
  await runSync({ db: system.database.db, cw: system.cw, clock: system.clock, currency: 'AUD' }, { mode: 'full', trigger: 'test' });
});
afterAll(async () => system?.close());

describe('registerCallbacks', () => {
  it('subscribes company, contact, time and expense changes once, however often it runs', async () => {
    expect(await registerCallbacks(system.cw, callbackUrl())).toEqual({ created: 4, updated: 0, unchanged: 0 });
    expect(await registerCallbacks(system.cw, callbackUrl())).toEqual({ created: 0, updated: 0, unchanged: 4 });
    const entries = await system.cw.listAll<{ type: string; level: string; url: string; objectId: number }>('/system/callbacks');
    expect(entries.map((e) => [e.type, e.level, e.objectId, e.url]).sort()).toEqual(
      ['company', 'contact', 'expense', 'time'].map((type) => [type, 'owner', 1, callbackUrl()]),
    );
  });

  it('re-points its entries when our address changes, without duplicating them', async () => {
    expect(await registerCallbacks(system.cw, 'http://127.0.0.1:9/elsewhere?id=')).toEqual({ created: 0, updated: 4, unchanged: 0 });
    expect(await registerCallbacks(system.cw, callbackUrl())).toEqual({ created: 0, updated: 4, unchanged: 0 });
    expect(await system.cw.listAll('/system/callbacks')).toHaveLength(4);
  });
});

describe('a change in ConnectWise reaches billing through the callback', () => {
  it('updates the pending charge of a changed time entry, signed and verified, with no sync run', async () => {
    const runsBefore = (await system.database.db.select().from(syncRuns)).length;
    const before = await chargeOf(1);
    expect(before).toMatchObject({ quantityMilli: 750, amountCents: 13125 });
    const attemptsBefore = system.simulator!.callbacks.attempts.length;

    store().replace('timeEntries', { ...store().get('timeEntries', 1)!, actualHours: 1, invoiceHours: 1 }, 'jsmith');
    await system.simulator!.callbacks.settled();

    const attempts = system.simulator!.callbacks.attempts.slice(attemptsBefore);
    expect(attempts.map((a) => [a.action, a.recordId, a.status])).toEqual([['updated', 1, 200]]);
    expect(attempts[0].url).toBe(`${callbackUrl()}1&action=updated`);
    // 1 h × $175.00: the same charge, brought up to date and audited.
    expect(await chargeOf(1)).toMatchObject({ id: before.id, quantityMilli: 1000, amountCents: 17500 });
    const audits = await system.database.db.select().from(auditLog).where(eq(auditLog.action, 'charge.replace'));
    expect(audits.map((a) => a.details)).toContainEqual(expect.objectContaining({ source: 'connectwise:time:1' }));
    expect((await system.database.db.select().from(syncRuns)).length).toBe(runsBefore);
  });

  it('adds the charge of an entry approved in ConnectWise, and removes the one of an entry deleted there', async () => {
    expect(await chargeOf(4)).toBeUndefined();
    store().replace('timeEntries', { ...store().get('timeEntries', 4)!, status: 'ReadyToBill' }, 'manager');
    await system.simulator!.callbacks.settled();
    expect(await chargeOf(4)).toMatchObject({ quantityMilli: 750, invoiceId: null });

    store().remove('timeEntries', 4, 'manager');
    await system.simulator!.callbacks.settled();
    expect(await chargeOf(4)).toBeUndefined();
    expect((await system.database.db.select().from(auditLog).where(eq(auditLog.action, 'charge.remove'))).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a callback whose signature does not match', async () => {
    const [attempt] = system.simulator!.callbacks.attempts;
    const response = await fetch(`${callbackUrl()}1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-content-signature': 'forged' },
      body: attempt.body,
    });
    expect(response.status).toBe(401);
  });
});

describe('npm start (startSystem with liveSync)', () => {
  it('registers our callbacks in the embedded simulator at start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cwb-live-'));
    const live = await startSystem(readEnv({ DATABASE_URL: `file:${join(dir, 'billing.db')}`, PORT: '0', SIMULATOR_PORT: '0' }), {
      podAssetsDir: resolve('dist/pod'),
      liveSync: true,
      clock: testClock(),
    });
    try {
      const entries = await live.cw.listAll<{ type: string; url: string }>('/system/callbacks');
      expect(entries.map((e) => [e.type, e.url]).sort()).toEqual(
        ['company', 'contact', 'expense', 'time'].map((type) => [type, `${live.serverUrl}/api/v1/connectwise/callbacks?id=`]),
      );
    } finally {
      await live.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
