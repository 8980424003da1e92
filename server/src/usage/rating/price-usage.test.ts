import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { billableQuantityMilli, priceQuantity } from './price-usage.js';
import { RateRuleSchema } from './rating-plan.js';

const rule = (extra: object) =>
  RateRuleSchema.parse({ code: 'r', description: 'r', unit: 'seconds', perQuantityMilli: 60_000, unitPriceCents: 20, ...extra });

describe('priceQuantity', () => {
  it('rounds the billable quantity up to the increment', () => {
    expect([0, 1, 30_000, 30_001, 45_000].map((q) => billableQuantityMilli(q, 30_000))).toEqual([0, 30_000, 30_000, 60_000, 60_000]);
  });

  it('rounds the amount once, half away from zero: 15 s at 2c/min = 0.5c → 1c', () => {
    expect(priceQuantity(rule({ unitPriceCents: 2 }), 15_000, 0)).toEqual({ amountCents: 1, ratedCents: 1 });
    expect(priceQuantity(rule({ unitPriceCents: 2 }), 14_000, 0)).toEqual({ amountCents: 0, ratedCents: 0 });
  });

  it('adds the flagfall, then applies the minimum; nothing charged costs nothing', () => {
    expect(priceQuantity(rule({ flagfallCents: 5, minimumChargeCents: 30 }), 60_000, 0)).toEqual({ amountCents: 30, ratedCents: 25 });
    expect(priceQuantity(rule({ flagfallCents: 5, minimumChargeCents: 30 }), 0, 0)).toEqual({ amountCents: 0, ratedCents: 0 });
  });

  it('prices tiers by the cumulative quantity: splitting a quantity never changes the exact total', () => {
    const tiered = rule({
      perQuantityMilli: 1000,
      tiers: [
        { uptoQuantityMilli: 10_000, unitPriceCents: 7 },
        { uptoQuantityMilli: 25_000, unitPriceCents: 5 },
        { uptoQuantityMilli: null, unitPriceCents: 3 },
      ],
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (a, b) => {
        const whole = priceQuantity(tiered, (a + b) * 1000, 0).amountCents;
        const split = priceQuantity(tiered, a * 1000, 0).amountCents + priceQuantity(tiered, b * 1000, a * 1000).amountCents;
        expect(split).toBe(whole); // whole units: no rounding to differ
      }),
    );
    expect(priceQuantity(tiered, 30_000, 0).amountCents).toBe(10 * 7 + 15 * 5 + 5 * 3);
  });
});
