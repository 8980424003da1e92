import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMoney,
  allocate,
  centsToDecimalString,
  CurrencyMismatchError,
  divideHalfAwayFromZero,
  formatMoney,
  lineAmountCents,
  minorUnitDigits,
  money,
  moneyFromDecimal,
  multiplyRate,
  parseDecimalToCents,
  parseQuantityMilli,
  subtractMoney,
  sumCents,
  sumMoney,
  zeroMoney,
} from './money.js';

describe('money()', () => {
  it('keeps integer cents beside an ISO 4217 code', () => {
    expect(money(1234, 'AUD')).toEqual({ amountCents: 1234, currency: 'AUD' });
    expect(money(-5, 'JPY')).toEqual({ amountCents: -5, currency: 'JPY' });
    expect(zeroMoney('USD')).toEqual({ amountCents: 0, currency: 'USD' });
  });

  it('rejects fractions of a cent and unsafe integers', () => {
    expect(() => money(12.5, 'AUD')).toThrow(RangeError);
    expect(() => money(Number.NaN, 'AUD')).toThrow(RangeError);
    expect(() => money(Number.POSITIVE_INFINITY, 'AUD')).toThrow(RangeError);
    expect(() => money(2 ** 53, 'AUD')).toThrow(RangeError);
    expect(money(Number.MAX_SAFE_INTEGER, 'AUD').amountCents).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('rejects currency codes that are not three capitals', () => {
    for (const bad of ['aud', 'AU', 'AUDD', '', 'A1D']) expect(() => money(1, bad)).toThrow(RangeError);
  });

  it('reads decimal text in the currency’s own minor unit', () => {
    expect(moneyFromDecimal('12.34', 'AUD')).toEqual({ amountCents: 1234, currency: 'AUD' });
    expect(moneyFromDecimal('1234', 'JPY')).toEqual({ amountCents: 1234, currency: 'JPY' });
    expect(moneyFromDecimal('1.2345', 'BHD')).toEqual({ amountCents: 1235, currency: 'BHD' }); // 1234.5 fils → 1235
  });
});

describe('adding up', () => {
  it('adds, subtracts and sums in one currency', () => {
    expect(addMoney(money(1999, 'AUD'), money(1, 'AUD'))).toEqual(money(2000, 'AUD'));
    expect(subtractMoney(money(1000, 'AUD'), money(2500, 'AUD'))).toEqual(money(-1500, 'AUD'));
    expect(sumMoney([money(100, 'AUD'), money(250, 'AUD'), money(-50, 'AUD')], 'AUD')).toEqual(money(300, 'AUD'));
    expect(sumMoney([], 'NZD')).toEqual(money(0, 'NZD'));
  });

  it('refuses to mix currencies', () => {
    expect(() => addMoney(money(1, 'AUD'), money(1, 'NZD'))).toThrow(CurrencyMismatchError);
    expect(() => subtractMoney(money(1, 'AUD'), money(1, 'USD'))).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([money(1, 'AUD'), money(1, 'USD')], 'AUD')).toThrow(CurrencyMismatchError);
    expect(() => sumMoney([money(1, 'AUD')], 'USD')).toThrow(CurrencyMismatchError);
  });

  it('refuses a result beyond the safe-integer range instead of losing cents', () => {
    expect(() => addMoney(money(Number.MAX_SAFE_INTEGER, 'AUD'), money(1, 'AUD'))).toThrow(RangeError);
    expect(() => sumCents([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});

describe('divideHalfAwayFromZero', () => {
  it('rounds ties away from zero on both sides', () => {
    expect(divideHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divideHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divideHalfAwayFromZero(5n, -2n)).toBe(-3n);
    expect(divideHalfAwayFromZero(7n, 3n)).toBe(2n); // 2.33
    expect(divideHalfAwayFromZero(8n, 3n)).toBe(3n); // 2.67
    expect(() => divideHalfAwayFromZero(1n, 0n)).toThrow(RangeError);
  });
});

describe('multiplyRate', () => {
  it('multiplies by an exact decimal quantity and rounds once, half away from zero', () => {
    expect(multiplyRate(1999, '0.73')).toBe(1459); // 1999 × 73 = 145927 → 1459.27 → 1459
    expect(multiplyRate(1999, '1.5')).toBe(2999); // 2998.5 → 2999
    expect(multiplyRate(-1999, '1.5')).toBe(-2999); // a credit mirrors the charge
    expect(multiplyRate(12345, '0.1')).toBe(1235); // 1234.5 → 1235
    expect(multiplyRate(1000, '0.3')).toBe(300); // no 0.30000000000000004 here
    expect(multiplyRate(15000, '1.25')).toBe(18750);
    expect(multiplyRate(1, '1e-7')).toBe(0);
  });

  it('multiplies by an exact fraction', () => {
    expect(multiplyRate(10000, { num: 2, den: 3 })).toBe(6667); // 6666.67
    expect(multiplyRate(100, { num: 1, den: 8 })).toBe(13); // 12.5
    expect(multiplyRate(-100, { num: 1, den: 8 })).toBe(-13);
    expect(() => multiplyRate(100, { num: 1, den: 0 })).toThrow(RangeError);
    expect(() => multiplyRate(100, { num: 1.5, den: 2 })).toThrow(RangeError);
  });

  it('rejects a fractional unit price', () => {
    expect(() => multiplyRate(19.99, '1')).toThrow(RangeError);
  });
});

describe('quantities in thousandths', () => {
  it('parses hours and counts exactly', () => {
    expect(parseQuantityMilli('0.73')).toBe(730);
    expect(parseQuantityMilli('1.25')).toBe(1250);
    expect(parseQuantityMilli('3')).toBe(3000);
    expect(parseQuantityMilli('0.7300')).toBe(730);
    expect(parseQuantityMilli('1e-3')).toBe(1);
    expect(parseQuantityMilli('12.5e1')).toBe(125000);
    expect(parseQuantityMilli('-2')).toBe(-2000);
  });

  it('rejects a quantity it cannot hold exactly rather than round it', () => {
    expect(() => parseQuantityMilli('0.0005')).toThrow(RangeError);
    expect(() => parseQuantityMilli('0.30000000000000004')).toThrow(RangeError);
    for (const bad of ['', 'abc', '1,5', ' 1', 'NaN', 'Infinity']) expect(() => parseQuantityMilli(bad)).toThrow(RangeError);
  });

  it('prices a line once: unit price × quantityMilli / 1000', () => {
    expect(lineAmountCents(15000, 1250)).toBe(18750); // $150/h × 1.25 h = $187.50
    expect(lineAmountCents(12500, 730)).toBe(9125); // $125/h × 0.73 h = 125 × 73 = 9125 exactly
    expect(lineAmountCents(9999, 730)).toBe(7299); // 7299270 / 1000 = 7299.27
    expect(lineAmountCents(333, 1500)).toBe(500); // 499.5 → 500
    expect(lineAmountCents(-333, 1500)).toBe(-500);
    expect(() => lineAmountCents(100, 0.5)).toThrow(RangeError);
  });
});

describe('parseDecimalToCents', () => {
  it('reads decimal text exactly and rounds the extra digits once', () => {
    expect(parseDecimalToCents('12.345', 2)).toBe(1235); // 1234.5 → 1235
    expect(parseDecimalToCents('-12.345', 2)).toBe(-1235);
    expect(parseDecimalToCents('12.344', 2)).toBe(1234);
    expect(parseDecimalToCents('1.005', 2)).toBe(101); // Math.round(1.005 * 100) gives 100: the float trap
    expect(parseDecimalToCents('99.995', 2)).toBe(10000);
    expect(parseDecimalToCents('0.30000000000000004', 2)).toBe(30); // String(0.1 + 0.2)
    expect(parseDecimalToCents('0.1', 2)).toBe(10);
    expect(parseDecimalToCents('1234.5', 0)).toBe(1235);
    expect(parseDecimalToCents('8.675', 3)).toBe(8675);
    expect(parseDecimalToCents('1e-7', 2)).toBe(0);
    expect(parseDecimalToCents('1.5e2', 2)).toBe(15000);
    expect(parseDecimalToCents('+5.', 2)).toBe(500);
    expect(parseDecimalToCents('.5', 2)).toBe(50);
  });

  it('rejects what is not a plain decimal, and amounts too large for exact cents', () => {
    for (const bad of ['', ' 1', '1 ', '1,000.00', '$1', 'NaN', 'Infinity', '.', '-', '1e', '0x10']) {
      expect(() => parseDecimalToCents(bad, 2)).toThrow(RangeError);
    }
    expect(() => parseDecimalToCents('1e21', 2)).toThrow(RangeError);
    expect(() => parseDecimalToCents('1e99999', 2)).toThrow(RangeError);
    expect(() => parseDecimalToCents('1', 1.5)).toThrow(RangeError);
    expect(() => parseDecimalToCents('1', -1)).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('splits without losing a cent, leftovers to the largest remainders', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    // 9900 over 15 and 16 days: 4790.32 and 5109.68 → 4790 + 5109 = 9899, the cent goes to .68
    expect(allocate(9900, [15, 16])).toEqual([4790, 5110]);
    // 1.5, 1.5, 1.5, 0.5: two cents left, all fractions tie → the earliest shares get them
    expect(allocate(5, [3, 3, 3, 1])).toEqual([2, 2, 1, 0]);
    expect(allocate(10, [0, 1])).toEqual([0, 10]);
    expect(allocate(0, [1, 2])).toEqual([0, 0]);
  });

  it('needs non-negative integer weights with a positive sum', () => {
    expect(() => allocate(100, [])).toThrow(RangeError);
    expect(() => allocate(100, [0, 0])).toThrow(RangeError);
    expect(() => allocate(100, [-1, 2])).toThrow(RangeError);
    expect(() => allocate(100, [1.5])).toThrow(RangeError);
    expect(() => allocate(1.5, [1])).toThrow(RangeError);
  });
});

// Intl puts a no-break space between a currency code and the number.
const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('formats for display with the currency’s minor-unit digits from Intl', () => {
    expect(formatMoney(money(123456, 'AUD'), 'en-AU')).toBe('$1,234.56');
    expect(formatMoney(money(-5, 'AUD'), 'en-AU')).toBe('-$0.05');
    expect(formatMoney(money(123456, 'USD'), 'en-US')).toBe('$1,234.56');
    expect(formatMoney(money(1234, 'JPY'), 'en-US')).toBe('¥1,234');
    expect(formatMoney(money(123456, 'AUD'))).toBe('$1,234.56'); // default locale en-AU
    expect(formatMoney(money(1234, 'BHD'), 'en-US')).toContain('1.234');
  });

  it('prints every digit of amounts beyond a float’s precision', () => {
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'AUD'), 'en-AU')).toBe('$90,071,992,547,409.91');
  });

  it('knows minor units per currency', () => {
    expect(minorUnitDigits('AUD')).toBe(2);
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('BHD')).toBe(3);
    expect(minorUnitDigits('CLF')).toBe(4);
  });

  it('formats JPY in whole yen and BHD with three decimals, exactly', () => {
    expect(formatMoney(money(1234, 'JPY'), 'en-US')).toBe('¥1,234');
    expect(formatMoney(money(1234, 'JPY'))).toBe(`JPY${NBSP}1,234`);
    expect(formatMoney(money(-5, 'JPY'), 'en-US')).toBe('-¥5');
    expect(formatMoney(money(1234, 'BHD'), 'en-US')).toBe(`BHD${NBSP}1.234`);
    expect(formatMoney(money(1234, 'BHD'))).toBe(`BHD${NBSP}1.234`);
    expect(formatMoney(money(-1, 'BHD'), 'en-US')).toBe(`-BHD${NBSP}0.001`);
    expect(formatMoney(money(1234, 'USD'), 'en-US')).toBe('$12.34');
    expect(formatMoney(money(1234, 'AUD'))).toBe('$12.34');
  });

  it('follows ISO 4217, not CLDR, where they differ: no amount is rounded for display', () => {
    // CLDR shows Iraqi dinars and rupiah without decimals; ISO gives IQD 3 and IDR 2.
    expect(minorUnitDigits('IQD')).toBe(3);
    expect(minorUnitDigits('IDR')).toBe(2);
    expect(formatMoney(money(1234, 'IQD'), 'en-US')).toBe(`IQD${NBSP}1.234`);
    expect(formatMoney(money(123456, 'IDR'), 'en-US')).toBe(`IDR${NBSP}1,234.56`);
    expect(moneyFromDecimal('1.234', 'IQD')).toEqual({ amountCents: 1234, currency: 'IQD' });
  });

  it('still reads a code ISO has withdrawn, for amounts stored before it was', () => {
    expect(minorUnitDigits('HRK')).toBe(2);
    expect(formatMoney(money(1234, 'BGN'), 'en-US')).toBe(`BGN${NBSP}12.34`);
  });

  it('writes JPY and BHD amounts as decimals with their own places', () => {
    expect(centsToDecimalString(1234, minorUnitDigits('JPY'))).toBe('1234');
    expect(centsToDecimalString(1234, minorUnitDigits('BHD'))).toBe('1.234');
    expect(centsToDecimalString(-1234, minorUnitDigits('BHD'))).toBe('-1.234');
    expect(centsToDecimalString(1234, minorUnitDigits('AUD'))).toBe('12.34');
  });

  it('writes cents as exact decimal text', () => {
    expect(centsToDecimalString(123456, 2)).toBe('1234.56');
    expect(centsToDecimalString(5, 2)).toBe('0.05');
    expect(centsToDecimalString(-5, 2)).toBe('-0.05');
    expect(centsToDecimalString(5, 3)).toBe('0.005');
    expect(centsToDecimalString(1234, 0)).toBe('1234');
    expect(centsToDecimalString(0, 2)).toBe('0.00');
  });
});

describe('properties', () => {
  const cents = fc.integer({ min: -1_000_000_000_000, max: 1_000_000_000_000 });

  it('allocate returns shares that sum exactly to the amount, each within a cent of its exact part', () => {
    const weights = fc
      .array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 20 })
      .filter((list) => list.some((weight) => weight > 0));
    fc.assert(
      fc.property(cents, weights, (amountCents, weightList) => {
        const shares = allocate(amountCents, weightList);
        expect(shares).toHaveLength(weightList.length);
        expect(sumCents(shares)).toBe(amountCents);
        const totalWeight = BigInt(weightList.reduce((sum, weight) => sum + weight, 0));
        shares.forEach((share, index) => {
          const exactTimesTotal = BigInt(amountCents) * BigInt(weightList[index]);
          const errorTimesTotal = BigInt(share) * totalWeight - exactTimesTotal;
          expect(errorTimesTotal < totalWeight && errorTimesTotal > -totalWeight).toBe(true);
          if (weightList[index] === 0) expect(share).toBe(0);
        });
      }),
    );
  });

  it('multiplyRate agrees for a decimal string and the same fraction, and mirrors credits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000_000, max: 10_000_000 }),
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 6 }),
        (unitPriceCents, scaledQuantity, decimals) => {
          const text = centsToDecimalString(scaledQuantity, decimals);
          const fromText = multiplyRate(unitPriceCents, text);
          expect(fromText).toBe(multiplyRate(unitPriceCents, { num: scaledQuantity, den: 10 ** decimals }));
          expect(multiplyRate(-unitPriceCents, text)).toBe(-fromText + 0);
          // Rounded once: within half a cent of the exact product.
          const error = BigInt(fromText) * 10n ** BigInt(decimals) * 2n - BigInt(unitPriceCents) * BigInt(scaledQuantity) * 2n;
          expect(error <= 10n ** BigInt(decimals) && error >= -(10n ** BigInt(decimals))).toBe(true);
        },
      ),
    );
  });

  it('decimal text of cents reads back to the same cents', () => {
    fc.assert(
      fc.property(cents, fc.integer({ min: 0, max: 4 }), (amountCents, digits) => {
        expect(parseDecimalToCents(centsToDecimalString(amountCents, digits), digits)).toBe(amountCents);
      }),
    );
  });

  it('subtracting undoes adding', () => {
    fc.assert(
      fc.property(cents, cents, (a, b) => {
        expect(subtractMoney(addMoney(money(a, 'AUD'), money(b, 'AUD')), money(b, 'AUD'))).toEqual(money(a, 'AUD'));
      }),
    );
  });
});
