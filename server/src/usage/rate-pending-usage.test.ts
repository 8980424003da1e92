import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/helpers/test-db.js';
import { createAccount } from '../billing/create-account.js';
import { createPlan } from '../billing/create-plan.js';
import { subscribe } from '../billing/subscribe.js';
import { charges, usageRatingRuns } from '../db/schema/index.js';
import { importUsageCsv } from './import-usage-csv.js';
import { ratePendingUsage } from './rate-pending-usage.js';
import { phonePlan } from './rating/rating-fixtures.js';
import { setRatingPlan } from './set-rating-plan.js';
import { usageSummary } from './usage-summary.js';

// Lets a test stop a run between rating and adding its charges, as a crash would.
const stop = vi.hoisted(() => ({ addingCharges: false }));
vi.mock('../billing/add-charges.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../billing/add-charges.js')>();
  return {
    ...actual,
    addCharges: (...args: Parameters<typeof actual.addCharges>) =>
      stop.addingCharges ? Promise.reject(new Error('stopped')) : actual.addCharges(...args),
  };
});

let database: Awaited<ReturnType<typeof openTestDatabase>>;
const ctx = () => ({ db: database.db, now: new Date('2026-03-31T00:00:00Z'), actor: 'test', defaultCurrency: 'AUD' });

beforeAll(async () => {
  database = await openTestDatabase();
  const account = await createAccount(ctx(), { name: 'Acme', billingDay: 1, openedOn: '2026-03-01', currency: 'AUD' });
  const plan = await createPlan(ctx(), { code: 'PHONE', name: 'Business line', kind: 'service', periodPriceCents: 2000 });
  await setRatingPlan(ctx(), { planId: plan.id, ratingPlan: phonePlan });
  await subscribe(ctx(), { accountId: account.id, planId: plan.id, startDate: '2026-03-01', serviceIdentifier: '0298765432' });
});
afterAll(() => database?.dispose());

describe('ratePendingUsage', () => {
  it('charges the ratings of a run that stopped before adding its charges, once, in the next run', async () => {
    const file = [
      'service_identifier,start_time,quantity,unit',
      '0298765432,2026-03-02T09:00:00Z,18000,seconds',
      '0298765432,2026-03-03T09:00:00Z,95,seconds',
    ].join('\n');
    expect(await importUsageCsv(ctx(), { source: [file], fileName: 'march.csv' })).toMatchObject({ recordsAdded: 2 });

    stop.addingCharges = true;
    await expect(ratePendingUsage(ctx())).rejects.toThrow('stopped');
    stop.addingCharges = false;
    expect(await database.db.select().from(charges)).toEqual([]);

    // Nothing pending is left, but the stopped run's ratings still owe their charge.
    expect(await ratePendingUsage(ctx())).toMatchObject({ recordsRated: 0, chargesAdded: 1 });
    const added = await database.db.select().from(charges);
    expect(added.map((c) => [c.amountCents, c.description])).toEqual([
      [40, 'Calls 0298765432, 2026-03-01 to 2026-04-01: 2 records, 301.58 min, 300 min included'],
    ]);
    expect(
      (await database.db.select({ status: usageRatingRuns.status }).from(usageRatingRuns).orderBy(usageRatingRuns.id)).map((r) => r.status),
    ).toEqual(['failed', 'completed']);
    expect(await usageSummary(database.db, { chargeIds: [added[0].id] })).toMatchObject([
      { chargeId: added[0].id, records: 2, amountCents: 40, text: '301.58 min, 300 min included' },
    ]);

    expect(await ratePendingUsage(ctx())).toMatchObject({ recordsRated: 0, chargesAdded: 0 });
    expect(await database.db.select().from(charges).where(eq(charges.kind, 'usage'))).toHaveLength(1);
  });
});
