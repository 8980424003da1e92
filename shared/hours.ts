import { centsToDecimalString } from './money.js';

/** Hours held in thousandths (1250 = 1.25 h), shown with two to three decimals: "1.25", "0.733", "2.00". */
export function formatHoursMilli(quantityMilli: number): string {
  const text = centsToDecimalString(quantityMilli, 3);
  return text.endsWith('0') ? text.slice(0, -1) : text;
}
