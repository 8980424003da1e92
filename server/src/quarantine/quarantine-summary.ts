import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { syncQuarantine } from '../db/schema/index.js';
import type { QuarantineSummary } from '../../../shared/schemas/module-pages.js';

/** Open quarantine items by reason, sync and usage alike: what the popup and dashboards count. */
export async function quarantineSummary(db: DbOrTx): Promise<QuarantineSummary> {
  const rows = await db
    .select({ reason: syncQuarantine.reason, count: sql<number>`count(*)` })
    .from(syncQuarantine)
    .where(and(eq(syncQuarantine.status, 'open')))
    .groupBy(syncQuarantine.reason);
  const byReason = Object.fromEntries(rows.map((r) => [r.reason, Number(r.count)]));
  return { open: rows.reduce((sum, r) => sum + Number(r.count), 0), byReason };
}
