// Money as integer minor units ("cents"), exact arithmetic only.
//
// Rules every billing module relies on:
// - An amount is a safe integer count of the currency's minor unit, named `...Cents`
//   and carried beside its ISO 4217 `currency`. No floats ever hold money. "Cents" is only
//   the name: the minor unit is ISO 4217's for the currency (shared/iso-4217.ts), so 1234
//   is $12.34 in AUD, ¥1,234 in JPY and 1.234 dinars in BHD (docs/money.md).
// - Products of price × quantity (and the ratios of proration and tax) are computed
//   exactly as integer fractions (BigInt, so no intermediate can overflow or lose digits)
//   and rounded ONCE, where the line is made.
// - The line rounding rule is half away from zero: 2.5 → 3, -2.5 → -3, 2.49 → 2.
//   It is symmetric, so a credit line is exactly the negation of the charge it reverses,
//   which half-up or half-even-towards-+∞ rules would not give.
// - Quantities are integer thousandths (`quantityMilli`): 1.25 hours = 1250, 3 seats = 3000.
//   ConnectWise hours have two decimals and catalog quantities rarely more, so thousandths
//   hold every real quantity exactly while staying a plain integer that fits a SQL column.
//   A quantity with a finer part is rejected rather than rounded, because rounding the
//   quantity and then the line would be two roundings.

import { ISO_4217_MINOR_UNITS } from './iso-4217.js';

export type CurrencyCode = string;

export type Money = {
  readonly amountCents: number;
  readonly currency: CurrencyCode;
};

/** A base-10 number as text, e.g. "0.73", "-12.5", "1e-7" (what `String(aFloat)` can give). */
export type DecimalString = string;

/** An exact quantity `num / den`, e.g. 2/3 of an hour. Both safe integers, `den` > 0. */
export type Rational = { readonly num: number; readonly den: number };

export class CurrencyMismatchError extends Error {
  override readonly name = 'CurrencyMismatchError';
  constructor(
    readonly expected: CurrencyCode,
    readonly actual: CurrencyCode,
  ) {
    super(`Cannot combine ${actual} with ${expected}: amounts in different currencies never mix`);
  }
}

// ---------------------------------------------------------------------------
// Construction and validation

const ISO_4217_SHAPE = /^[A-Z]{3}$/;

/**
 * Checks the shape of an ISO 4217 code only, because stored amounts keep the code they were
 * made in even after ISO withdraws it (ANG, BGN). Which codes new input may use is
 * `isIsoCurrency` (shared/iso-4217.ts), checked where input arrives (CurrencySchema).
 */
export function assertCurrencyCode(currency: string): asserts currency is CurrencyCode {
  if (!ISO_4217_SHAPE.test(currency)) {
    throw new RangeError(`Currency must be a three-letter ISO 4217 code in capitals, got ${JSON.stringify(currency)}`);
  }
}

export function assertCents(amountCents: number, what = 'amountCents'): void {
  if (!Number.isSafeInteger(amountCents)) {
    throw new RangeError(`${what} must be a safe integer number of minor units, got ${amountCents}`);
  }
}

export function money(amountCents: number, currency: string): Money {
  assertCents(amountCents);
  assertCurrencyCode(currency);
  return Object.freeze({ amountCents, currency });
}

export function zeroMoney(currency: string): Money {
  return money(0, currency);
}

/** `moneyFromDecimal("12.34", "AUD")` → 1234 cents; digits beyond the minor unit round half away from zero. */
export function moneyFromDecimal(decimal: DecimalString, currency: string): Money {
  assertCurrencyCode(currency);
  return money(parseDecimalToCents(decimal, minorUnitDigits(currency)), currency);
}

// ---------------------------------------------------------------------------
// Adding up (same currency only)

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a.currency, b.currency);
  return money(checkedCents(BigInt(a.amountCents) + BigInt(b.amountCents)), a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a.currency, b.currency);
  return money(checkedCents(BigInt(a.amountCents) - BigInt(b.amountCents)), a.currency);
}

/** The currency is explicit so that the sum of no amounts is still a typed zero. */
export function sumMoney(amounts: readonly Money[], currency: string): Money {
  assertCurrencyCode(currency);
  for (const amount of amounts) assertSameCurrency(currency, amount.currency);
  return money(sumCents(amounts.map((amount) => amount.amountCents)), currency);
}

/** Exact sum of cent amounts; throws rather than return an unsafe (inexact) integer. */
export function sumCents(values: readonly number[]): number {
  let total = 0n;
  for (const value of values) {
    assertCents(value, 'each summed value');
    total += BigInt(value);
  }
  return checkedCents(total);
}

function assertSameCurrency(expected: CurrencyCode, actual: CurrencyCode): void {
  if (expected !== actual) throw new CurrencyMismatchError(expected, actual);
}

// ---------------------------------------------------------------------------
// Exact division with one rounding (shared by quantity, proration and tax)

/**
 * `numerator / denominator` rounded half away from zero: the line rounding rule.
 * Ties go to the larger magnitude; the sign is applied afterwards, so f(-x) = -f(x).
 */
export function divideHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = n / d;
  const remainder = n % d;
  const magnitude = remainder * 2n >= d ? quotient + 1n : quotient;
  return negative ? -magnitude : magnitude;
}

/** `numerator / denominator` with the fraction dropped (rounded toward zero), as BigInt division does. */
export function divideTowardZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('Division by zero');
  return numerator / denominator;
}

/** Converts an exact BigInt result back to a number, refusing anything outside the safe-integer range. */
export function checkedCents(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Amount ${value} is outside the safe-integer range of cents`);
  }
  return Number(value);
}

// ---------------------------------------------------------------------------
// Decimal text → exact fraction

type ExactFraction = { num: bigint; den: bigint };

const DECIMAL_SHAPE = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
// Floats print exponents up to ±324; anything far beyond is not a real amount, and
// refusing it keeps 10n ** exponent from becoming an attack on memory.
const MAX_DECIMAL_EXPONENT = 400;

function parseExactDecimal(decimal: DecimalString): ExactFraction {
  const match = DECIMAL_SHAPE.exec(decimal);
  if (!match) throw new RangeError(`Not a decimal number: ${JSON.stringify(decimal)}`);
  const [, sign, integerDigits = '', fractionAfterInteger = '', fractionAlone = '', exponentText = '0'] = match;
  const fractionDigits = fractionAfterInteger || fractionAlone;
  const exponent = Number(exponentText) - fractionDigits.length;
  if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
    throw new RangeError(`Decimal exponent out of range: ${JSON.stringify(decimal)}`);
  }
  const digits = BigInt(integerDigits + fractionDigits || '0');
  const signed = sign === '-' ? -digits : digits;
  return exponent >= 0 ? { num: signed * 10n ** BigInt(exponent), den: 1n } : { num: signed, den: 10n ** BigInt(-exponent) };
}

/**
 * Exact decimal text to minor units, e.g. ConnectWise's float `12.345` sent as "12.345":
 * `parseDecimalToCents("12.345", 2)` → 1235. The text is read as an exact decimal (never
 * through a float); digits beyond `digits` are rounded once, half away from zero.
 * Accepts an optional sign, a fraction and an exponent ("1.5e-7"); rejects blanks, spaces,
 * "NaN", "Infinity" and separators.
 */
export function parseDecimalToCents(decimal: DecimalString, digits: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`digits must be an integer from 0 to 20, got ${digits}`);
  }
  const { num, den } = parseExactDecimal(decimal);
  return checkedCents(divideHalfAwayFromZero(num * 10n ** BigInt(digits), den));
}

// ---------------------------------------------------------------------------
// Quantities and lines

export const MILLI_PER_UNIT = 1000;

/**
 * "1.25" → 1250. Exact: a quantity with more than three decimals (after any exponent) is
 * rejected, since rounding it here would round the line twice. Use `multiplyRate` with the
 * decimal text instead when such a quantity is legitimate.
 */
export function parseQuantityMilli(decimal: DecimalString): number {
  const { num, den } = parseExactDecimal(decimal);
  const scaled = num * BigInt(MILLI_PER_UNIT);
  if (scaled % den !== 0n) {
    throw new RangeError(`Quantity ${JSON.stringify(decimal)} has more than three decimals`);
  }
  const quantityMilli = scaled / den;
  if (quantityMilli > BigInt(Number.MAX_SAFE_INTEGER) || quantityMilli < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`Quantity ${JSON.stringify(decimal)} is out of range`);
  }
  return Number(quantityMilli);
}

export function assertQuantityMilli(quantityMilli: number): void {
  if (!Number.isSafeInteger(quantityMilli)) {
    throw new RangeError(`quantityMilli must be a safe integer (thousandths), got ${quantityMilli}`);
  }
}

/**
 * Unit price × quantity, rounded once, half away from zero.
 * `quantity` is exact decimal text ("0.73") or a fraction ({num: 2, den: 3}).
 * 1999 cents × "0.73" = 1459.27 → 1459; 1999 × "1.5" = 2998.5 → 2999; -1999 × "1.5" → -2999.
 */
export function multiplyRate(unitPriceCents: number, quantity: DecimalString | Rational): number {
  assertCents(unitPriceCents, 'unitPriceCents');
  const { num, den } = typeof quantity === 'string' ? parseExactDecimal(quantity) : exactRational(quantity);
  return checkedCents(divideHalfAwayFromZero(BigInt(unitPriceCents) * num, den));
}

/** The line amount for a quantity in thousandths: unitPriceCents × quantityMilli / 1000, rounded once, half away from zero. */
export function lineAmountCents(unitPriceCents: number, quantityMilli: number): number {
  assertQuantityMilli(quantityMilli);
  return multiplyRate(unitPriceCents, { num: quantityMilli, den: MILLI_PER_UNIT });
}

function exactRational({ num, den }: Rational): ExactFraction {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) {
    throw new RangeError(`A rational quantity needs safe-integer num and a positive safe-integer den, got ${num}/${den}`);
  }
  return { num: BigInt(num), den: BigInt(den) };
}

// ---------------------------------------------------------------------------
// Splitting an amount

/**
 * Splits `amountCents` in proportion to `weights` without losing or inventing a cent
 * (largest remainder method): every share gets its proportional part rounded toward zero,
 * then the cents left over go one each to the shares with the largest dropped fractions;
 * equal fractions go to the earlier share, so the result is deterministic. A negative
 * amount is split as its magnitude and negated, so credits split like charges.
 * Weights are non-negative safe integers (cents, days, seats...) with a positive sum;
 * a zero weight always gets exactly 0.
 */
export function allocate(amountCents: number, weights: readonly number[]): number[] {
  assertCents(amountCents);
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  for (const weight of weights) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(`Weights must be non-negative safe integers, got ${weight}`);
    }
  }
  const totalWeight = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (totalWeight === 0n) throw new RangeError('allocate needs at least one positive weight');

  const magnitude = BigInt(Math.abs(amountCents));
  const shares = weights.map((weight) => {
    const exact = magnitude * BigInt(weight);
    return { floor: exact / totalWeight, droppedFraction: exact % totalWeight };
  });
  let leftoverCents = magnitude - shares.reduce((sum, share) => sum + share.floor, 0n);

  const byLargestRemainder = shares
    .map((share, index) => ({ index, droppedFraction: share.droppedFraction }))
    .sort((a, b) => (a.droppedFraction === b.droppedFraction ? a.index - b.index : a.droppedFraction > b.droppedFraction ? -1 : 1));
  const result = shares.map((share) => share.floor);
  for (const { index } of byLargestRemainder) {
    if (leftoverCents === 0n) break;
    result[index] += 1n;
    leftoverCents -= 1n;
  }
  const sign = amountCents < 0 ? -1 : 1;
  // `+ 0` turns the -0 of a negated zero share into 0, so results compare equal to 0.
  return result.map((cents) => sign * Number(cents) + 0);
}

// ---------------------------------------------------------------------------
// Display

/**
 * Digits of the currency's minor unit, as ISO 4217 List One gives them: AUD 2, JPY 0, BHD 3
 * (never CLDR's display digits where they differ: IQD is 3, IDR 2; docs/money.md). A code
 * withdrawn from List One (amounts stored before it was) falls back to what Intl knows of it.
 */
export function minorUnitDigits(currency: string): number {
  const iso = ISO_4217_MINOR_UNITS.get(currency);
  if (iso !== undefined) return iso;
  let digits = minorDigitsByCurrency.get(currency);
  if (digits === undefined) {
    assertCurrencyCode(currency);
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    minorDigitsByCurrency.set(currency, digits);
  }
  return digits;
}

// Building an Intl.NumberFormat costs tens of microseconds; a sync formats two amounts per
// time entry (100,000 entries = seconds), so each one is built once per currency and locale.
const minorDigitsByCurrency = new Map<string, number>();
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * For display only: `formatMoney(money(123456, 'AUD'), 'en-AU')` → "$1,234.56",
 * `formatMoney(money(1234, 'JPY'), 'en-US')` → "¥1,234", BHD 1234 → "BHD 1.234".
 * Always the minor unit's digits, even where CLDR would show fewer: an amount is never
 * rounded for display.
 * The amount is handed to Intl as exact decimal text, so even amounts beyond a float's
 * precision print every digit. Defaults to en-AU (the home market) so servers in other
 * locales render the same invoice the same way.
 */
export function formatMoney(amount: Money, locale = 'en-AU'): string {
  // A sync explains 100,000 time entries with a few hundred distinct rates and amounts:
  // Intl's format is most of the cost, so the text of each recent amount is kept (bounded).
  const memoKey = `${locale}|${amount.currency}|${amount.amountCents}`;
  const known = formatted.get(memoKey);
  if (known !== undefined) return known;
  const digits = minorUnitDigits(amount.currency);
  const key = `${locale}|${amount.currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: amount.currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  const text = formatter.format(centsToDecimalString(amount.amountCents, digits));
  if (formatted.size >= 10_000) formatted.clear();
  formatted.set(memoKey, text);
  return text;
}
const formatted = new Map<string, string>();

/** 123456 with 2 digits → "1234.56"; -5 → "-0.05". Exact. */
export function centsToDecimalString(amountCents: number, digits: number): `${number}` {
  assertCents(amountCents);
  const magnitude = Math.abs(amountCents)
    .toString()
    .padStart(digits + 1, '0');
  const integerPart = magnitude.slice(0, magnitude.length - digits);
  const fractionPart = magnitude.slice(magnitude.length - digits);
  const sign = amountCents < 0 ? '-' : '';
  return (digits === 0 ? `${sign}${integerPart}` : `${sign}${integerPart}.${fractionPart}`) as `${number}`;
}
