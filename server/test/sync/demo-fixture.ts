import type { Db } from '../../src/db/client.js';
import { applyDemoMappings } from '../../src/demo/demo-mappings.js';

/** The demo site's mappings (see server/src/demo/demo-mappings.ts), at a fixed time. */
export async function mapDemo(db: Db, now = new Date('2026-07-01T00:00:00Z'), options: Record<string, unknown> = {}) {
  await applyDemoMappings(db, now, options);
}
