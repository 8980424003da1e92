import { describe, expect, it } from 'vitest';
import { actualHoursBetween, billedHours, extendedInvoiceAmount, timeEntryHourlyRate } from './time-entry-billing.js';

const minutes = (n: number) => n * 60_000;

describe('actualHoursBetween', () => {
  it('gives hours to 2 decimals, as samples/time-entry.json shows (14:00 to 14:44 is 0.73)', () => {
    expect(actualHoursBetween(0, minutes(44))).toBe(0.73);
    expect(actualHoursBetween(0, minutes(90))).toBe(1.5);
    expect(actualHoursBetween(0, minutes(10))).toBe(0.17);
  });
});

describe('billedHours', () => {
  it('rounds up to the work type step', () => {
    expect(billedHours(0.73, { roundBillHoursTo: 0.25 })).toBe(0.75);
    expect(billedHours(0.76, { roundBillHoursTo: 0.25 })).toBe(1);
    expect(billedHours(1.5, { roundBillHoursTo: 0.25 })).toBe(1.5);
    expect(billedHours(0.73, { roundBillHoursTo: 1 })).toBe(1); // the sample: 0.73 actual → 1.0 billed
  });

  it('raises to the minimum before rounding, and caps at the maximum when set', () => {
    expect(billedHours(0.17, { hoursMin: 0.5, roundBillHoursTo: 0.25 })).toBe(0.5);
    expect(billedHours(0.67, { hoursMin: 0.5, roundBillHoursTo: 0.25 })).toBe(0.75);
    expect(billedHours(0.2, { hoursMin: 1, roundBillHoursTo: 0.5 })).toBe(1);
    expect(billedHours(9.2, { hoursMin: 1, hoursMax: 8, roundBillHoursTo: 0.5 })).toBe(8);
    expect(billedHours(9.2, { hoursMax: 0 })).toBe(9.2);
  });

  it('bills actual hours when the work type has no minimum or step, less any deduction', () => {
    expect(billedHours(0.73, {})).toBe(0.73);
    expect(billedHours(2, { roundBillHoursTo: 0 }, 0.5)).toBe(1.5);
  });
});

describe('timeEntryHourlyRate', () => {
  const technician = { hourlyRate: 140 };
  it('multiplies the role rate for Multiplier work types', () => {
    expect(timeEntryHourlyRate(technician, { rateType: 'Multiplier', rate: 1 })).toBe(140);
    expect(timeEntryHourlyRate({ hourlyRate: 175 }, { rateType: 'Multiplier', rate: 1.5 })).toBe(262.5);
  });
  it('adds the amount for AdjAmount work types (which may lower the rate)', () => {
    expect(timeEntryHourlyRate(technician, { rateType: 'AdjAmount', rate: -15 })).toBe(125);
    expect(timeEntryHourlyRate(technician, { rateType: 'AdjAmount', rate: -500 })).toBe(0);
  });
  it('uses the work type rate itself for Custom work types', () => {
    expect(timeEntryHourlyRate(technician, { rateType: 'Custom', rate: 185 })).toBe(185);
  });
  it('rounds to cents', () => {
    expect(timeEntryHourlyRate({ hourlyRate: 99.99 }, { rateType: 'Multiplier', rate: 1.5 })).toBe(149.99);
  });
});

describe('extendedInvoiceAmount', () => {
  it('is invoice hours × rate, to the cent (docs/connectwise/records.md#time-entries samples)', () => {
    expect(extendedInvoiceAmount(1, 23800)).toBe(23800);
    expect(extendedInvoiceAmount(2.5, 23900)).toBe(59750);
    expect(extendedInvoiceAmount(0.75, 262.5)).toBe(196.88);
    expect(extendedInvoiceAmount(0.33, 123.45)).toBe(40.74);
  });
});
