import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAmountCents, sumCents } from '../../../shared/money.js';
import { buildInvoice, type PendingCharge } from './build-invoice.js';
import { taxForLine } from './tax.js';

const account = {
  id: 1,
  openedOn: '2026-01-01',
  billingDay: 1,
  periodMonths: 1,
  anchor: '2026-02-01',
  taxExempt: false,
  taxRateBasisPoints: 1000,
};
const taxRates = new Map<string, number | null>([
  ['FRE', 0],
  ['VAT', 1250],
  ['EXEMPT', null],
]);

const charge = fc.record({
  kind: fc.constantFrom<PendingCharge['kind']>('labour', 'product', 'expense', 'usage', 'adjustment', 'one-off'),
  day: fc.integer({ min: 1, max: 28 }),
  quantityMilli: fc.integer({ min: -5_000, max: 50_000 }),
  unitPriceCents: fc.integer({ min: -100_000, max: 1_000_000 }),
  taxCode: fc.constantFrom('GST', 'FRE', 'VAT', 'EXEMPT', null),
});
const charges = fc.array(charge, { maxLength: 60 }).map((drafts) =>
  drafts.map(
    (draft, index): PendingCharge => ({
      id: index + 1,
      kind: draft.kind,
      productId: null,
      description: `charge ${index + 1}`,
      chargeDate: `2026-01-${String(draft.day).padStart(2, '0')}`,
      quantityMilli: draft.quantityMilli,
      unitPriceCents: draft.unitPriceCents,
      amountCents: lineAmountCents(draft.unitPriceCents, draft.quantityMilli),
      taxCode: draft.taxCode,
      glCode: null,
      invoiceId: null,
    }),
  ),
);
const subscriptionCount = fc.integer({ min: 0, max: 4 });
const includedHours = fc.integer({ min: 0, max: 20_000 });

function treesFor(count: number, inclusionMilli: number) {
  return Array.from({ length: count }, (_, index) => ({
    root: {
      id: index + 1,
      rootSubscriptionId: index + 1,
      startDate: `2026-01-${String(1 + index * 5).padStart(2, '0')}`,
      endDate: index === 3 ? '2026-02-10' : null,
      serviceIdentifier: null,
      terms: [
        {
          effectiveFrom: `2026-01-${String(1 + index * 5).padStart(2, '0')}`,
          quantityMilli: 1000 + index * 1500,
          unitPriceOverrideCents: null,
        },
      ],
      plan: {
        name: `Plan ${index}`,
        kind: 'package' as const,
        periodPriceCents: 9999 + index * 3333,
        discountBasisPoints: index * 250,
        taxCode: index === 2 ? 'FRE' : 'GST',
        glCode: null,
      },
    },
    parts: [],
    inclusions: index === 0 && inclusionMilli > 0 ? [{ appliesToKind: 'labour', productId: null, quantityMilli: inclusionMilli }] : [],
  }));
}

const period = { start: '2026-02-01', end: '2026-03-01', regular: { start: '2026-02-01', end: '2026-03-01' } };

describe('invoice properties', () => {
  it("an invoice's totals are exactly the sums of its lines, and each line's tax follows the rounding rule", () => {
    fc.assert(
      fc.property(charges, subscriptionCount, includedHours, fc.boolean(), (pending, count, inclusion, exempt) => {
        const built = buildInvoice({
          account: { ...account, taxExempt: exempt },
          invoicePeriod: period,
          trees: treesFor(count, inclusion),
          billed: new Map(),
          charges: pending,
          consumed: new Map(),
          taxRates,
        });
        expect(built.netCents).toBe(sumCents(built.lines.map((line) => line.amountCents)));
        expect(built.taxCents).toBe(sumCents(built.lines.map((line) => line.taxCents)));
        expect(built.totalCents).toBe(built.netCents + built.taxCents);
        for (const line of built.lines) {
          const rate = exempt ? 'exempt' : (line.taxRateBasisPoints ?? 'exempt');
          // Per line, amount × rate rounded once, half away from zero (tax.ts): within half a cent.
          expect(line.taxCents).toBe(taxForLine(line.amountCents, rate));
          if (rate !== 'exempt') expect(Math.abs(line.taxCents * 10_000 - line.amountCents * rate)).toBeLessThanOrEqual(5_000);
          else expect(line.taxCents).toBe(0);
        }
        expect(built.lines.map((line) => line.position)).toEqual(built.lines.map((_, index) => index));
      }),
      { numRuns: 300 },
    );
  });

  it('inclusions never charge more than the charges and never absorb more than the allowance', () => {
    fc.assert(
      fc.property(charges, includedHours, (pending, inclusion) => {
        const built = buildInvoice({
          account,
          invoicePeriod: period,
          trees: treesFor(1, inclusion),
          billed: new Map(),
          charges: pending,
          consumed: new Map(),
          taxRates,
        });
        const chargeLines = built.lines.filter((line) => line.chargeId !== null);
        expect(chargeLines).toHaveLength(pending.length);
        const absorbed = sumCents(chargeLines.map((line) => line.includedQuantityMilli));
        expect(absorbed).toBeLessThanOrEqual(inclusion);
        for (const line of chargeLines) {
          const source = pending.find((c) => c.id === line.chargeId)!;
          expect(line.includedQuantityMilli).toBeGreaterThanOrEqual(0);
          expect(line.includedQuantityMilli).toBeLessThanOrEqual(Math.max(0, source.quantityMilli));
          if (line.includedQuantityMilli > 0) expect(source.kind).toBe('labour');
          expect(line.amountCents).toBe(lineAmountCents(source.unitPriceCents, source.quantityMilli - line.includedQuantityMilli));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same inputs give the same content hash', () => {
    fc.assert(
      fc.property(charges, subscriptionCount, (pending, count) => {
        const input = {
          account,
          invoicePeriod: period,
          trees: treesFor(count, 10_000),
          billed: new Map(),
          charges: pending,
          consumed: new Map(),
          taxRates,
        };
        expect(buildInvoice(input).contentHash).toBe(buildInvoice({ ...input, charges: [...pending].reverse() }).contentHash);
      }),
      { numRuns: 100 },
    );
  });
});
