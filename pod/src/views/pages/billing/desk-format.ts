import {
  centsToDecimalString,
  formatMoney,
  minorUnitDigits,
  parseDecimalToCents,
  parseQuantityMilli,
} from '../../../../../shared/money.js';

/** Reading and showing the billing desk's amounts, quantities and dates. */

export const money = (amountCents: number, currency: string) => formatMoney({ amountCents, currency });

/** 2000 → "2", 1500 → "1.5". */
export function quantity(quantityMilli: number): string {
  return centsToDecimalString(quantityMilli, 3).replace(/\.?0+$/, '');
}

/** Basis points as a percentage: 500 → "5%", 1250 → "12.5%". */
export const percent = (basisPoints: number) => `${centsToDecimalString(basisPoints, 2).replace(/\.?0+$/, '')}%`;

/**
 * A price typed in the currency's units ("99", "12.50") as minor units, or the sentence saying
 * what is wrong. More decimals than the currency has are refused rather than rounded: a price
 * the customer never agreed to would otherwise be billed.
 */
export function readAmount(text: string, currency: string, what: string): number | string {
  const digits = minorUnitDigits(currency);
  const trimmed = text.trim();
  if (!new RegExp(`^\\d{1,10}(\\.\\d{0,${digits}})?$`).test(trimmed))
    return `${what}: a positive amount in ${currency} with at most ${digits} decimals, e.g. ${centsToDecimalString(9900, digits)}.`;
  return parseDecimalToCents(trimmed, digits);
}

/** A quantity ("1", "2.5") as thousandths, or what is wrong; `positive` refuses zero. */
export function readQuantity(text: string, what: string, positive = true): number | string {
  const trimmed = text.trim();
  if (!/^\d{1,9}(\.\d{0,3})?$/.test(trimmed)) return `${what}: a number with at most three decimals, e.g. 1 or 2.5.`;
  const milli = parseQuantityMilli(trimmed);
  return positive && milli === 0 ? `${what} must be more than 0.` : milli;
}

/** A percentage ("5", "12.5") as basis points, or what is wrong. */
export function readPercent(text: string, what: string): number | string {
  const trimmed = text.trim();
  if (!/^\d{1,3}(\.\d{0,2})?$/.test(trimmed)) return `${what}: a percentage with at most two decimals, e.g. 5 or 12.5.`;
  const basisPoints = parseDecimalToCents(trimmed, 2);
  return basisPoints > 10_000 ? `${what} cannot be more than 100%.` : basisPoints;
}

/** The last day served of a range whose `end` is exclusive. */
export function lastDay(endExclusive: string): string {
  const date = new Date(`${endExclusive}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Today in the browser's zone, the default of date fields (the server checks every date it gets). */
export function today(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** The first and last day of the month holding `date`. */
export function monthOf(date: string): { from: string; to: string } {
  const [year, month] = date.split('-').map(Number);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: `${date.slice(0, 7)}-01`, to: `${date.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}
