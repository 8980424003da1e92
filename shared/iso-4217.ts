// The currencies we bill in: ISO 4217 List One ("Current currency & funds") as published by
// SIX, the standard's maintenance agency, with each code's minor unit (its decimal places).
// Kept here rather than read from Intl because Intl's list and digits are CLDR's, which
// differ from ISO on 15 current codes (IQD: ISO 3, CLDR 0) and change with the ICU that Node
// ships; an amount stored as integer minor units must mean the same thing on every Node.
// Source, the codes left out, where CLDR differs and how to refresh: docs/money.md.

/** The `Pblshd` date of the List One this table follows. */
export const ISO_4217_LIST_ONE_PUBLISHED = '2026-01-01';

// Grouped by minor unit, so a wrong digit count stands out in review.
const CODES_BY_MINOR_UNIT: Readonly<Record<number, string>> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2:
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE ' +
    'CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD ' +
    'HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK ' +
    'MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD ' +
    'RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH ' +
    'USD USN UYU UZS VED VES WST XAD XCD XCG YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};

// List One's 13 codes whose minor unit is "N.A." (gold, silver, platinum, palladium, the bond
// market units, XDR, XSU, XUA, the testing code XTS and "no currency" XXX) are not here: none
// is a currency an invoice can be written in, and none says how many decimals an amount has.

/** ISO 4217 code → digits of its minor unit: JPY 0, AUD 2, BHD 3, CLF 4. */
export const ISO_4217_MINOR_UNITS: ReadonlyMap<string, number> = new Map(
  Object.entries(CODES_BY_MINOR_UNIT).flatMap(([digits, codes]) => codes.split(' ').map((code) => [code, Number(digits)] as const)),
);

/** True for a current ISO 4217 currency (or fund) that has a minor unit: the codes an amount can be in. */
export function isIsoCurrency(code: string): boolean {
  return ISO_4217_MINOR_UNITS.has(code);
}
