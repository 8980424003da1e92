// Proration by day: the part of a period's fee owed for the days a subscription was active.
//
// The rounding rule for pro-rated amounts is "toward zero" (drop the fraction of a cent),
// applied once per line. Not half away from zero like other lines, on purpose: pieces of
// one fee must never add up to more than the fee. With nearest rounding they can: a $99.99
// fee over a 30-day month split 15 + 15 days is 4999.5 + 4999.5 → 5000 + 5000 = 10000 cents,
// a cent more than a customer who changed nothing pays. Rounding toward zero keeps the sum of
// the pieces at or below the full fee (each piece loses less than a cent), and a credit for
// unused days is never larger than the charge it reverses.
//
// A line that covers its whole period is not pro-rated at all: it is the ordinary line
// amount (unit price × quantity, half away from zero; see shared/money.ts), so a month that
// had no changes bills exactly what the price list says.

import {
  assertCents,
  assertQuantityMilli,
  checkedCents,
  divideTowardZero,
  lineAmountCents,
  MILLI_PER_UNIT,
  sumCents,
} from '../../../shared/money.js';
import { type BillingPeriod, daysBetween, type IsoDate, periodDays } from './periods.js';

/** fullPeriodCents × servedDays / periodDays, rounded once toward zero. servedDays = periodDays gives the full fee. */
export function prorateCents(fullPeriodCents: number, servedDays: number, periodDays: number): number {
  assertCents(fullPeriodCents, 'fullPeriodCents');
  assertServedDays(servedDays, periodDays);
  // Rounded toward zero so that pro-rated pieces never sum to more than the full fee.
  return checkedCents(divideTowardZero(BigInt(fullPeriodCents) * BigInt(servedDays), BigInt(periodDays)));
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

/** The quantity a subscription had over [from, to) (`to` exclusive), in thousandths. */
export type QuantitySegment = { readonly from: IsoDate; readonly to: IsoDate; readonly quantityMilli: number };

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
  const lines: ProratedFeeLine[] = [];
  for (const segment of [...segments].sort((a, b) => daysBetween(b.from, a.from))) {
    assertQuantityMilli(segment.quantityMilli);
    const served = intersect(intersect({ start: segment.from, end: segment.to }, input.period), activeWindow);
    if (served === undefined) continue;
    const servedDays = daysBetween(served.start, served.end);
    lines.push({
      from: served.start,
      to: served.end,
      quantityMilli: segment.quantityMilli,
      servedDays,
      periodDays: totalDays,
      prorated: servedDays < totalDays,
      amountCents: segmentAmountCents(input.unitPriceCents, segment.quantityMilli, servedDays, totalDays),
    });
  }
  return { lines, amountCents: sumCents(lines.map((line) => line.amountCents)) };
}

// The rule, applied to one segment line: a whole period is unit price × quantity rounded half
// away from zero (the ordinary line rule); a partial period is
// unitPrice × quantityMilli × servedDays / (1000 × periodDays) computed exactly and rounded
// once, toward zero, so that pieces never add up to more than the whole. Quantity and days
// are combined into one fraction before the single rounding: no rounded intermediate.
function segmentAmountCents(unitPriceCents: number, quantityMilli: number, servedDays: number, totalDays: number): number {
  if (servedDays === totalDays) return lineAmountCents(unitPriceCents, quantityMilli);
  const numerator = BigInt(unitPriceCents) * BigInt(quantityMilli) * BigInt(servedDays);
  const denominator = BigInt(MILLI_PER_UNIT) * BigInt(totalDays);
  return checkedCents(divideTowardZero(numerator, denominator));
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
