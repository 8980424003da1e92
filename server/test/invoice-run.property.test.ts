import fc from 'fast-check';
import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { charges, invoiceLines, invoices } from '../src/db/schema/index.js';
import { openBillingTestContext } from '../../test/helpers/billing-test-context.js';
import { createAccount } from '../src/billing/create-account.js';
import { createPlan } from '../src/billing/create-plan.js';
import { subscribe } from '../src/billing/subscribe.js';
import { addCharges } from '../src/billing/add-charges.js';
import { runInvoices } from '../src/billing/run-invoices.js';
import { ConflictError } from '../src/errors/domain-errors.js';
import { approveInvoice } from '../src/billing/approve-invoice.js';
import { invoiceAccountNow } from '../src/billing/invoice-account-now.js';

/** Random histories against a real database: runs are idempotent and never bill a charge twice. */

const operation = fc.oneof(
  fc.record({
    op: fc.constant('charges' as const),
    account: fc.integer({ min: 1, max: 3 }),
    day: fc.integer({ min: 1, max: 90 }),
    count: fc.integer({ min: 1, max: 6 }),
    kind: fc.constantFrom('labour', 'product', 'one-off', 'adjustment'),
  }),
  fc.record({ op: fc.constant('run' as const), month: fc.integer({ min: 1, max: 4 }), day: fc.constantFrom(1, 10, 20) }),
  fc.record({ op: fc.constant('approve' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('immediate' as const), account: fc.integer({ min: 1, max: 3 }) }),
);

const dayOf2026 = (day: number) => new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);

async function snapshot(db: Awaited<ReturnType<typeof openBillingTestContext>>['db']) {
  return {
    invoices: await db.select().from(invoices).orderBy(asc(invoices.id)),
    lines: await db.select().from(invoiceLines).orderBy(asc(invoiceLines.id)),
    charges: await db.select({ id: charges.id, invoiceId: charges.invoiceId }).from(charges).orderBy(asc(charges.id)),
  };
}

describe('invoice run properties (real database)', () => {
  it('re-running a run changes nothing, and no charge is ever on two invoices', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        const t = await openBillingTestContext('2026-01-01T08:00:00Z');
        try {
          const plan = await createPlan(t.ctx(), {
            code: 'P',
            name: 'Plan',
            kind: 'package',
            periodPriceCents: 3333,
            discountBasisPoints: 500,
            inclusions: [{ description: '3 h', appliesToKind: 'labour', quantityMilli: 3000 }],
          });
          for (const [index, billingDay] of [1, 15, 28].entries()) {
            const account = await createAccount(t.ctx(), {
              name: `A${index}`,
              billingDay,
              periodMonths: index === 2 ? 3 : 1,
              openedOn: '2026-01-05',
            });
            await subscribe(t.ctx(), {
              accountId: account.id,
              planId: plan.id,
              startDate: '2026-01-05',
              quantityMilli: 1000 + index * 500,
            });
          }
          let sequence = 0;
          for (const step of operations) {
            if (step.op === 'charges') {
              const batch = Array.from({ length: step.count }, () => ({
                source: `test:charge:${++sequence}`,
                accountId: step.account,
                kind: step.kind,
                description: 'work',
                chargeDate: dayOf2026(step.day),
                quantityMilli: 250 * (1 + (sequence % 7)),
                unitPriceCents: 9999 + sequence,
              }));
              await addCharges(t.ctx(), { charges: batch });
              await addCharges(t.ctx(), { charges: batch }); // the same batch twice adds nothing
            } else if (step.op === 'run') {
              const billingDate = `2026-${String(step.month).padStart(2, '0')}-${String(step.day).padStart(2, '0')}`;
              t.setNow(billingDate);
              await runInvoices(t.ctx(), { billingDate });
              const before = await snapshot(t.db);
              const again = await runInvoices(t.ctx(), { billingDate });
              expect(again.invoicesCreated + again.invoicesUpdated).toBe(0);
              expect(await snapshot(t.db)).toEqual(before);
            } else if (step.op === 'approve') {
              const drafts = (await t.db.select().from(invoices)).filter((invoice) => invoice.status === 'draft');
              if (drafts.length > 0) await approveInvoice(t.ctx(), { invoiceId: drafts[step.pick % drafts.length].id });
            } else {
              await invoiceAccountNow(t.ctx(), { accountId: step.account }).catch((error: unknown) => {
                if (!(error instanceof ConflictError)) throw error; // nothing pending is fine
              });
            }
          }
          const { lines, charges: chargeRows, invoices: invoiceRows } = await snapshot(t.db);
          const chargeLines = lines.filter((line) => line.chargeId !== null);
          // Each charge appears on at most one invoice line, and that line is on the invoice the charge points to.
          expect(new Set(chargeLines.map((line) => line.chargeId)).size).toBe(chargeLines.length);
          for (const line of chargeLines) expect(chargeRows.find((c) => c.id === line.chargeId)!.invoiceId).toBe(line.invoiceId);
          for (const charge of chargeRows.filter((c) => c.invoiceId !== null))
            expect(chargeLines.some((line) => line.chargeId === charge.id)).toBe(true);
          // Every invoice's totals are the sums of its lines; numbers have no gaps.
          for (const invoice of invoiceRows) {
            const own = lines.filter((line) => line.invoiceId === invoice.id);
            expect(invoice.netCents).toBe(own.reduce((sum, line) => sum + line.amountCents, 0));
            expect(invoice.taxCents).toBe(own.reduce((sum, line) => sum + line.taxCents, 0));
          }
          const numbers = invoiceRows
            .filter((invoice) => invoice.number)
            .map((invoice) => Number(invoice.number!.slice(4)))
            .sort((a, b) => a - b);
          expect(numbers).toEqual(numbers.map((_, index) => index + 1));
        } finally {
          t.dispose();
        }
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
