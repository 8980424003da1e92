import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  type BillingCycle,
  type BillingPeriod,
  daysBetween,
  firstPeriodFor,
  isIsoDate,
  nextPeriod,
  periodContaining,
  periodDays,
} from './periods.js';

const monthlyOnThe1st: BillingCycle = { billingDay: 1, periodMonths: 1 };
const monthlyOnThe28th: BillingCycle = { billingDay: 28, periodMonths: 1 };

describe('dates', () => {
  it('accepts only real calendar dates in YYYY-MM-DD form', () => {
    expect(isIsoDate('2028-02-29')).toBe(true); // 2028 is a leap year
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false); // divisible by 100, not by 400
    expect(isIsoDate('2000-02-29')).toBe(true); // divisible by 400
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
    expect(isIsoDate('2026-01-01T00:00:00Z')).toBe(false);
    expect(() => daysBetween('2026-02-30', '2026-03-01')).toThrow(RangeError);
  });

  it('counts days in [from, to)', () => {
    expect(daysBetween('2026-03-17', '2026-04-01')).toBe(15); // 17..31 March
    expect(daysBetween('2026-03-01', '2026-04-01')).toBe(31);
    expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
    expect(daysBetween('2026-04-01', '2026-03-17')).toBe(-15);
    expect(daysBetween('2000-01-01', '2001-01-01')).toBe(366);
    expect(daysBetween('1900-01-01', '1901-01-01')).toBe(365);
    // 56 years of 365 days plus the 14 leap days 1972, 1976, ..., 2024
    expect(daysBetween('1970-01-01', '2026-01-01')).toBe(56 * 365 + 14);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('adds months, clamping to the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', 36)).toBe('2029-01-15');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    // Clamping is lossy, which is why billing days stop at 28:
    expect(addMonths(addMonths('2026-01-31', 1), 1)).toBe('2026-03-28');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });
});

describe('periodContaining', () => {
  it('finds the monthly period from billing day to billing day', () => {
    expect(periodContaining('2026-03-17', monthlyOnThe1st)).toEqual({ start: '2026-03-01', end: '2026-04-01' });
    expect(periodContaining('2026-03-01', monthlyOnThe1st)).toEqual({ start: '2026-03-01', end: '2026-04-01' });
    expect(periodContaining('2026-03-31', monthlyOnThe1st)).toEqual({ start: '2026-03-01', end: '2026-04-01' });
    const onThe15th = { billingDay: 15, periodMonths: 1 };
    expect(periodContaining('2026-12-20', onThe15th)).toEqual({ start: '2026-12-15', end: '2027-01-15' });
    expect(periodContaining('2027-01-14', onThe15th)).toEqual({ start: '2026-12-15', end: '2027-01-15' });
  });

  it('handles billing day 28 through February, in common and leap years', () => {
    expect(periodContaining('2026-02-27', monthlyOnThe28th)).toEqual({ start: '2026-01-28', end: '2026-02-28' });
    const february2026 = periodContaining('2026-02-28', monthlyOnThe28th);
    expect(february2026).toEqual({ start: '2026-02-28', end: '2026-03-28' });
    expect(periodDays(february2026)).toBe(28);
    const february2028 = periodContaining('2028-02-29', monthlyOnThe28th);
    expect(february2028).toEqual({ start: '2028-02-28', end: '2028-03-28' });
    expect(periodDays(february2028)).toBe(29);
    expect(periodContaining('2026-01-28', monthlyOnThe28th)).toEqual({ start: '2026-01-28', end: '2026-02-28' });
    expect(periodDays({ start: '2026-01-28', end: '2026-02-28' })).toBe(31);
  });

  it('places quarterly periods by the anchor', () => {
    const quarterlyFromApril = { billingDay: 1, periodMonths: 3, anchor: '2026-04-01' };
    const q1 = periodContaining('2026-03-17', quarterlyFromApril);
    expect(q1).toEqual({ start: '2026-01-01', end: '2026-04-01' });
    expect(periodDays(q1)).toBe(90); // 31 + 28 + 31
    expect(periodContaining('2026-04-01', quarterlyFromApril)).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    const leapQuarter = periodContaining('2028-02-10', quarterlyFromApril);
    expect(leapQuarter).toEqual({ start: '2028-01-01', end: '2028-04-01' });
    expect(periodDays(leapQuarter)).toBe(91); // 31 + 29 + 31

    const quarterlyFromFebruary = { billingDay: 1, periodMonths: 3, anchor: '2026-02-01' };
    expect(periodContaining('2026-03-17', quarterlyFromFebruary)).toEqual({ start: '2026-02-01', end: '2026-05-01' });
  });

  it('handles 36-month periods, each holding one 29 February', () => {
    const threeYearly = { billingDay: 10, periodMonths: 36, anchor: '2026-05-10' };
    const current = periodContaining('2029-05-09', threeYearly);
    expect(current).toEqual({ start: '2026-05-10', end: '2029-05-10' });
    expect(periodDays(current)).toBe(3 * 365 + 1); // includes 2028-02-29
    expect(periodContaining('2029-05-10', threeYearly)).toEqual({ start: '2029-05-10', end: '2032-05-10' });
    expect(periodContaining('2026-05-09', threeYearly)).toEqual({ start: '2023-05-10', end: '2026-05-10' });
  });

  it('handles a yearly period on 28 February across a leap year', () => {
    const yearly = { billingDay: 28, periodMonths: 12, anchor: '2027-02-28' };
    const leapYear = periodContaining('2028-02-29', yearly);
    expect(leapYear).toEqual({ start: '2028-02-28', end: '2029-02-28' });
    expect(periodDays(leapYear)).toBe(366);
    expect(periodDays(periodContaining('2027-03-01', yearly))).toBe(365);
  });

  it('rejects cycles outside the rules', () => {
    expect(() => periodContaining('2026-03-17', { billingDay: 29, periodMonths: 1 })).toThrow(RangeError);
    expect(() => periodContaining('2026-03-17', { billingDay: 0, periodMonths: 1 })).toThrow(RangeError);
    expect(() => periodContaining('2026-03-17', { billingDay: 1.5, periodMonths: 1 })).toThrow(RangeError);
    expect(() => periodContaining('2026-03-17', { billingDay: 1, periodMonths: 0 })).toThrow(RangeError);
    expect(() => periodContaining('2026-03-17', { billingDay: 1, periodMonths: 37 })).toThrow(RangeError);
    expect(() => periodContaining('2026-03-17', { billingDay: 1, periodMonths: 3 })).toThrow(/anchor/);
    expect(() => periodContaining('2026-03-17', { billingDay: 1, periodMonths: 3, anchor: '2026-04-02' })).toThrow(/billing day/);
  });
});

describe('nextPeriod', () => {
  it('starts where the last one ended', () => {
    expect(nextPeriod({ start: '2026-03-01', end: '2026-04-01' }, monthlyOnThe1st)).toEqual({
      start: '2026-04-01',
      end: '2026-05-01',
    });
    expect(nextPeriod({ start: '2026-12-28', end: '2027-01-28' }, monthlyOnThe28th)).toEqual({
      start: '2027-01-28',
      end: '2027-02-28',
    });
    // after the first, pro-rated period
    expect(nextPeriod({ start: '2026-03-17', end: '2026-04-01' }, monthlyOnThe1st)).toEqual({
      start: '2026-04-01',
      end: '2026-05-01',
    });
  });

  it('refuses a period that does not end on a period boundary', () => {
    expect(() => nextPeriod({ start: '2026-03-01', end: '2026-03-31' }, monthlyOnThe1st)).toThrow(RangeError);
    const quarterly = { billingDay: 1, periodMonths: 3, anchor: '2026-04-01' };
    expect(() => nextPeriod({ start: '2026-04-01', end: '2026-05-01' }, quarterly)).toThrow(RangeError);
  });
});

describe('firstPeriodFor', () => {
  it('runs from the opening day to the next billing day, as part of the regular period ending there', () => {
    expect(firstPeriodFor('2026-03-17', monthlyOnThe1st)).toEqual({
      start: '2026-03-17',
      end: '2026-04-01',
      regularPeriod: { start: '2026-03-01', end: '2026-04-01' },
    });
    expect(firstPeriodFor('2026-03-10', { billingDay: 15, periodMonths: 1 })).toEqual({
      start: '2026-03-10',
      end: '2026-03-15',
      regularPeriod: { start: '2026-02-15', end: '2026-03-15' },
    });
    expect(firstPeriodFor('2026-01-31', monthlyOnThe28th)).toEqual({
      start: '2026-01-31',
      end: '2026-02-28',
      regularPeriod: { start: '2026-01-28', end: '2026-02-28' },
    });
    expect(firstPeriodFor('2028-02-29', monthlyOnThe28th)).toEqual({
      start: '2028-02-29',
      end: '2028-03-28',
      regularPeriod: { start: '2028-02-28', end: '2028-03-28' },
    });
    expect(firstPeriodFor('2026-12-20', { billingDay: 5, periodMonths: 1 })).toEqual({
      start: '2026-12-20',
      end: '2027-01-05',
      regularPeriod: { start: '2026-12-05', end: '2027-01-05' },
    });
  });

  it('is a full regular period when the account opens on its billing day', () => {
    const first = firstPeriodFor('2026-03-01', monthlyOnThe1st);
    expect(first).toEqual({ start: '2026-03-01', end: '2026-04-01', regularPeriod: { start: '2026-03-01', end: '2026-04-01' } });
    expect(firstPeriodFor('2026-03-01', { billingDay: 1, periodMonths: 12 }).end).toBe('2027-03-01');
  });

  it('gives longer cycles a first period up to the next billing day, then anchors them there', () => {
    const quarterly = { billingDay: 1, periodMonths: 3 };
    const first = firstPeriodFor('2026-03-17', quarterly);
    expect(first).toEqual({ start: '2026-03-17', end: '2026-04-01', regularPeriod: { start: '2026-01-01', end: '2026-04-01' } });
    const anchored = { ...quarterly, anchor: first.end };
    const second = nextPeriod(first, anchored);
    expect(second).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    expect(nextPeriod(second, anchored)).toEqual({ start: '2026-07-01', end: '2026-10-01' });
  });
});

describe('properties', () => {
  const epoch1900 = daysBetween('1970-01-01', '1900-01-01');
  const epoch2200 = daysBetween('1970-01-01', '2200-12-31');
  const anyDate = fc.integer({ min: epoch1900, max: epoch2200 }).map((day) => addDays('1970-01-01', day));
  const anyCycle = fc
    .record({
      billingDay: fc.integer({ min: 1, max: 28 }),
      periodMonths: fc.integer({ min: 1, max: 36 }),
      anchorYear: fc.integer({ min: 1950, max: 2150 }),
      anchorMonth: fc.integer({ min: 1, max: 12 }),
    })
    .map(
      ({ billingDay, periodMonths, anchorYear, anchorMonth }): BillingCycle => ({
        billingDay,
        periodMonths,
        anchor: `${anchorYear}-${String(anchorMonth).padStart(2, '0')}-${String(billingDay).padStart(2, '0')}`,
      }),
    );

  it('periods tile time: each contains its days, the next starts where it ends, no gaps, no overlaps', () => {
    fc.assert(
      fc.property(anyDate, anyCycle, (date, cycle) => {
        let period: BillingPeriod = periodContaining(date, cycle);
        expect(daysBetween(period.start, date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(date, period.end)).toBeGreaterThan(0);
        for (let i = 0; i < 6; i++) {
          expect(periodContaining(period.start, cycle)).toEqual(period);
          expect(periodContaining(addDays(period.end, -1), cycle)).toEqual(period);
          expect(addMonths(period.start, cycle.periodMonths)).toBe(period.end);
          const next = nextPeriod(period, cycle);
          expect(next.start).toBe(period.end);
          expect(periodContaining(period.end, cycle)).toEqual(next);
          period = next;
        }
      }),
    );
  });

  it('the periods of any two dates are the same period or do not overlap', () => {
    fc.assert(
      fc.property(anyDate, anyDate, anyCycle, (a, b, cycle) => {
        const [first, second] = [periodContaining(a, cycle), periodContaining(b, cycle)];
        const same = first.start === second.start && first.end === second.end;
        const disjoint = daysBetween(first.end, second.start) >= 0 || daysBetween(second.end, first.start) >= 0;
        expect(same !== disjoint).toBe(true);
      }),
    );
  });

  it('the first period is the tail of its regular period, and the cycle anchored at its end continues it', () => {
    fc.assert(
      fc.property(anyDate, anyCycle, (openedOn, { billingDay, periodMonths }) => {
        const first = firstPeriodFor(openedOn, { billingDay, periodMonths });
        expect(first.start).toBe(openedOn);
        expect(first.end).toBe(first.regularPeriod.end);
        expect(daysBetween(first.regularPeriod.start, first.start)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(first.start, first.end)).toBeGreaterThan(0);
        // Never longer than a month, unless it is a whole regular period.
        if (first.start !== first.regularPeriod.start) expect(daysBetween(first.start, first.end)).toBeLessThanOrEqual(31);
        const anchored = { billingDay, periodMonths, anchor: first.end };
        expect(periodContaining(addDays(first.end, -1), anchored)).toEqual(first.regularPeriod);
        expect(nextPeriod(first, anchored).start).toBe(first.end);
      }),
    );
  });

  it('day counting agrees with addDays and with the UTC clock', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
        const [year, month, day] = date.split('-').map(Number);
        expect(daysBetween('1970-01-01', date)).toBe(Date.UTC(year, month - 1, day) / 86_400_000);
      }),
    );
  });
});
