import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { auditLog, invoiceLines, invoices } from '../db/schema/index.js';
import { approveInvoice } from './approve-invoice.js';
import { createAccount } from './create-account.js';
import { createPlan } from './create-plan.js';
import { getPlan } from './get-plan.js';
import { runInvoices } from './run-invoices.js';
import { setTaxCode } from './set-tax-code.js';
import { subscribe } from './subscribe.js';
import { updatePlan } from './update-plan.js';

let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext('2026-01-05T08:00:00Z');
});
afterEach(() => t.dispose());

const seatPlan = () => createPlan(t.ctx(), { code: 'SEAT', name: 'Seat', kind: 'service', periodPriceCents: 2500, glCode: '4000' });
const planAudits = async () =>
  (await t.db.select().from(auditLog).orderBy(asc(auditLog.id)))
    .filter((row) => row.action === 'plan.update')
    .map((row) => [row.entityId, row.details]);

describe('updatePlan', () => {
  it('renames and re-codes a plan, audited, and returns it as getPlan does', async () => {
    const plan = await seatPlan();
    await setTaxCode(t.ctx(), { code: 'GST-FREE', rate: 0, description: 'GST free' });
    const updated = await updatePlan(t.ctx(), { planId: plan.id, changes: { name: 'Managed seat', glCode: '4100', taxCode: 'GST-FREE' } });
    expect(updated).toEqual({ ...plan, name: 'Managed seat', glCode: '4100', taxCode: 'GST-FREE' });
    expect(await getPlan(t.db, plan.id)).toEqual(updated);
    // Back to createPlan's default, which needs no tax_codes row; a GL code clears with null.
    expect(await updatePlan(t.ctx(), { planId: plan.id, changes: { taxCode: 'GST', glCode: null } })).toMatchObject({
      taxCode: 'GST',
      glCode: null,
    });
    expect(await planAudits()).toEqual([
      [String(plan.id), { changes: { name: 'Managed seat', glCode: '4100', taxCode: 'GST-FREE' } }],
      [String(plan.id), { changes: { taxCode: 'GST', glCode: null } }],
    ]);
  });

  it('refuses a price change (400, pointing at subscription terms) and changes nothing', async () => {
    const plan = await seatPlan();
    const refused = updatePlan(t.ctx(), { planId: plan.id, changes: { name: 'Seat v2', periodPriceCents: 3000 } as never });
    await expect(refused).rejects.toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'changes', message: expect.stringContaining('POST /api/v1/subscriptions/:id/terms') }] },
    });
    await expect(updatePlan(t.ctx(), { planId: plan.id, changes: {} })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(await getPlan(t.db, plan.id)).toEqual(plan);
    expect(await planAudits()).toEqual([]);
  });

  it('refuses a tax code that is not defined, and answers 404 for an unknown plan', async () => {
    const plan = await seatPlan();
    await expect(updatePlan(t.ctx(), { planId: plan.id, changes: { taxCode: 'GTS' } })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { taxCode: 'GTS' },
    });
    await expect(updatePlan(t.ctx(), { planId: 999, changes: { name: 'Ghost' } })).rejects.toMatchObject({ code: 'not_found' });
    expect(await getPlan(t.db, plan.id)).toEqual(plan);
    expect(await planAudits()).toEqual([]);
  });

  it('shows the new name and GL code on invoices built after the change; an approved invoice keeps its lines', async () => {
    const plan = await seatPlan();
    const account = await createAccount(t.ctx(), { name: 'Acme', billingDay: 1, openedOn: '2026-01-01' });
    await subscribe(t.ctx(), { accountId: account.id, planId: plan.id, startDate: '2026-01-01' });
    const linesOf = async (invoiceId: number) =>
      (await t.db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position))).map(
        (line) => [line.description, line.groupLabel, line.glCode],
      );
    const invoiceFor = async (periodStart: string) => (await t.db.select().from(invoices).where(eq(invoices.periodStart, periodStart)))[0];

    t.setNow('2026-02-01');
    await runInvoices(t.ctx(), { billingDate: '2026-02-01' });
    const february = await invoiceFor('2026-02-01');
    await approveInvoice(t.ctx(), { invoiceId: february.id });
    t.setNow('2026-03-01');
    await runInvoices(t.ctx(), { billingDate: '2026-03-01' });
    const march = await invoiceFor('2026-03-01');
    expect(await linesOf(march.id)).toEqual([['Seat', 'Seat', '4000']]);

    await updatePlan(t.ctx(), { planId: plan.id, changes: { name: 'Managed seat', glCode: '4100' } });
    // The March draft is rebuilt by the next run (the plan is among its inputs); February is approved and stays.
    expect(await runInvoices(t.ctx(), { billingDate: '2026-03-01' })).toMatchObject({ invoicesUpdated: 1 });
    expect(await linesOf(march.id)).toEqual([['Managed seat', 'Managed seat', '4100']]);
    expect(await linesOf(february.id)).toEqual([
      ['Seat', 'Seat', '4000'],
      ['Seat', 'Seat', '4000'],
    ]);
  });
});
