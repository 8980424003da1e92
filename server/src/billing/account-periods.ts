// An account's own periods: its first, pro-rated period, then regular ones (periods.ts).
import { type BillingCycle, type BillingPeriod, firstPeriodFor, type IsoDate, nextPeriod, periodContaining } from './periods.js';

export type AccountCycle = {
  readonly openedOn: IsoDate;
  readonly billingDay: number;
  readonly periodMonths: number;
  readonly anchor: IsoDate;
};

/** A period of one account; `regular` is the full period it is part of (the proration denominator). */
export type AccountPeriod = BillingPeriod & { readonly regular: BillingPeriod };

function cycleOf(account: AccountCycle): BillingCycle {
  return { billingDay: account.billingDay, periodMonths: account.periodMonths, anchor: account.anchor };
}

/** The account period holding `date`; days before the account opened belong to its first period. */
export function accountPeriodContaining(account: AccountCycle, date: IsoDate): AccountPeriod {
  const first = firstPeriodFor(account.openedOn, cycleOf(account));
  if (date < first.end) return { start: first.start, end: first.end, regular: first.regularPeriod };
  const period = periodContaining(date, cycleOf(account));
  return { ...period, regular: period };
}

/** The account periods from the one holding `from` up to and including `through`. */
export function accountPeriodsBetween(account: AccountCycle, from: IsoDate, through: AccountPeriod): AccountPeriod[] {
  if (from >= through.end) return [];
  const periods: AccountPeriod[] = [accountPeriodContaining(account, from)];
  while (periods[periods.length - 1].start < through.start) {
    const last = periods[periods.length - 1];
    const next = nextPeriod(last.regular, cycleOf(account));
    periods.push({ ...next, regular: next });
  }
  return periods;
}
