import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sumCents } from '../../../shared/money.js';
import { type TaxableLine, taxForLine, taxSummary } from './tax.js';

const GST = 1000; // 10% in basis points

describe('taxForLine', () => {
  it('takes the rate of the line and rounds once, half away from zero', () => {
    expect(taxForLine(9900, GST)).toBe(990);
    expect(taxForLine(1005, GST)).toBe(101); // 100.5 → 101
    expect(taxForLine(-1005, GST)).toBe(-101); // a credit mirrors the charge
    expect(taxForLine(1004, GST)).toBe(100); // 100.4
    expect(taxForLine(5, GST)).toBe(1); // 0.5 → 1
    expect(taxForLine(4, GST)).toBe(0); // 0.4
    expect(taxForLine(1999, 1250)).toBe(250); // 12.5%: 1999 × 1250 = 2498750 → 249.875
    expect(taxForLine(3333, 1500)).toBe(500); // 15%: 499.95
  });

  it('charges nothing on exempt or zero-rated lines', () => {
    expect(taxForLine(9900, 'exempt')).toBe(0);
    expect(taxForLine(9900, 0)).toBe(0);
  });

  it('rejects rates that are not whole basis points', () => {
    expect(() => taxForLine(9900, -1000)).toThrow(RangeError);
    expect(() => taxForLine(9900, 1000.5)).toThrow(RangeError);
    expect(() => taxForLine(99.5, GST)).toThrow(RangeError);
  });
});

describe('taxSummary', () => {
  it('groups by tax code in order of appearance; totals are the sums of the lines', () => {
    const lines: TaxableLine[] = [
      { amountCents: 9900, taxCode: 'GST', rateBasisPoints: GST }, // tax 990
      { amountCents: 1005, taxCode: 'GST', rateBasisPoints: GST }, // tax 101
      { amountCents: 5000, taxCode: 'FRE', rateBasisPoints: 0 }, // GST-free
      { amountCents: 2000, taxCode: 'EXEMPT', rateBasisPoints: 'exempt' },
      { amountCents: -1005, taxCode: 'GST', rateBasisPoints: GST }, // tax -101
    ];
    expect(taxSummary(lines)).toEqual({
      byTaxCode: [
        { taxCode: 'GST', rateBasisPoints: GST, lineCount: 3, netCents: 9900, taxCents: 990 },
        { taxCode: 'FRE', rateBasisPoints: 0, lineCount: 1, netCents: 5000, taxCents: 0 },
        { taxCode: 'EXEMPT', rateBasisPoints: 'exempt', lineCount: 1, netCents: 2000, taxCents: 0 },
      ],
      netCents: 16900, // 9900 + 1005 + 5000 + 2000 - 1005
      taxCents: 990,
      grossCents: 17890,
    });
  });

  it('sums per-line taxes, which can differ from the tax on the total', () => {
    const lines: TaxableLine[] = [5, 5, 5].map((amountCents) => ({ amountCents, taxCode: 'GST', rateBasisPoints: GST }));
    // each line: 0.5 → 1, so 3 in all; 10% of the 15-cent total would be 1.5 → 2
    expect(taxSummary(lines).taxCents).toBe(3);
    expect(taxForLine(15, GST)).toBe(2);
  });

  it('is all zeros for no lines', () => {
    expect(taxSummary([])).toEqual({ byTaxCode: [], netCents: 0, taxCents: 0, grossCents: 0 });
  });

  it('refuses one tax code carrying two rates', () => {
    expect(() =>
      taxSummary([
        { amountCents: 100, taxCode: 'GST', rateBasisPoints: 1000 },
        { amountCents: 100, taxCode: 'GST', rateBasisPoints: 1500 },
      ]),
    ).toThrow(/two rates/);
  });
});

describe('properties', () => {
  const amount = fc.integer({ min: -100_000_000, max: 100_000_000 });
  const rate = fc.integer({ min: 0, max: 10_000 });

  it('the tax of a sum and the sum of the taxes differ by at most one cent per line', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 50 }), rate, (amounts, rateBasisPoints) => {
        const perLine = sumCents(amounts.map((amountCents) => taxForLine(amountCents, rateBasisPoints)));
        const onTotal = taxForLine(sumCents(amounts), rateBasisPoints);
        const difference = Math.abs(perLine - onTotal);
        expect(difference).toBeLessThanOrEqual(amounts.length);
        // The tighter bound: half a cent per line, plus half for rounding the total.
        expect(difference).toBeLessThanOrEqual((amounts.length + 1) / 2);
      }),
    );
  });

  it('each line is within half a cent of the exact tax, and credits mirror charges', () => {
    fc.assert(
      fc.property(amount, rate, (amountCents, rateBasisPoints) => {
        const tax = taxForLine(amountCents, rateBasisPoints);
        const errorTimes10000 = Math.abs(tax * 10_000 - amountCents * rateBasisPoints);
        expect(errorTimes10000).toBeLessThanOrEqual(5_000);
        expect(taxForLine(-amountCents, rateBasisPoints)).toBe(-tax + 0);
      }),
    );
  });

  it('summary totals are exactly the sums of the lines', () => {
    const taxCodes = { GST: 1000, FRE: 0, VAT: 2000, EXEMPT: 'exempt' } as const;
    const line = fc.record({ amountCents: amount, taxCode: fc.constantFrom(...(Object.keys(taxCodes) as (keyof typeof taxCodes)[])) });
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (drafts) => {
        const lines = drafts.map(({ amountCents, taxCode }) => ({ amountCents, taxCode, rateBasisPoints: taxCodes[taxCode] }));
        const summary = taxSummary(lines);
        expect(summary.netCents).toBe(sumCents(lines.map((l) => l.amountCents)));
        expect(summary.taxCents).toBe(sumCents(lines.map((l) => taxForLine(l.amountCents, l.rateBasisPoints))));
        expect(summary.grossCents).toBe(summary.netCents + summary.taxCents);
        expect(summary.byTaxCode.reduce((sum, group) => sum + group.lineCount, 0)).toBe(lines.length);
      }),
    );
  });
});
