import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { charges, invoiceLines, invoices } from '../db/schema/index.js';
import { addCharges } from './add-charges.js';
import { changeSubscriptionTerms } from './change-subscription-terms.js';
import { createAccount } from './create-account.js';
import { createPlan } from './create-plan.js';
import { runInvoices } from './run-invoices.js';
import { setTaxCode } from './set-tax-code.js';
import { subscribe } from './subscribe.js';
import { updateAccount } from './update-account.js';

/**
 * A re-run skips a draft whose inputs digest is unchanged and has no new charge due, without
 * reading its charges. These check the other side: every input a draft is built from, when
 * it changes, brings a rebuild on the next run of the same billing date.
 */
let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-01-05T08:00:00Z');
});
afterEach(() => t.dispose());

const labour = (n: number, accountId: number, day = 10) => ({
  source: `test:time:${n}`,
  accountId,
  kind: 'labour' as const,
  description: `work ${n}`,
  chargeDate: `2026-01-${String(day).padStart(2, '0')}`,
  quantityMilli: 1500,
  unitPriceCents: 16500,
});

async function snapshot() {
  return {
    invoices: await t.db.select().from(invoices).orderBy(asc(invoices.id)),
    lines: await t.db.select().from(invoiceLines).orderBy(asc(invoiceLines.id)),
    charges: await t.db.select({ id: charges.id, invoiceId: charges.invoiceId }).from(charges).orderBy(asc(charges.id)),
  };
}

async function rerun(billingDate: string) {
  const run = await runInvoices(t.ctx(), { billingDate, batchSize: 2 });
  return { created: run.invoicesCreated, updated: run.invoicesUpdated, unchanged: run.invoicesUnchanged };
}

describe('re-running an invoice run', () => {
  it('skips unchanged drafts and rebuilds a draft whenever one of its inputs changes', async () => {
    const plan = await createPlan(t.ctx(), { code: 'SEAT', name: 'Seat', kind: 'service', periodPriceCents: 2500, taxCode: 'GST' });
    const ids: number[] = [];
    for (const name of ['A', 'B', 'C']) {
      const account = await createAccount(t.ctx(), { name, billingDay: 1, openedOn: '2026-01-01' });
      ids.push(account.id);
    }
    const seats = await subscribe(t.ctx(), { accountId: ids[0], planId: plan.id, startDate: '2026-01-01', quantityMilli: 3000 });
    await addCharges(t.ctx(), { charges: [labour(1, ids[0]), labour(2, ids[1]), labour(3, ids[2])] });
    t.setNow('2026-02-01');

    expect(await rerun('2026-02-01')).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const first = await snapshot();
    expect(await rerun('2026-02-01')).toEqual({ created: 0, updated: 0, unchanged: 3 });
    expect(await snapshot()).toEqual(first);

    // A late charge, due on the draft: only that draft is rebuilt, and it takes the charge.
    await addCharges(t.ctx(), { charges: [labour(4, ids[1], 20)] });
    expect(await rerun('2026-02-01')).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const [late] = await t.db.select().from(charges).where(eq(charges.source, 'test:time:4'));
    expect(late.invoiceId).toBe(first.invoices[1].id);

    // A charge dated in the period being invoiced is not due yet: nothing to rebuild.
    await addCharges(t.ctx(), { charges: [{ ...labour(5, ids[1]), chargeDate: '2026-02-03' }] });
    expect(await rerun('2026-02-01')).toEqual({ created: 0, updated: 0, unchanged: 3 });

    // The subscription's terms change (back-dated into February).
    await changeSubscriptionTerms(t.ctx(), { subscriptionId: seats.id, effectiveFrom: '2026-02-01', quantityMilli: 5000 });
    expect(await rerun('2026-02-01')).toEqual({ created: 0, updated: 1, unchanged: 2 });
    const [accountA] = await t.db.select().from(invoices).where(eq(invoices.id, first.invoices[0].id));
    expect(accountA.netCents).toBe(first.invoices[0].netCents + 2 * 2500);

    // The account's tax profile, then a tax code's rate.
    await updateAccount(t.ctx(), { accountId: ids[2], changes: { taxExempt: true } });
    expect(await rerun('2026-02-01')).toEqual({ created: 0, updated: 1, unchanged: 2 });
    await setTaxCode(t.ctx(), { code: 'GST', rate: 1500, description: 'GST at a new rate' });
    expect(await rerun('2026-02-01')).toEqual({ created: 0, updated: 2, unchanged: 1 });
    expect(await rerun('2026-02-01')).toEqual({ created: 0, updated: 0, unchanged: 3 });
  });

  it('brings a draft without an inputs digest (written before digests) up to date without rewriting it', async () => {
    const account = await createAccount(t.ctx(), { name: 'Legacy', billingDay: 1, openedOn: '2026-01-01' });
    await addCharges(t.ctx(), { charges: [labour(1, account.id)] });
    t.setNow('2026-02-01');
    await rerun('2026-02-01');
    await t.db.update(invoices).set({ inputsDigest: null });
    const before = await snapshot();
    expect(await rerun('2026-02-01')).toEqual({ created: 0, updated: 0, unchanged: 1 });
    const after = await snapshot();
    expect(after.invoices[0].inputsDigest).not.toBeNull();
    expect({ ...after, invoices: after.invoices.map((invoice) => ({ ...invoice, inputsDigest: null })) }).toEqual(before);
  });
});
