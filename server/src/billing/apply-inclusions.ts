// Inclusions: what a bundle includes each period (10 support hours a month) is consumed
// before anything of that kind is charged.
//
// The rule: a charge is absorbed by the allowance of the account period its date falls in,
// which is the sum of the inclusions of every bundle active on at least one day of that
// period (not pro-rated: a bundle active for part of a period brings its whole allowance).
// Charges consume it in date order (then by id), each taking what is left, so a charge can
// be split into an included part (not charged) and an overage part (charged). What other
// invoices already consumed in that period is subtracted first, so a late charge cannot use
// an allowance twice.

import type { AccountCycle, AccountPeriod } from './account-periods.js';
import { accountPeriodContaining } from './account-periods.js';
import type { SubscriptionTree } from './recurring-fees.js';

export type Inclusion = { appliesToKind: string; productId: number | null; quantityMilli: number };
export type InclusionTree = SubscriptionTree & { inclusions: Inclusion[] };
export type AbsorbableCharge = { id: number; kind: string; productId: number | null; chargeDate: string; quantityMilli: number };
export type Absorption = { includedQuantityMilli: number; inclusionKey: string; inclusionPeriodStart: string };

export function inclusionKey(inclusion: { appliesToKind: string; productId: number | null }): string {
  return `${inclusion.appliesToKind}:${inclusion.productId ?? '*'}`;
}

/**
 * How much of each charge is included, by charge id. `consumedElsewhere` gives thousandths
 * already used by other invoices, keyed `${inclusionKey}|${periodStart}`.
 */
export function applyInclusions(
  account: AccountCycle,
  trees: readonly InclusionTree[],
  charges: readonly AbsorbableCharge[],
  consumedElsewhere: ReadonlyMap<string, number>,
): Map<number, Absorption> {
  const absorbed = new Map<number, Absorption>();
  if (!trees.some((tree) => tree.inclusions.length > 0)) return absorbed;
  const remaining = new Map<string, number>();
  const ordered = [...charges].sort((a, b) => (a.chargeDate === b.chargeDate ? a.id - b.id : a.chargeDate < b.chargeDate ? -1 : 1));
  const periodOfDate = new Map<string, AccountPeriod>();
  for (const charge of ordered) {
    if (charge.quantityMilli <= 0) continue;
    let period = periodOfDate.get(charge.chargeDate);
    if (period === undefined) {
      period = accountPeriodContaining(account, charge.chargeDate);
      periodOfDate.set(charge.chargeDate, period);
    }
    // A product-specific inclusion is used before a kind-wide one.
    const keys = [
      inclusionKey({ appliesToKind: charge.kind, productId: charge.productId }),
      inclusionKey({ appliesToKind: charge.kind, productId: null }),
    ];
    for (const key of charge.productId === null ? keys.slice(1) : keys) {
      const poolKey = `${key}|${period.start}`;
      if (!remaining.has(poolKey)) {
        const allowance = trees
          .filter((tree) => tree.root.startDate < period.end && (tree.root.endDate === null || tree.root.endDate > period.start))
          .flatMap((tree) => tree.inclusions)
          .filter((inclusion) => inclusionKey(inclusion) === key)
          .reduce((sum, inclusion) => sum + inclusion.quantityMilli, 0);
        remaining.set(poolKey, Math.max(0, allowance - (consumedElsewhere.get(poolKey) ?? 0)));
      }
      const left = remaining.get(poolKey)!;
      if (left <= 0) continue;
      const taken = Math.min(left, charge.quantityMilli);
      remaining.set(poolKey, left - taken);
      absorbed.set(charge.id, { includedQuantityMilli: taken, inclusionKey: key, inclusionPeriodStart: period.start });
      break;
    }
  }
  return absorbed;
}
