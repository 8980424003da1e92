import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, billingEvents } from '../../src/db/schema/index.js';
import { createAccount } from '../../src/billing/create-account.js';
import { runSync } from '../../src/sync/run-sync.js';
import { openTestDatabase } from '../../../test/helpers/test-db.js';
import { startTestSystem, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { mapDemo } from './demo-fixture.js';

/** The "Fire Account Created (event id 2)" option decides whether accounts a sync creates announce themselves. */
let system: TestSystem;
beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => system?.close());

async function syncCompanies(fireAccountCreatedEvent: boolean) {
  const db = await openTestDatabase();
  await mapDemo(db.db, undefined, { fireAccountCreatedEvent });
  // An account opened by hand announces itself whatever the sync's option says.
  await createAccount({ db: db.db, now: system.clock(), actor: 'test', defaultCurrency: 'AUD' }, { name: 'Opened by hand' });
  const run = await runSync(
    { db: db.db, cw: system.cw, clock: system.clock, currency: 'AUD' },
    { mode: 'full', trigger: 'test', streams: ['companies'] },
  );
  const synced = (await db.db.select().from(accounts)).filter((a) => a.externalKey !== null);
  const events = await db.db.select().from(billingEvents);
  db.dispose();
  return { run, synced, events };
}

describe('Fire Account Created (event id 2)', () => {
  it('when on, every account the sync creates puts account.created with eventId 2 in the outbox', async () => {
    const { run, synced, events } = await syncCompanies(true);
    expect(run.added).toBe(5);
    expect(synced).toHaveLength(5);
    expect(events.map((e) => [e.type, e.payload.eventId]).filter(([type]) => type === 'account.created')).toHaveLength(6);
    for (const account of synced) {
      expect(events).toContainEqual(
        expect.objectContaining({
          type: 'account.created',
          entityId: String(account.id),
          payload: { accountId: account.id, externalKey: account.externalKey, name: account.name, eventId: 2 },
        }),
      );
    }
  });

  it('when off (the default), sync-created accounts do not fire it; other accounts still do', async () => {
    const { synced, events } = await syncCompanies(false);
    expect(synced).toHaveLength(5);
    expect(events.map((e) => [e.type, e.payload.name, e.payload.eventId])).toEqual([['account.created', 'Opened by hand', 2]]);
  });
});
