// Tax on invoice lines.
//
// Rounding rule: tax is computed per line, as amount × rate exactly, then rounded once,
// half away from zero (so a credit line's tax is exactly the negation of the charge's).
// Totals are the sums of the lines' rounded taxes, never a re-computation on the total:
// the invoice, the tax summary and an accounting export (Xero, QuickBooks) then agree to the
// cent, line by line. The price of that choice: total tax can differ from "rate × total" by
// up to half a cent per line (plus half a cent for rounding the total), which is accepted.
//
// Rates are basis points of a percent: GST 10% = 1000 bp, 12.5% = 1250 bp.

import { assertCents, checkedCents, divideHalfAwayFromZero, sumCents } from '../../../shared/money.js';

/** Basis points, or 'exempt' for a line outside the tax (reported apart from a 0% rate). */
export type TaxRate = number | 'exempt';

export type TaxableLine = {
  readonly amountCents: number;
  /** The tax code as mapped from ConnectWise (e.g. 'GST', 'FRE'); one code has one rate. */
  readonly taxCode: string;
  readonly rateBasisPoints: TaxRate;
};

export type TaxCodeSummary = {
  readonly taxCode: string;
  readonly rateBasisPoints: TaxRate;
  readonly lineCount: number;
  readonly netCents: number;
  /** The sum of the lines' rounded taxes. */
  readonly taxCents: number;
};

export type TaxSummary = {
  /** One entry per tax code, in the order each code first appears on the lines. */
  readonly byTaxCode: readonly TaxCodeSummary[];
  readonly netCents: number;
  readonly taxCents: number;
  readonly grossCents: number;
};

const BASIS_POINTS_PER_WHOLE = 10_000n;

/** amountCents × rate / 10 000, rounded once, half away from zero; 'exempt' → 0. */
export function taxForLine(amountCents: number, rateBasisPoints: TaxRate): number {
  assertCents(amountCents);
  if (rateBasisPoints === 'exempt') return 0;
  assertRate(rateBasisPoints);
  // Per line, half away from zero: 1005 cents at 10% = 100.5 → 101; -1005 → -101.
  return checkedCents(divideHalfAwayFromZero(BigInt(amountCents) * BigInt(rateBasisPoints), BASIS_POINTS_PER_WHOLE));
}

function assertRate(rateBasisPoints: number): void {
  if (!Number.isSafeInteger(rateBasisPoints) || rateBasisPoints < 0) {
    throw new RangeError(`A tax rate is a non-negative integer of basis points (GST 10% = 1000), got ${rateBasisPoints}`);
  }
}

/** Groups lines by tax code; every total is the exact sum of the per-line figures. */
export function taxSummary(lines: readonly TaxableLine[]): TaxSummary {
  const groups = new Map<string, { rateBasisPoints: TaxRate; netCents: number[]; taxCents: number[] }>();
  for (const line of lines) {
    const group = groups.get(line.taxCode);
    const lineTax = taxForLine(line.amountCents, line.rateBasisPoints);
    if (group === undefined) {
      groups.set(line.taxCode, { rateBasisPoints: line.rateBasisPoints, netCents: [line.amountCents], taxCents: [lineTax] });
      continue;
    }
    if (group.rateBasisPoints !== line.rateBasisPoints) {
      // Two rates under one code is a mapping mistake; summing them would hide it.
      throw new RangeError(`Tax code ${line.taxCode} has two rates on one invoice: ${group.rateBasisPoints} and ${line.rateBasisPoints}`);
    }
    group.netCents.push(line.amountCents);
    group.taxCents.push(lineTax);
  }

  const byTaxCode = [...groups].map(([taxCode, group]) => ({
    taxCode,
    rateBasisPoints: group.rateBasisPoints,
    lineCount: group.netCents.length,
    netCents: sumCents(group.netCents),
    taxCents: sumCents(group.taxCents),
  }));
  const netCents = sumCents(byTaxCode.map((summary) => summary.netCents));
  const taxCents = sumCents(byTaxCode.map((summary) => summary.taxCents));
  return { byTaxCode, netCents, taxCents, grossCents: sumCents([netCents, taxCents]) };
}
