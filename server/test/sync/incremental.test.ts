import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { accounts, charges } from '../../src/db/schema/index.js';
import { runSync, type SyncDeps } from '../../src/sync/run-sync.js';
import { startTestSystem, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { mapDemo } from './demo-fixture.js';

/** Incremental runs read only what changed since the last pass (`lastUpdated > [cursor]`, forward-only pages). */
let system: TestSystem;
let deps: SyncDeps;
const store = () => system.simulator!.store;

beforeAll(async () => {
  system = await startTestSystem();
  await mapDemo(system.database.db);
  deps = { db: system.database.db, cw: system.cw, clock: system.clock, currency: 'AUD' };
  await runSync(deps, { mode: 'full', trigger: 'test' });
});
afterAll(async () => system?.close());

describe('an incremental run', () => {
  it('after changes in ConnectWise: one request per stream, only the changed records', async () => {
    store().replace('companies', { ...store().get('companies', 250)!, name: 'Contoso Group Pty Ltd' }, 'admin');
    store().replace('timeEntries', { ...store().get('timeEntries', 1)!, notes: 'Outlook fixed for good' }, 'jsmith');
    const run = await runSync(deps, { mode: 'incremental', trigger: 'test' });
    expect(run.errors).toEqual([]);
    expect(run.requests).toBe(5);
    expect(run.streams.companies).toMatchObject({ updated: 1, unchanged: 0 });
    expect(run.streams.time_entries).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await system.database.db.select().from(accounts).where(eq(accounts.externalKey, 'connectwise:company:250')))[0].name).toBe(
      'Contoso Group Pty Ltd',
    );
    expect((await system.database.db.select().from(charges).where(eq(charges.source, 'connectwise:time:1')))[0].description).toContain(
      'Outlook fixed for good',
    );
  });

  it('with nothing changed: one request per stream, nothing written', async () => {
    const run = await runSync(deps, { mode: 'incremental', trigger: 'test' });
    expect(run.requests).toBe(5);
    expect({ added: run.added, updated: run.updated }).toEqual({ added: 0, updated: 0 });
    // Only records stamped at or after the last pass's start are read again (the two edited just before it).
    expect(run.unchanged).toBeLessThanOrEqual(2);
  });
});
