// Billing periods: calendar arithmetic on 'YYYY-MM-DD' dates.
//
// Dates are calendar days with no time and no time zone (the proleptic Gregorian calendar,
// years 0001–9999). A period is a half-open range [start, end): `start` is its first day,
// `end` is the first day of the next period, so consecutive periods share a boundary and
// never overlap, and the number of days in a period is simply end − start.
//
// How an account is billed (after Emersion): each account has a billing day (1–28) and a
// period length in months (1–36). Regular periods run from billing day to billing day.
// The first period runs from the day the account opened up to the next billing day and is
// pro-rated; regular periods follow from there.
//
// Why the billing day stops at 28: every month has a 28th, so a period boundary never needs
// clamping and a period is always exactly `periodMonths` calendar months long.

export type IsoDate = string;

export type BillingPeriod = { readonly start: IsoDate; readonly end: IsoDate };

export type BillingCycle = {
  /** Day of the month every regular period starts on, 1–28. */
  readonly billingDay: number;
  /** Length of a regular period in calendar months, 1–36 (1 monthly, 3 quarterly, 12 yearly). */
  readonly periodMonths: number;
  /**
   * The start of any one regular period of this account. When periods are longer than a
   * month it says which months start a period (January or February for a quarterly bill?).
   * Store `firstPeriodFor(openedOn, cycle).end` here when the account is opened.
   * Monthly cycles do not need it.
   */
  readonly anchor?: IsoDate;
};

/** The first period of an account, with the regular period it is the tail of (the proration denominator). */
export type FirstPeriod = BillingPeriod & { readonly regularPeriod: BillingPeriod };

// ---------------------------------------------------------------------------
// Dates

type CalendarDate = { year: number; month: number; day: number };

const ISO_DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE_SHAPE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parseIsoDate(text: IsoDate): CalendarDate {
  if (!isIsoDate(text)) throw new RangeError(`Not a calendar date in YYYY-MM-DD form: ${JSON.stringify(text)}`);
  const [year, month, day] = text.split('-').map(Number);
  return { year, month, day };
}

function formatIsoDate({ year, month, day }: CalendarDate): IsoDate {
  if (year < 1 || year > 9999) throw new RangeError(`Year ${year} is outside 0001–9999`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Days since 1970-01-01, by Howard Hinnant's days_from_civil: pure integer arithmetic, so
// no Date object, no time zone and no daylight saving can shift a day.
function toEpochDay({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function fromEpochDay(epochDay: number): CalendarDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whole days from `from` to `to` (negative when `to` is earlier): the length of [from, to). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(parseIsoDate(to)) - toEpochDay(parseIsoDate(from));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return formatIsoDate(fromEpochDay(toEpochDay(parseIsoDate(date)) + days));
}

/**
 * Moves a date by whole calendar months (negative goes back). Clamping rule: when the
 * target month is shorter than the day of the month, the result is that month's last day
 * (2026-01-31 + 1 month = 2026-02-28; 2028-01-31 + 1 = 2028-02-29; 2028-02-29 + 12 = 2029-02-28).
 * Clamping makes chains lossy: (Jan 31 + 1) + 1 = Mar 28, but Jan 31 + 2 = Mar 31. That is
 * why periods are never built by chaining from a clamped date; billing days are 1–28, so
 * period boundaries are never clamped at all.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isSafeInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const { year, month, day } = parseIsoDate(date);
  const target = fromMonthIndex(toMonthIndex(year, month) + months);
  return formatIsoDate({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

// Months counted from January of year 0, so month arithmetic is plain integer arithmetic.
function toMonthIndex(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function fromMonthIndex(monthIndex: number): { year: number; month: number } {
  return { year: Math.floor(monthIndex / 12), month: (((monthIndex % 12) + 12) % 12) + 1 };
}

// ---------------------------------------------------------------------------
// Periods

function assertBillingCycle(cycle: BillingCycle): void {
  const { billingDay, periodMonths, anchor } = cycle;
  if (!Number.isInteger(billingDay) || billingDay < 1 || billingDay > 28) {
    throw new RangeError(`billingDay must be an integer from 1 to 28, got ${billingDay}`);
  }
  if (!Number.isInteger(periodMonths) || periodMonths < 1 || periodMonths > 36) {
    throw new RangeError(`periodMonths must be an integer from 1 to 36, got ${periodMonths}`);
  }
  if (anchor !== undefined && parseIsoDate(anchor).day !== billingDay) {
    throw new RangeError(`The anchor ${anchor} must fall on the billing day ${billingDay}`);
  }
}

// The month index of a period start that all regular periods are whole multiples away from.
function anchorMonthIndex(cycle: BillingCycle): number {
  if (cycle.anchor === undefined) {
    if (cycle.periodMonths === 1) return 0;
    throw new RangeError(
      `A ${cycle.periodMonths}-month cycle needs an anchor (the start of one of its periods) to know which months start a period`,
    );
  }
  const { year, month } = parseIsoDate(cycle.anchor);
  return toMonthIndex(year, month);
}

function periodStartingAtMonth(startMonthIndex: number, cycle: BillingCycle): BillingPeriod {
  const start = { ...fromMonthIndex(startMonthIndex), day: cycle.billingDay };
  const end = { ...fromMonthIndex(startMonthIndex + cycle.periodMonths), day: cycle.billingDay };
  return { start: formatIsoDate(start), end: formatIsoDate(end) };
}

/** The regular period [start, end) that contains `date`. */
export function periodContaining(date: IsoDate, cycle: BillingCycle): BillingPeriod {
  assertBillingCycle(cycle);
  const { year, month, day } = parseIsoDate(date);
  // The latest billing day on or before `date` is in this month or the one before.
  const lastBillingDayMonth = toMonthIndex(year, month) - (day >= cycle.billingDay ? 0 : 1);
  const anchorMonth = anchorMonthIndex(cycle);
  const periodsSinceAnchor = Math.floor((lastBillingDayMonth - anchorMonth) / cycle.periodMonths);
  return periodStartingAtMonth(anchorMonth + periodsSinceAnchor * cycle.periodMonths, cycle);
}

/** The regular period that starts where `period` ends (which must be a regular period boundary). */
export function nextPeriod(period: BillingPeriod, cycle: BillingCycle): BillingPeriod {
  const next = periodContaining(period.end, cycle);
  if (next.start !== period.end) {
    throw new RangeError(`${period.end} is not the start of a regular period of this cycle`);
  }
  return next;
}

/**
 * The first period of an account opened on `openedOn`: from the opening day up to the
 * next billing day, pro-rated against `regularPeriod`, the regular period ending on that
 * billing day (opened 2026-03-17, billing day 1, monthly → [2026-03-17, 2026-04-01),
 * 15 of March's 31 days). An account opened on its billing day starts with a full regular
 * period. The result's `end` is always a regular period start: store it as the cycle's anchor.
 * Any `anchor` already on the cycle is ignored, since this is what defines it.
 */
export function firstPeriodFor(openedOn: IsoDate, cycle: BillingCycle): FirstPeriod {
  assertBillingCycle(cycle);
  const opened = parseIsoDate(openedOn);
  const openedMonth = toMonthIndex(opened.year, opened.month);
  if (opened.day === cycle.billingDay) {
    const regularPeriod = periodStartingAtMonth(openedMonth, cycle);
    return { ...regularPeriod, regularPeriod };
  }
  const nextBillingDayMonth = openedMonth + (opened.day < cycle.billingDay ? 0 : 1);
  const regularPeriod = periodStartingAtMonth(nextBillingDayMonth - cycle.periodMonths, cycle);
  return { start: openedOn, end: regularPeriod.end, regularPeriod };
}

export function periodDays(period: BillingPeriod): number {
  const days = daysBetween(period.start, period.end);
  if (days <= 0) throw new RangeError(`A period must end after it starts: [${period.start}, ${period.end})`);
  return days;
}
