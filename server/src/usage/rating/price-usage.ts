// The price of one record's chargeable quantity under one rule: increments, tiers, flagfall and
// minimum charge, with one rounding (half away from zero, shared/money.ts) per record.

import { checkedCents, divideHalfAwayFromZero } from '../../../../shared/money.js';
import type { RateRule } from './rating-plan.js';

/** Rounds a quantity up to the rule's increment: 45 s per 30 s → 60 s. Zero stays zero. */
export function billableQuantityMilli(quantityMilli: number, incrementQuantityMilli: number): number {
  const increments = Math.ceil(quantityMilli / incrementQuantityMilli);
  return increments * incrementQuantityMilli;
}

export type PricedQuantity = {
  readonly amountCents: number;
  /** The amount before the minimum charge was applied (the minimum lifted it when different). */
  readonly ratedCents: number;
};

/**
 * `chargedQuantityMilli` of usage, the period having already used `tierUsedMilli` of chargeable
 * quantity under this rule. Tiers are graduated: each part of the quantity is priced at the
 * tier it falls in, and the parts are summed exactly before the one rounding.
 */
export function priceQuantity(rule: RateRule, chargedQuantityMilli: number, tierUsedMilli: number): PricedQuantity {
  if (chargedQuantityMilli === 0) return { amountCents: 0, ratedCents: 0 };
  let numerator = 0n;
  if (rule.tiers === null) {
    numerator = BigInt(rule.unitPriceCents) * BigInt(chargedQuantityMilli);
  } else {
    let from = tierUsedMilli;
    const to = tierUsedMilli + chargedQuantityMilli;
    let tierStart = 0;
    for (const tier of rule.tiers) {
      const tierEnd = tier.uptoQuantityMilli ?? Number.POSITIVE_INFINITY;
      if (from < tierEnd && to > tierStart) {
        const part = Math.min(to, tierEnd) - Math.max(from, tierStart);
        numerator += BigInt(tier.unitPriceCents) * BigInt(part);
        from = Math.min(to, tierEnd);
      }
      if (tier.uptoQuantityMilli === null) break;
      tierStart = tier.uptoQuantityMilli;
    }
  }
  const ratedCents = checkedCents(divideHalfAwayFromZero(numerator, BigInt(rule.perQuantityMilli)) + BigInt(rule.flagfallCents));
  return { amountCents: Math.max(ratedCents, rule.minimumChargeCents), ratedCents };
}
