import type { BillingContext } from '../../server/src/billing/billing-context.js';
import { openTestDatabase } from './test-db.js';

/**
 * A billing context on a throwaway migrated libSQL file, with a clock the test sets.
 * `ctx()` returns a fresh context at the current test time.
 */
export async function openBillingTestContext(start = '2026-01-01T09:00:00Z') {
  const database = await openTestDatabase();
  let now = new Date(start);
  const ctx = (): BillingContext & { defaultCurrency: string } => ({ db: database.db, now, actor: 'test', defaultCurrency: 'AUD' });
  return {
    db: database.db,
    ctx,
    setNow: (iso: string) => {
      now = new Date(iso.length === 10 ? `${iso}T09:00:00Z` : iso);
    },
    dispose: () => database.dispose(),
  };
}
