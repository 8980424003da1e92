import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineAmountCents } from '../../../shared/money.js';
import { addDays, type BillingPeriod, daysBetween, firstPeriodFor, periodContaining } from './periods.js';
import { prorateCents, prorateSubscriptionFee, type QuantitySegment } from './proration.js';

const april2026: BillingPeriod = { start: '2026-04-01', end: '2026-05-01' }; // 30 days

describe('prorateCents', () => {
  it('charges the served days of the period, rounding once toward zero', () => {
    // $99.00 for 15 of March's 31 days: 9900 × 15 = 148500; 148500 / 31 = 4790.32 (31 × 4790 = 148490, 10 left) → 4790
    expect(prorateCents(9900, 15, 31)).toBe(4790);
    // $99.99 for half of a 30-day month: 9999 × 15 / 30 = 4999.5 → 4999, so the two halves (9998) stay within 9999
    expect(prorateCents(9999, 15, 30)).toBe(4999);
    expect(prorateCents(-9999, 15, 30)).toBe(-4999); // a credit for unused days never exceeds the charge
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
        { from: '2026-03-17', to: '2026-04-01', quantityMilli: 1000, servedDays: 15, periodDays: 31, prorated: true, amountCents: 4790 },
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
      { from: '2026-04-01', to: '2026-04-11', quantityMilli: 1000, servedDays: 10, periodDays: 30, prorated: true, amountCents: 3300 },
    ]);
  });

  it('pro-rates each quantity segment separately and rounds each line once', () => {
    const fee = prorateSubscriptionFee({
      unitPriceCents: 4999,
      segments: [
        { from: '2026-04-18', to: '2026-05-01', quantityMilli: 4000 }, // given out of order on purpose
        { from: '2026-04-01', to: '2026-04-18', quantityMilli: 3000 },
      ],
      period: april2026,
      activeFrom: '2026-01-01',
    });
    // 3 seats × 17 days: 4999 × 3 × 17 = 254949; / 30 = 8498.3 → 8498
    // 4 seats × 13 days: 4999 × 4 × 13 = 259948; / 30 = 8664.93 → 8664
    expect(fee.lines.map((line) => [line.from, line.to, line.servedDays, line.amountCents])).toEqual([
      ['2026-04-01', '2026-04-18', 17, 8498],
      ['2026-04-18', '2026-05-01', 13, 8664],
    ]);
    expect(fee.amountCents).toBe(8498 + 8664);
  });

  it('never bills a split period above the unsplit fee ($99.99, 15 + 15 days of April)', () => {
    const fee = prorateSubscriptionFee({
      unitPriceCents: 9999,
      segments: [
        { from: '2026-04-01', to: '2026-04-16', quantityMilli: 1000 },
        { from: '2026-04-16', to: '2026-05-01', quantityMilli: 1000 },
      ],
      period: april2026,
      activeFrom: '2026-04-01',
    });
    // 4999.5 each; rounded half away from zero they would make 10000, a cent above the $99.99 fee
    expect(fee.lines.map((line) => line.amountCents)).toEqual([4999, 4999]);
    expect(fee.amountCents).toBe(9998);
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

  it('segments covering the period at one quantity never sum past the full fee, and lose less than a cent each', () => {
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
          expect(Math.abs(fee.amountCents)).toBeLessThanOrEqual(Math.abs(fullFee));
          expect(Math.abs(fullFee) - Math.abs(fee.amountCents)).toBeLessThanOrEqual(segments.length);
          expect(fee.lines.reduce((sum, line) => sum + line.servedDays, 0)).toBe(daysBetween(period.start, period.end));
        },
      ),
    );
  });

  it('complementary pieces of a fee never add up to more than the fee', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000_000, max: 100_000_000 }),
        fc.integer({ min: 1, max: 1100 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (fullPeriodCents, periodDays, fraction) => {
          const servedDays = Math.floor(fraction * periodDays);
          const pieces =
            prorateCents(fullPeriodCents, servedDays, periodDays) + prorateCents(fullPeriodCents, periodDays - servedDays, periodDays);
          expect(Math.abs(pieces)).toBeLessThanOrEqual(Math.abs(fullPeriodCents));
          expect(Math.abs(fullPeriodCents) - Math.abs(pieces)).toBeLessThanOrEqual(1);
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
