import { describe, expect, it } from 'vitest';
import { ISO_4217_MINOR_UNITS, isIsoCurrency } from './iso-4217.js';

describe('ISO 4217 List One (docs/money.md)', () => {
  it('holds the 165 codes of the 2026-01-01 list that have a minor unit, by digits', () => {
    const byDigits = new Map<number, number>();
    for (const digits of ISO_4217_MINOR_UNITS.values()) byDigits.set(digits, (byDigits.get(digits) ?? 0) + 1);
    expect(ISO_4217_MINOR_UNITS.size).toBe(165);
    expect(Object.fromEntries(byDigits)).toEqual({ 0: 17, 2: 139, 3: 7, 4: 2 });
    for (const code of ISO_4217_MINOR_UNITS.keys()) expect(code).toMatch(/^[A-Z]{3}$/);
  });

  it('accepts current currencies and funds with a minor unit', () => {
    for (const code of ['AUD', 'USD', 'EUR', 'JPY', 'BHD', 'NZD', 'GBP', 'XCG', 'XAD', 'CLF', 'ZWG'])
      expect(isIsoCurrency(code)).toBe(true);
  });

  it('refuses codes that are no currency, have no minor unit, or were withdrawn', () => {
    for (const code of ['QQQ', 'ABC', 'XAU', 'XAG', 'XDR', 'XTS', 'XXX', 'ANG', 'BGN', 'CUC', 'HRK', 'SLL', 'ZWL', 'aud', 'AU', 'AUDD', ''])
      expect(isIsoCurrency(code)).toBe(false);
  });

  it('gives the minor units the standard gives', () => {
    expect(
      Object.fromEntries(
        ['JPY', 'KRW', 'ISK', 'AUD', 'USD', 'MRU', 'BHD', 'KWD', 'IQD', 'CLF', 'UYW'].map((c) => [c, ISO_4217_MINOR_UNITS.get(c)]),
      ),
    ).toEqual({ JPY: 0, KRW: 0, ISK: 0, AUD: 2, USD: 2, MRU: 2, BHD: 3, KWD: 3, IQD: 3, CLF: 4, UYW: 4 });
  });
});
