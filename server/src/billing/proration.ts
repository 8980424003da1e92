// Proration by day: the part of a period's fee owed for the days a subscription was active.
//
// The rounding rule is the one the README states for every amount: exact arithmetic, rounded
// once, half away from zero. $99.00 for 12 of 28 days is 9900 × 12 / 28 = 4242.86 → 4243 cents;
// for 5 of 31 days 1596.77 → 1597.
//
// "Once" is per subscription and period: when a period is cut into several lines (a quantity
// or price change inside it), the exact fee of all its lines is rounded once, and that total
// is shared out among the lines by largest remainder, so each line is its exact amount rounded
// down or up and the lines add up to exactly the rounded total. Rounding each line on its own
// would let the pieces of one fee add up to more than the fee: $99.99 split 15 + 15 days of a
// 30-day month is 4999.5 + 4999.5; on their own each rounds to 5000, a cent above the price
// list. Shared out, they are 5000 + 4999 = 9999, exactly the unsplit fee.
//
// A later cancellation's credit stays paired with what was billed: recurring-fees.ts credits
// "billed before − owed now" for the period, both computed by this file, so the customer's
// net for a cancelled period is exactly what the served days cost under this rule.
//
// A line that covers its whole period is not pro-rated at all: it is the ordinary line
// amount (unit price × quantity, half away from zero; see shared/money.ts), so a month that
// had no changes bills exactly what the price list says.

import { assertCents, assertQuantityMilli, checkedCents, divideHalfAwayFromZero, MILLI_PER_UNIT, sumCents } from '../../../shared/money.js';
import { type BillingPeriod, daysBetween, type IsoDate, periodDays } from './periods.js';

/** fullPeriodCents × servedDays / periodDays, rounded once half away from zero. servedDays = periodDays gives the full fee. */
export function prorateCents(fullPeriodCents: number, servedDays: number, periodDays: number): number {
  assertCents(fullPeriodCents, 'fullPeriodCents');
  assertServedDays(servedDays, periodDays);
  return checkedCents(divideHalfAwayFromZero(BigInt(fullPeriodCents) * BigInt(servedDays), BigInt(periodDays)));
}

function assertServedDays(servedDays: number, periodDays: number): void {
  if (!Number.isSafeInteger(periodDays) || periodDays <= 0) {
    throw new RangeError(`periodDays must be a positive integer, got ${periodDays}`);
  }
  if (!Number.isSafeInteger(servedDays) || servedDays < 0 || servedDays > periodDays) {
    throw new RangeError(`servedDays must be an integer from 0 to periodDays (${periodDays}), got ${servedDays}`);
  }
}

// ---------------------------------------------------------------------------
// Subscriptions

/**
 * The quantity a subscription had over [from, to) (`to` exclusive), in thousandths, and the
 * unit price over those days when it differs from the fee's (a price override that changed).
 */
export type QuantitySegment = {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly quantityMilli: number;
  readonly unitPriceCents?: number;
};

type SubscriptionFeeBase = {
  /** Price of one unit for one whole regular period. */
  readonly unitPriceCents: number;
  /**
   * The REGULAR period whose full fee is unitPrice × quantity; its length is the proration
   * denominator. For an account's first, shortened period pass `firstPeriod.regularPeriod`
   * and let `activeFrom` (the opening day) cut it down.
   */
  readonly period: BillingPeriod;
  /** First active day (inclusive). */
  readonly activeFrom: IsoDate;
  /** First day no longer active (exclusive); absent while the subscription is open-ended. */
  readonly activeTo?: IsoDate;
};

export type SubscriptionFeeInput = SubscriptionFeeBase &
  (
    | { readonly quantityMilli: number; readonly segments?: never }
    /** Quantity changes inside the period: non-overlapping; days outside every segment are not billed. */
    | { readonly segments: readonly QuantitySegment[]; readonly quantityMilli?: never }
  );

export type ProratedFeeLine = {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly quantityMilli: number;
  readonly unitPriceCents: number;
  readonly servedDays: number;
  readonly periodDays: number;
  /** False when the line covers the whole period and is simply unit price × quantity. */
  readonly prorated: boolean;
  readonly amountCents: number;
};

export type ProratedSubscriptionFee = {
  readonly lines: readonly ProratedFeeLine[];
  /** Exactly the sum of the lines. */
  readonly amountCents: number;
};

/**
 * The fee a subscription owes for `period`: one line per quantity segment, each clipped to
 * the period and to [activeFrom, activeTo), each pro-rated by its own days and rounded once.
 * Segments with no day left after clipping produce no line.
 */
export function prorateSubscriptionFee(input: SubscriptionFeeInput): ProratedSubscriptionFee {
  assertCents(input.unitPriceCents, 'unitPriceCents');
  const totalDays = periodDays(input.period);
  if (input.activeTo !== undefined && daysBetween(input.activeFrom, input.activeTo) < 0) {
    throw new RangeError(`activeTo ${input.activeTo} is before activeFrom ${input.activeFrom}`);
  }
  // A single quantity is one segment over the whole period; the active window cuts it down.
  const segments: readonly QuantitySegment[] = input.segments ?? [
    { from: input.period.start, to: input.period.end, quantityMilli: input.quantityMilli },
  ];
  assertSegmentsDoNotOverlap(segments);

  const activeWindow = { start: input.activeFrom, end: input.activeTo ?? input.period.end };
  const pieces: Array<Omit<ProratedFeeLine, 'amountCents'> & { exactNumerator: bigint }> = [];
  for (const segment of [...segments].sort((a, b) => daysBetween(b.from, a.from))) {
    assertQuantityMilli(segment.quantityMilli);
    const unitPriceCents = segment.unitPriceCents ?? input.unitPriceCents;
    assertCents(unitPriceCents, 'unitPriceCents');
    const served = intersect(intersect({ start: segment.from, end: segment.to }, input.period), activeWindow);
    if (served === undefined) continue;
    const servedDays = daysBetween(served.start, served.end);
    pieces.push({
      from: served.start,
      to: served.end,
      quantityMilli: segment.quantityMilli,
      unitPriceCents,
      servedDays,
      periodDays: totalDays,
      prorated: servedDays < totalDays,
      exactNumerator: BigInt(unitPriceCents) * BigInt(segment.quantityMilli) * BigInt(servedDays),
    });
  }
  const amounts = shareRoundedTotal(
    pieces.map((piece) => piece.exactNumerator),
    BigInt(MILLI_PER_UNIT) * BigInt(totalDays),
  );
  const lines = pieces.map(({ exactNumerator: _exact, ...piece }, index) => ({ ...piece, amountCents: amounts[index] }));
  return { lines, amountCents: sumCents(lines.map((line) => line.amountCents)) };
}

/**
 * The lines' exact amounts are numerators over one denominator. Their sum is rounded once,
 * half away from zero; each line gets its exact amount rounded down (toward minus infinity),
 * and the cents still missing from the rounded total go one each to the lines with the
 * largest dropped fractions (the earlier line on a tie). So every line is its exact amount
 * rounded down or up, and the lines add up to exactly the rounded total. A single line is
 * simply its exact amount rounded half away from zero; a whole period at one quantity is
 * unit price × quantity, the ordinary line rule.
 */
function shareRoundedTotal(numerators: readonly bigint[], denominator: bigint): number[] {
  if (numerators.length === 0) return [];
  const total = divideHalfAwayFromZero(
    numerators.reduce((sum, numerator) => sum + numerator, 0n),
    denominator,
  );
  const floors = numerators.map((numerator) => floorDivide(numerator, denominator));
  let missing = total - floors.reduce((sum, floor) => sum + floor, 0n);
  const byLargestFraction = numerators
    .map((numerator, index) => ({ index, fraction: numerator - floors[index] * denominator }))
    .filter((piece) => piece.fraction > 0n)
    .sort((a, b) => (a.fraction === b.fraction ? a.index - b.index : a.fraction > b.fraction ? -1 : 1));
  const amounts = [...floors];
  for (const { index } of byLargestFraction) {
    if (missing === 0n) break;
    amounts[index] += 1n;
    missing -= 1n;
  }
  return amounts.map((amount) => checkedCents(amount));
}

function floorDivide(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  return numerator % denominator !== 0n && numerator < 0n !== denominator < 0n ? quotient - 1n : quotient;
}

function assertSegmentsDoNotOverlap(segments: readonly QuantitySegment[]): void {
  for (const segment of segments) {
    if (daysBetween(segment.from, segment.to) <= 0) {
      throw new RangeError(`A quantity segment must end after it starts: [${segment.from}, ${segment.to})`);
    }
  }
  const ordered = [...segments].sort((a, b) => daysBetween(b.from, a.from));
  for (let i = 1; i < ordered.length; i++) {
    if (daysBetween(ordered[i].from, ordered[i - 1].to) > 0) {
      throw new RangeError(
        `Quantity segments overlap: [${ordered[i - 1].from}, ${ordered[i - 1].to}) and [${ordered[i].from}, ${ordered[i].to})`,
      );
    }
  }
}

function intersect(a: BillingPeriod | undefined, b: BillingPeriod): BillingPeriod | undefined {
  if (a === undefined) return undefined;
  const start = daysBetween(a.start, b.start) > 0 ? b.start : a.start;
  const end = daysBetween(a.end, b.end) < 0 ? b.end : a.end;
  return daysBetween(start, end) > 0 ? { start, end } : undefined;
}
