/**
 * How a time entry's billed hours and rate follow from its work type and work role.
 * Work-type fields are Manage's (`rateType` Multiplier | AdjAmount | Custom, `rate`,
 * `hoursMin`, `hoursMax`, `roundBillHoursTo`: docs/connectwise/records.md#work-types-and-work-roles);
 * the arithmetic below is our model of it — inferred: Manage does not
 * publish the exact formula (docs/connectwise/records.md#how-the-rate-is-derived).
 *
 * All arithmetic runs in integers (hundredths of an hour, cents) and rounds once.
 */

export interface WorkTypeBillingRules {
  rateType?: 'AdjAmount' | 'Custom' | 'Multiplier' | null;
  rate?: number | null;
  hoursMin?: number | null;
  hoursMax?: number | null;
  roundBillHoursTo?: number | null;
}

export interface WorkRoleRate {
  hourlyRate?: number | null;
}

/** Hours worked between two instants, to 2 decimals as Manage shows them (14:00→14:44 is 0.73: samples/time-entry.json). */
export function actualHoursBetween(startMs: number, endMs: number): number {
  const minutes = Math.round((endMs - startMs) / 60_000);
  return Math.round((minutes * 100) / 60) / 100;
}

/**
 * `hoursBilled` / `invoiceHours`: the actual hours (less `hoursDeduct`), raised to the work
 * type's minimum, rounded UP to its `roundBillHoursTo` step, capped by `hoursMax` when that
 * is set (> 0). A step or minimum of 0 means "none". In the real sample 0.73 actual hours
 * became 1.0 billed.
 */
export function billedHours(actualHours: number, workType: WorkTypeBillingRules, hoursDeduct = 0): number {
  let centi = Math.max(0, Math.round(actualHours * 100) - Math.round(hoursDeduct * 100));
  const minimum = Math.round((workType.hoursMin ?? 0) * 100);
  const step = Math.round((workType.roundBillHoursTo ?? 0) * 100);
  const maximum = Math.round((workType.hoursMax ?? 0) * 100);
  if (centi < minimum) centi = minimum;
  if (step > 0) centi = Math.ceil(centi / step) * step;
  if (maximum > 0 && centi > maximum) centi = maximum;
  return centi / 100;
}

/**
 * The hourly rate Manage defaults onto a new time entry. Our formula:
 *
 *   Multiplier: hourlyRate = workRole.hourlyRate × workType.rate
 *   AdjAmount:  hourlyRate = workRole.hourlyRate + workType.rate   (rate may be negative)
 *   Custom:     hourlyRate = workType.rate                          (replaces the role's rate)
 *
 * rounded to cents and never below zero. Agreement rate overrides and ticket `OverrideRate`
 * billing are not modelled.
 */
export function timeEntryHourlyRate(workRole: WorkRoleRate, workType: WorkTypeBillingRules): number {
  const roleCents = Math.round((workRole.hourlyRate ?? 0) * 100);
  const rate = workType.rate ?? 0;
  let cents: number;
  switch (workType.rateType) {
    case 'AdjAmount':
      cents = roleCents + Math.round(rate * 100);
      break;
    case 'Custom':
      cents = Math.round(rate * 100);
      break;
    default:
      cents = Math.round(roleCents * rate);
      break;
  }
  return Math.max(0, cents) / 100;
}

/** `extendedInvoiceAmount = invoiceHours × hourlyRate`, to the cent (1.0 × 23800 = 23800 in the sample; docs/connectwise/records.md#time-entries). */
export function extendedInvoiceAmount(invoiceHours: number, hourlyRate: number): number {
  const centiHours = Math.round(invoiceHours * 100);
  const rateCents = Math.round(hourlyRate * 100);
  return Math.round((centiHours * rateCents) / 100) / 100;
}
