import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { documentCounters } from '../db/schema/index.js';

const PREFIX = { invoice: 'INV', credit_note: 'CN' } as const;

/**
 * The next number of a document kind, e.g. INV-000042. The counter row is incremented in the
 * caller's transaction: if that transaction fails, the increment is rolled back with it, so
 * numbers have no gaps (and SQLite's single writer means no two transactions share one).
 */
export async function nextDocumentNumber(tx: Tx, kind: keyof typeof PREFIX): Promise<string> {
  await tx.insert(documentCounters).values({ name: kind, lastValue: 0 }).onConflictDoNothing();
  const [counter] = await tx
    .update(documentCounters)
    .set({ lastValue: sql`${documentCounters.lastValue} + 1` })
    .where(eq(documentCounters.name, kind))
    .returning({ lastValue: documentCounters.lastValue });
  return `${PREFIX[kind]}-${String(counter.lastValue).padStart(6, '0')}`;
}
