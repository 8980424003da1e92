import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { auditLog, charges, invoiceLines, invoiceRuns, invoices } from '../db/schema/index.js';
import { addCharges } from './add-charges.js';
import { approveInvoice } from './approve-invoice.js';
import { createAccount } from './create-account.js';
import { createPlan } from './create-plan.js';
import { type InvoiceRunPreview, previewInvoiceRun } from './preview-invoice-run.js';
import { runInvoices } from './run-invoices.js';
import { subscribe } from './subscribe.js';

/** The dry run must say exactly what the run then does, and write nothing itself. */
let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-01-05T08:00:00Z');
});
afterEach(() => t.dispose());

const labour = (n: number, accountId: number, chargeDate: string) => ({
  source: `test:time:${n}`,
  accountId,
  kind: 'labour' as const,
  description: `work ${n}`,
  chargeDate,
  quantityMilli: 1500,
  unitPriceCents: 16500,
});

async function everything() {
  return {
    invoices: await t.db.select().from(invoices).orderBy(asc(invoices.id)),
    lines: await t.db.select().from(invoiceLines).orderBy(asc(invoiceLines.id)),
    charges: await t.db.select().from(charges).orderBy(asc(charges.id)),
    runs: await t.db.select().from(invoiceRuns).orderBy(asc(invoiceRuns.id)),
    audit: await t.db.select().from(auditLog).orderBy(asc(auditLog.id)),
  };
}

/** Previews (writing nothing, checked) and returns the preview. */
async function preview(billingDate: string): Promise<InvoiceRunPreview> {
  const before = await everything();
  const progress: [number, number][] = [];
  const result = await previewInvoiceRun({ db: t.db }, { billingDate, batchSize: 2 }, (done, total) => progress.push([done, total]));
  expect(await everything()).toEqual(before);
  expect(progress).toEqual([
    [2, 4],
    [4, 4],
  ]);
  return result;
}

/** What the run wrote for each account the preview shows, in the preview's shape. */
async function written(billingDate: string, accountIds: number[]) {
  const rows = await t.db.select().from(invoices).where(eq(invoices.issuedOn, billingDate)).orderBy(asc(invoices.accountId));
  return rows
    .filter((row) => accountIds.includes(row.accountId))
    .map((row) => ({ accountId: row.accountId, netCents: row.netCents, taxCents: row.taxCents, totalCents: row.totalCents }));
}
const totalsOf = (p: InvoiceRunPreview) =>
  p.invoices.map(({ accountId, netCents, taxCents, totalCents }) => ({ accountId, netCents, taxCents, totalCents }));

describe('the invoice run dry run', () => {
  it('previews creates, rebuilds, unchanged drafts and skips exactly as the run then does them', async () => {
    const plan = await createPlan(t.ctx(), { code: 'SEAT', name: 'Seat', kind: 'service', periodPriceCents: 2500, taxCode: 'GST' });
    // Four accounts; the fourth has nothing to bill.
    const [a, b, c] = await Promise.all(
      ['A', 'B', 'C', 'D'].map((name) => createAccount(t.ctx(), { name, billingDay: 1, openedOn: '2026-01-01' })),
    ).then((rows) => rows.sort((x, y) => x.id - y.id).map((row) => row.id));
    await subscribe(t.ctx(), { accountId: a, planId: plan.id, startDate: '2026-01-01', quantityMilli: 3000 });
    await addCharges(t.ctx(), { charges: [labour(1, a, '2026-01-10'), labour(2, b, '2026-01-12'), labour(3, c, '2026-01-14')] });
    t.setNow('2026-02-01');

    const first = await preview('2026-02-01');
    expect(first.invoices.map((i) => [i.accountId, i.outcome])).toEqual([
      [a, 'create'],
      [b, 'create'],
      [c, 'create'],
    ]);
    expect(first.nothingToBill).toBe(1);
    // B: 1.5 h × $165.00 = $247.50 of labour, 10% GST.
    expect(first.invoices[1]).toMatchObject({
      sections: [{ section: 'labour', lines: 1, netCents: 24750, taxCents: 2475 }],
      netCents: 24750,
      taxCents: 2475,
      totalCents: 27225,
    });
    const run = await runInvoices(t.ctx(), { billingDate: '2026-02-01', batchSize: 2 });
    expect(run.invoicesCreated).toBe(3);
    expect(await written('2026-02-01', [a, b, c])).toEqual(totalsOf(first));

    const [, , draftC] = (await t.db.select().from(invoices).orderBy(asc(invoices.id))).map((row) => row.id);
    await approveInvoice(t.ctx(), { invoiceId: draftC });
    await addCharges(t.ctx(), { charges: [labour(4, a, '2026-01-20')] });
    const second = await preview('2026-02-01');
    expect(second.invoices.map((i) => [i.accountId, i.outcome])).toEqual([
      [a, 'update'],
      [b, 'unchanged'],
    ]);
    expect(second.skipped).toEqual({ approved: 1, laterPeriodInvoiced: 0 });
    expect(second.invoices[0].netCents).toBe(first.invoices[0].netCents + 24750);
    const rerun = await runInvoices(t.ctx(), { billingDate: '2026-02-01', batchSize: 2 });
    expect([rerun.invoicesCreated, rerun.invoicesUpdated, rerun.invoicesUnchanged]).toEqual([0, 1, 1]);
    expect(await written('2026-02-01', [a, b])).toEqual(totalsOf(second));
    expect(second.totals).toEqual([
      {
        currency: 'AUD',
        invoices: 2,
        netCents: second.invoices[0].netCents + 24750,
        taxCents: second.invoices[0].taxCents + 2475,
        totalCents: second.invoices[0].totalCents + 27225,
      },
    ]);

    // Once March is invoiced for A, February's run leaves A alone.
    await runInvoices(t.ctx(), { billingDate: '2026-03-01' });
    const third = await preview('2026-02-01');
    expect(third.invoices.map((i) => i.accountId)).toEqual([b]);
    expect(third.skipped).toEqual({ approved: 1, laterPeriodInvoiced: 1 });
  });
});
