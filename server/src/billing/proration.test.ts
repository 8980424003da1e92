import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAmountCents } from '../../../shared/money.js';
import { addDays, type BillingPeriod, daysBetween, firstPeriodFor, periodContaining } from './periods.js';
import { prorateCents, prorateSubscriptionFee, type QuantitySegment } from './proration.js';

const april2026: BillingPeriod = { start: '2026-04-01', end: '2026-05-01' }; // 30 days

describe('prorateCents', () => {
  it('charges the served days of the period, rounding once half away from zero', () => {
    // $99.00 for 15 of March's 31 days: 9900 × 15 = 148500; 148500 / 31 = 4790.32 → 4790
    expect(prorateCents(9900, 15, 31)).toBe(4790);
    // $99.00 for 12 of February's 28 days: 4242.86 → 4243; for 5 of 31 days: 1596.77 → 1597
    expect(prorateCents(9900, 12, 28)).toBe(4243);
    expect(prorateCents(9900, 5, 31)).toBe(1597);
    // $99.99 for half of a 30-day month: 4999.5 → 5000; a credit rounds the same way, with its sign
    expect(prorateCents(9999, 15, 30)).toBe(5000);
    expect(prorateCents(-9999, 15, 30)).toBe(-5000);
    expect(prorateCents(9900, 31, 31)).toBe(9900);
    expect(prorateCents(9900, 0, 31)).toBe(0);
  });

  it('rejects days outside the period', () => {
    expect(() => prorateCents(9900, 32, 31)).toThrow(RangeError);
    expect(() => prorateCents(9900, -1, 31)).toThrow(RangeError);
    expect(() => prorateCents(9900, 1, 0)).toThrow(RangeError);
    expect(() => prorateCents(9900, 1.5, 31)).toThrow(RangeError);
    expect(() => prorateCents(99.5, 1, 31)).toThrow(RangeError);
  });
});

describe('prorateSubscriptionFee', () => {
  it('pro-rates the first period of an account opened mid-month (the $99.00 example)', () => {
    const first = firstPeriodFor('2026-03-17', { billingDay: 1, periodMonths: 1 });
    const fee = prorateSubscriptionFee({
      unitPriceCents: 9900,
      quantityMilli: 1000,
      period: first.regularPeriod,
      activeFrom: '2026-03-17',
    });
    // 15 of 31 days: 9900 × 1000 × 15 / (1000 × 31) = 4790.32 → 4790
    expect(fee).toEqual({
      lines: [
        {
          from: '2026-03-17',
          to: '2026-04-01',
          quantityMilli: 1000,
          unitPriceCents: 9900,
          servedDays: 15,
          periodDays: 31,
          prorated: true,
          amountCents: 4790,
        },
      ],
      amountCents: 4790,
    });
  });

  it('bills a whole period as unit price × quantity, without proration', () => {
    const fee = prorateSubscriptionFee({ unitPriceCents: 9900, quantityMilli: 3000, period: april2026, activeFrom: '2025-01-01' });
    expect(fee.amountCents).toBe(29700);
    expect(fee.lines[0].prorated).toBe(false);
    // A fractional quantity over the whole period follows the line rule: 333 × 1.5 = 499.5 → 500
    expect(
      prorateSubscriptionFee({ unitPriceCents: 333, quantityMilli: 1500, period: april2026, activeFrom: '2026-04-01' }).amountCents,
    ).toBe(500);
  });

  it('stops at a cancellation mid-period (activeTo is exclusive)', () => {
    const fee = prorateSubscriptionFee({
      unitPriceCents: 9900,
      quantityMilli: 1000,
      period: april2026,
      activeFrom: '2025-01-01',
      activeTo: '2026-04-11',
    });
    // 1..10 April = 10 of 30 days: 9900 × 10 / 30 = 3300 exactly
    expect(fee.lines).toEqual([
      {
        from: '2026-04-01',
        to: '2026-04-11',
        quantityMilli: 1000,
        unitPriceCents: 9900,
        servedDays: 10,
        periodDays: 30,
        prorated: true,
        amountCents: 3300,
      },
    ]);
  });

  it('pro-rates each quantity segment by its days and rounds their total once', () => {
    const fee = prorateSubscriptionFee({
      unitPriceCents: 4999,
      segments: [
        { from: '2026-04-18', to: '2026-05-01', quantityMilli: 4000 }, // given out of order on purpose
        { from: '2026-04-01', to: '2026-04-18', quantityMilli: 3000 },
      ],
      period: april2026,
      activeFrom: '2026-01-01',
    });
    // 3 seats × 17 days: 4999 × 3 × 17 / 30 = 8498.30; 4 seats × 13 days: 4999 × 4 × 13 / 30 = 8664.93
    // Together 17163.23 → 17163: 8498 and 8664 rounded down make 17162, and the missing cent goes
    // to the larger dropped fraction (0.93): 8498 + 8665.
    expect(fee.lines.map((line) => [line.from, line.to, line.servedDays, line.amountCents])).toEqual([
      ['2026-04-01', '2026-04-18', 17, 8498],
      ['2026-04-18', '2026-05-01', 13, 8665],
    ]);
    expect(fee.amountCents).toBe(17163);
  });

  it('bills a split period exactly as the unsplit fee ($99.99, 15 + 15 days of April)', () => {
    const fee = prorateSubscriptionFee({
      unitPriceCents: 9999,
      segments: [
        { from: '2026-04-01', to: '2026-04-16', quantityMilli: 1000 },
        { from: '2026-04-16', to: '2026-05-01', quantityMilli: 1000 },
      ],
      period: april2026,
      activeFrom: '2026-04-01',
    });
    // 4999.5 each; rounded on their own they would make 10000, a cent above the $99.99 fee.
    // Rounded once together: 9999, shared 5000 + 4999 (the tie goes to the earlier line).
    expect(fee.lines.map((line) => line.amountCents)).toEqual([5000, 4999]);
    expect(fee.amountCents).toBe(9999);
  });

  it('rounds a change of price inside the period once with the other segment', () => {
    const fee = prorateSubscriptionFee({
      unitPriceCents: 9900,
      segments: [
        { from: '2026-02-01', to: '2026-02-13', quantityMilli: 1000 },
        { from: '2026-02-13', to: '2026-03-01', quantityMilli: 1000, unitPriceCents: 5000 },
      ],
      period: { start: '2026-02-01', end: '2026-03-01' },
      activeFrom: '2026-02-01',
    });
    // 9900 × 12 / 28 = 4242.857 and 5000 × 16 / 28 = 2857.143: together exactly 7100.
    expect(fee.lines.map((line) => [line.unitPriceCents, line.amountCents])).toEqual([
      [9900, 4243],
      [5000, 2857],
    ]);
    expect(fee.amountCents).toBe(7100);
  });

  it('clips segments to the period and to the active window, and skips days with no segment', () => {
    const fee = prorateSubscriptionFee({
      unitPriceCents: 3000,
      segments: [
        { from: '2026-03-20', to: '2026-04-05', quantityMilli: 1000 }, // only 1–4 April count
        { from: '2026-04-10', to: '2026-06-01', quantityMilli: 2000 }, // 10 April to the active end
      ],
      period: april2026,
      activeFrom: '2026-04-02',
      activeTo: '2026-04-20',
    });
    // 2–4 April: 3000 × 1 × 3 / 30 = 300; 10–19 April: 3000 × 2 × 10 / 30 = 2000
    expect(fee.lines.map((line) => [line.from, line.to, line.servedDays, line.amountCents])).toEqual([
      ['2026-04-02', '2026-04-05', 3, 300],
      ['2026-04-10', '2026-04-20', 10, 2000],
    ]);
    expect(fee.amountCents).toBe(2300);
  });

  it('produces no line for a subscription active outside the period', () => {
    const later = prorateSubscriptionFee({ unitPriceCents: 9900, quantityMilli: 1000, period: april2026, activeFrom: '2026-05-01' });
    expect(later).toEqual({ lines: [], amountCents: 0 });
    const ended = prorateSubscriptionFee({
      unitPriceCents: 9900,
      quantityMilli: 1000,
      period: april2026,
      activeFrom: '2026-01-01',
      activeTo: '2026-04-01',
    });
    expect(ended).toEqual({ lines: [], amountCents: 0 });
  });

  it('rejects overlapping or empty segments and inverted active windows', () => {
    const base = { unitPriceCents: 100, period: april2026, activeFrom: '2026-04-01' };
    expect(() =>
      prorateSubscriptionFee({
        ...base,
        segments: [
          { from: '2026-04-01', to: '2026-04-11', quantityMilli: 1000 },
          { from: '2026-04-10', to: '2026-05-01', quantityMilli: 2000 },
        ],
      }),
    ).toThrow(/overlap/);
    expect(() => prorateSubscriptionFee({ ...base, segments: [{ from: '2026-04-05', to: '2026-04-05', quantityMilli: 1 }] })).toThrow(
      RangeError,
    );
    expect(() => prorateSubscriptionFee({ ...base, quantityMilli: 1000, activeTo: '2026-03-01' })).toThrow(RangeError);
    expect(() => prorateSubscriptionFee({ ...base, quantityMilli: 1.5 })).toThrow(RangeError);
    expect(() => prorateSubscriptionFee({ ...base, quantityMilli: 1000, period: { start: '2026-04-01', end: '2026-04-01' } })).toThrow(
      RangeError,
    );
  });
});

describe('properties', () => {
  const anyPeriod = fc
    .record({
      day: fc.integer({ min: 0, max: 80_000 }),
      billingDay: fc.integer({ min: 1, max: 28 }),
      periodMonths: fc.integer({ min: 1, max: 36 }),
    })
    .map(({ day, billingDay, periodMonths }) =>
      periodContaining(addDays('1900-01-01', day), { billingDay, periodMonths, anchor: `2000-01-${String(billingDay).padStart(2, '0')}` }),
    );

  // Cuts a period into consecutive segments at the given day offsets.
  function cutIntoSegments(period: BillingPeriod, cutFractions: number[], quantityMilli: number): QuantitySegment[] {
    const days = daysBetween(period.start, period.end);
    const cuts = [...new Set(cutFractions.map((fraction) => 1 + Math.floor(fraction * (days - 1))))]
      .filter((cut) => cut > 0 && cut < days)
      .sort((a, b) => a - b);
    const bounds = [0, ...cuts, days];
    return bounds.slice(1).map((end, i) => ({ from: addDays(period.start, bounds[i]), to: addDays(period.start, end), quantityMilli }));
  }

  it('segments covering the period at one quantity sum to exactly the full fee, each within a cent of its exact share', () => {
    fc.assert(
      fc.property(
        anyPeriod,
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        (period, unitPriceCents, quantityMilli, cutFractions) => {
          const segments = cutIntoSegments(period, cutFractions, quantityMilli);
          const fee = prorateSubscriptionFee({ unitPriceCents, segments, period, activeFrom: period.start });
          const fullFee = lineAmountCents(unitPriceCents, quantityMilli);
          expect(fee.lines).toHaveLength(segments.length);
          expect(fee.amountCents).toBe(fullFee);
          for (const line of fee.lines) {
            const exact = (unitPriceCents * quantityMilli * line.servedDays) / (1000 * line.periodDays);
            expect(Math.abs(line.amountCents - exact)).toBeLessThan(1 + 1e-6);
          }
          expect(fee.lines.reduce((sum, line) => sum + line.servedDays, 0)).toBe(daysBetween(period.start, period.end));
        },
      ),
    );
  });

  it('complementary pieces rounded on their own are within a cent of the fee', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000_000, max: 100_000_000 }),
        fc.integer({ min: 1, max: 1100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (fullPeriodCents, periodDays, fraction) => {
          const servedDays = Math.floor(fraction * periodDays);
          const pieces =
            prorateCents(fullPeriodCents, servedDays, periodDays) + prorateCents(fullPeriodCents, periodDays - servedDays, periodDays);
          expect(Math.abs(pieces - fullPeriodCents)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('more days never cost less', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100_000_000 }), fc.integer({ min: 1, max: 1100 }), fc.nat(), (fullPeriodCents, periodDays, seed) => {
        const servedDays = seed % periodDays;
        expect(prorateCents(fullPeriodCents, servedDays + 1, periodDays)).toBeGreaterThanOrEqual(
          prorateCents(fullPeriodCents, servedDays, periodDays),
        );
      }),
    );
  });
});
