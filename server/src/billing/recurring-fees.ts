// Recurring fees on an invoice: in advance for the invoice's period, plus the difference,
// for every earlier period, between what the subscription owes now and what was billed.
//
// Why a difference: fees are billed in advance, so a change that lands in a period already
// invoiced (a quantity change, a cancellation, a late start) is settled on the next invoice,
// as "owed now − billed before" for that period, per subscription. Nothing is remembered but
// the invoice lines themselves (the ledger is keyed by subscription and `feePeriodStart`),
// so a skipped run, a late subscription or a back-dated change all settle the same way,
// and when nothing changed the difference is exactly zero.
//
// Amounts per period follow proration.ts: one line per terms segment, whole periods at
// unit price × quantity (half away from zero), partial ones by days; a subscription's lines
// for one period are rounded once together, half away from zero.
// The first period of an account is pro-rated against the regular period it is the tail of.
// A bundle discount is one negative line per period: the bundle's fee lines × basis points,
// rounded once half away from zero.

import { checkedCents, divideHalfAwayFromZero, sumCents } from '../../../shared/money.js';
import { type AccountCycle, type AccountPeriod, accountPeriodsBetween } from './account-periods.js';
import { prorateSubscriptionFee } from './proration.js';

export type TermsSegment = { effectiveFrom: string; quantityMilli: number; unitPriceOverrideCents: number | null };

export type BillableSubscription = {
  id: number;
  rootSubscriptionId: number;
  startDate: string;
  endDate: string | null;
  serviceIdentifier: string | null;
  terms: TermsSegment[];
  plan: {
    name: string;
    kind: 'service' | 'package';
    periodPriceCents: number;
    discountBasisPoints: number;
    taxCode: string;
    glCode: string | null;
  };
};

/** A bundle (root first, then its parts) or a standalone subscription. */
export type SubscriptionTree = { root: BillableSubscription; parts: BillableSubscription[] };

export type FeeLine = {
  lineKind: 'recurring' | 'discount' | 'adjustment';
  subscriptionId: number;
  feePeriodStart: string;
  description: string;
  groupLabel: string;
  servicePeriodStart: string;
  servicePeriodEnd: string;
  quantityMilli: number;
  unitPriceCents: number;
  amountCents: number;
  taxCode: string;
  glCode: string | null;
};

const OPEN_END = '9999-12-31';
const BASIS_POINTS = 10_000n;

/** Every fee line the tree owes for one account period, as if billed today. */
export function feeLinesForPeriod(tree: SubscriptionTree, period: AccountPeriod): FeeLine[] {
  const groupLabel = tree.root.plan.name;
  const lines: FeeLine[] = [];
  for (const subscription of [tree.root, ...tree.parts]) {
    const activeFrom = maxDate(subscription.startDate, period.start);
    const activeTo = minDate(subscription.endDate ?? OPEN_END, period.end);
    if (activeFrom >= activeTo) continue;
    const terms = [...subscription.terms].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    // One call per subscription and period: its terms segments are rounded once, together.
    const fee = prorateSubscriptionFee({
      unitPriceCents: subscription.plan.periodPriceCents,
      period: period.regular,
      activeFrom,
      activeTo,
      segments: terms.map((segment, index) => ({
        from: segment.effectiveFrom,
        to: terms[index + 1]?.effectiveFrom ?? OPEN_END,
        quantityMilli: segment.quantityMilli,
        unitPriceCents: segment.unitPriceOverrideCents ?? subscription.plan.periodPriceCents,
      })),
    });
    for (const line of fee.lines) {
      lines.push({
        lineKind: 'recurring',
        subscriptionId: subscription.id,
        feePeriodStart: period.start,
        description: subscription.serviceIdentifier
          ? `${subscription.plan.name} (${subscription.serviceIdentifier})`
          : subscription.plan.name,
        groupLabel,
        servicePeriodStart: line.from,
        servicePeriodEnd: line.to,
        quantityMilli: line.quantityMilli,
        unitPriceCents: line.unitPriceCents,
        amountCents: line.amountCents,
        taxCode: subscription.plan.taxCode,
        glCode: subscription.plan.glCode,
      });
    }
  }
  const discountBasisPoints = tree.root.plan.discountBasisPoints;
  if (discountBasisPoints > 0 && lines.length > 0) {
    const feesCents = sumCents(lines.map((line) => line.amountCents));
    const amountCents = -checkedCents(divideHalfAwayFromZero(BigInt(feesCents) * BigInt(discountBasisPoints), BASIS_POINTS));
    if (amountCents !== 0) {
      lines.push({
        ...lines[0],
        lineKind: 'discount',
        subscriptionId: tree.root.id,
        description: `Bundle discount ${discountBasisPoints / 100}%`,
        servicePeriodStart: period.start,
        servicePeriodEnd: period.end,
        quantityMilli: 1000,
        unitPriceCents: amountCents,
        amountCents,
        taxCode: tree.root.plan.taxCode,
        glCode: tree.root.plan.glCode,
      });
    }
  }
  return lines;
}

/**
 * The recurring lines of the invoice for `invoicePeriod`: its own fees in full, then one
 * settling line per subscription and earlier period whose fee differs from what `billed`
 * (cents by `${subscriptionId}|${feePeriodStart}`, from every other invoice) says was billed.
 */
export function recurringLinesForInvoice(
  account: AccountCycle,
  tree: SubscriptionTree,
  invoicePeriod: AccountPeriod,
  billed: ReadonlyMap<string, number>,
): FeeLine[] {
  const lines: FeeLine[] = [];
  for (const period of accountPeriodsBetween(account, tree.root.startDate, invoicePeriod)) {
    const owed = feeLinesForPeriod(tree, period);
    if (period.start === invoicePeriod.start) {
      lines.push(...owed);
      continue;
    }
    for (const subscription of [tree.root, ...tree.parts]) {
      const ownLines = owed.filter((line) => line.subscriptionId === subscription.id);
      const owedCents = sumCents(ownLines.map((line) => line.amountCents));
      const billedCents = billed.get(ledgerKey(subscription.id, period.start)) ?? 0;
      const differenceCents = owedCents - billedCents;
      if (differenceCents === 0) continue;
      const name = subscription.serviceIdentifier
        ? `${subscription.plan.name} (${subscription.serviceIdentifier})`
        : subscription.plan.name;
      lines.push({
        lineKind: billedCents === 0 ? 'recurring' : 'adjustment',
        subscriptionId: subscription.id,
        feePeriodStart: period.start,
        // A period never billed is billed late in full; one billed before is adjusted.
        description: billedCents === 0 ? name : `Adjustment: ${name}`,
        groupLabel: tree.root.plan.name,
        servicePeriodStart: period.start,
        servicePeriodEnd: period.end,
        quantityMilli: 1000,
        unitPriceCents: differenceCents,
        amountCents: differenceCents,
        taxCode: subscription.plan.taxCode,
        glCode: subscription.plan.glCode,
      });
    }
  }
  return lines;
}

export function ledgerKey(subscriptionId: number, feePeriodStart: string): string {
  return `${subscriptionId}|${feePeriodStart}`;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
function minDate(a: string, b: string): string {
  return a < b ? a : b;
}
