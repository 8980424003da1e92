// Quantity and unit price for a target that multiplies them itself (Xero, QuickBooks). When our
// rounded amount is exactly what quantity × price gives, both are sent; otherwise (an inclusion
// absorbed part of the quantity, or a price with more precision than cents) the line goes as
// 1 × amount, so the target can never compute a different cent.

import { centsToDecimalString, lineAmountCents } from '../../../shared/money.js';
import type { ExportLine } from './export-invoice.js';

export type TargetQuantity = { readonly quantity: string; readonly unitAmount: string };

/** `digits`: the minor unit of the invoice's currency (minorUnitDigits): 0 for JPY, 3 for BHD. */
export function targetQuantity(line: ExportLine, digits: number): TargetQuantity {
  const chargedMilli = line.quantityMilli - line.includedQuantityMilli;
  if (chargedMilli !== 0 && lineAmountCents(line.unitPriceCents, chargedMilli) === line.amountCents) {
    return { quantity: milliToDecimal(chargedMilli), unitAmount: centsToDecimalString(line.unitPriceCents, digits) };
  }
  return { quantity: '1', unitAmount: centsToDecimalString(line.amountCents, digits) };
}

function milliToDecimal(milli: number): string {
  return centsToDecimalString(milli, 3).replace(/\.?0+$/, '') || '0';
}
