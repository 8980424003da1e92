import type { Db } from '../../src/db/client.js';
import { applyDemoMappings } from '../../src/demo/demo-mappings.js';
import type { SyncDeps } from '../../src/sync/run-sync.js';
import { startTestSystem, type TestSystem } from '../../../test/helpers/start-test-system.js';
import { testNow } from '../../../test/helpers/test-clock.js';

/** The demo site's mappings (see server/src/demo/demo-mappings.ts), at the start of the test's today. */
export async function mapDemo(db: Db, now = testNow('00:00:00'), options: Record<string, unknown> = {}) {
  await applyDemoMappings(db, now, options);
}

/** A test system (simulator over HTTP, libSQL file) with the demo mappings, and the deps a sync run takes. */
export async function startDemoSyncSystem(): Promise<{ system: TestSystem; deps: SyncDeps }> {
  const system = await startTestSystem();
  await mapDemo(system.database.db);
  return { system, deps: { db: system.database.db, cw: system.cw, clock: system.clock, currency: 'AUD' } };
}
