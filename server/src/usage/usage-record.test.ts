import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseUsageFields, parseInstant } from './usage-record.js';
import { usageRecordKey } from './record-key.js';

const call = { serviceIdentifier: '0298765432', startTime: '2026-03-04T10:15:00Z', quantity: '125', unit: 'seconds', usageClass: 'mobile' };

describe('parseUsageFields', () => {
  it('normalises a valid record', () => {
    expect(parseUsageFields({ ...call, costCents: '12', costCurrency: 'AUD', carrierRecordId: ' T-1 ' })).toEqual({
      ok: true,
      record: {
        serviceIdentifier: '0298765432',
        startTime: '2026-03-04T10:15:00.000Z',
        quantityMilli: 125_000,
        unit: 'seconds',
        usageClass: 'mobile',
        costCents: 12,
        costCurrency: 'AUD',
        carrierRecordId: 'T-1',
      },
    });
  });

  it('converts an offset to UTC and keeps milliseconds', () => {
    expect(parseInstant('2026-03-04T10:15:00.5+10:00')).toBe('2026-03-04T00:15:00.500Z');
    expect(parseInstant('2026-03-01 00:30:00-0130')).toBe('2026-03-01T02:00:00.000Z');
  });

  it('takes the normal form as it is, but only for real times from 1970 on', () => {
    expect(parseInstant('2026-03-04T10:15:00.250Z')).toBe('2026-03-04T10:15:00.250Z');
    for (const text of [
      '2026-02-30T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-03-01T24:00:00.000Z',
      '2026-03-01T23:59:60.000Z',
      '1969-12-31T23:59:59.999Z',
    ]) {
      const errors: string[] = [];
      expect(parseInstant(text, errors)).toBeNull();
      expect(errors).toHaveLength(1);
    }
  });

  it('reads whole and decimal quantities exactly', () => {
    const quantity = (text: string) => {
      const parsed = parseUsageFields({ ...call, quantity: text });
      return parsed.ok ? parsed.record.quantityMilli : parsed.errors;
    };
    expect([quantity('125'), quantity('007'), quantity('999999999999'), quantity('1.5'), quantity('0.001')]).toEqual([
      125_000, 7_000, 999_999_999_999_000, 1_500, 1,
    ]);
    expect(quantity('1.0005')).toEqual(['quantity must be a decimal number with at most three decimals']);
  });

  it('reports every problem of a line at once', () => {
    const result = parseUsageFields({
      serviceIdentifier: ' ',
      startTime: '2026-02-30T00:00:00Z',
      quantity: '-1',
      unit: 'minutes',
      costCents: '1.5',
      costCurrency: 'aud',
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        'service_identifier is required',
        'start_time "2026-02-30T00:00:00Z" is not a real time',
        'unit must be one of seconds, bytes, kwh, units',
        'quantity must not be negative (a correction is a write-off or a credit, not negative usage)',
        "cost_cents must be a whole number of the currency's minor unit (cents, yen, fils)",
        'cost_currency must be a current ISO 4217 code in capitals, e.g. AUD',
      ],
    });
  });

  it('refuses a cost currency that has the shape of a code but is not an ISO 4217 currency', () => {
    expect(parseUsageFields({ ...call, costCents: '100', costCurrency: 'QQQ' })).toEqual({
      ok: false,
      errors: ['cost_currency must be a current ISO 4217 code in capitals, e.g. AUD'],
    });
    expect(parseUsageFields({ ...call, costCents: '100', costCurrency: 'JPY' })).toMatchObject({
      ok: true,
      record: { costCurrency: 'JPY' },
    });
  });

  it('refuses a time without an offset, fractional bytes and over-precise quantities', () => {
    expect(parseUsageFields({ ...call, startTime: '2026-03-04T10:15:00' })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('with an offset')],
    });
    expect(parseUsageFields({ ...call, unit: 'bytes', quantity: '1.5' })).toEqual({
      ok: false,
      errors: ['a quantity in bytes must be whole'],
    });
    expect(parseUsageFields({ ...call, quantity: '1.2345' })).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('three decimals')],
    });
  });
});

describe('usageRecordKey', () => {
  const parse = (fields: typeof call & Record<string, string>) => {
    const result = parseUsageFields(fields);
    if (!result.ok) throw new Error(result.errors.join('; '));
    return result.record;
  };

  it('uses the carrier record id when there is one', () => {
    expect(usageRecordKey(parse({ ...call, carrierRecordId: 'telstra-991' }))).toBe('carrier:telstra-991');
  });

  it('hashes the normalised fields otherwise: the same call written differently has the same key', () => {
    const a = usageRecordKey(parse(call));
    const b = usageRecordKey(
      parse({
        ...call,
        startTime: '2026-03-04T20:15:00.000+10:00',
        quantity: '125.000',
        unit: 'SECONDS',
        serviceIdentifier: ' 0298765432 ',
      }),
    );
    expect(a).toBe(b);
    expect(a).toMatch(/^t\d{17}:[A-Za-z0-9_-]{16}$/);
    // The start time in UTC leads the key, so time-ordered files insert in key order.
    expect(a.startsWith('t20260304101500000:')).toBe(true);
  });

  it('gives different keys to records that differ in any field', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100_000 }), (q1, q2) => {
        const k1 = usageRecordKey(parse({ ...call, quantity: String(q1) }));
        const k2 = usageRecordKey(parse({ ...call, quantity: String(q2) }));
        expect(k1 === k2).toBe(q1 === q2);
      }),
    );
  });
});
