import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CwTimeEntrySchema } from '../../connectwise/schemas/time-entry.js';
import { timeEntryToRow, planTimeEntryCharge } from './time-entries.js';
import { CwProductItemSchema, productToRow, planProductCharge, productUnit } from './products.js';
import { normalisePhone } from './contacts.js';
import { nextCursor } from '../stream-def.js';
import { completedCursor } from '../checkpoints.js';
import { callbackSignature, keyUrlAllowed, signatureMatches } from '../../connectwise/verify-callback-signature.js';
import { parseQuarantineCsv } from '../quarantine-actions.js';
import { SecretBox } from '../../settings/secret-box.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../simulator/data/samples/${name}`, import.meta.url), 'utf8'));

describe('golden: recorded ConnectWise records in, rows out', () => {
  // The sample is in ISK, whose minor unit has no decimals (ISO 4217): 23800 krónur is 23800 minor units.
  it('time-entry.json (written off, DoNotBill): 0.73 h worked, 1.0 billed at 23800, never charged', () => {
    const row = timeEntryToRow(CwTimeEntrySchema.parse(sample('time-entry.json')), 'ISK');
    expect(row).toMatchObject({
      id: 1,
      companyId: 250,
      billedMilli: 1000,
      cwRateCents: 23800,
      billableOption: 'DoNotBill',
      status: 'WrittenOff',
      date: '2018-05-05',
      workRole: { id: 11, name: 'Management' },
      workType: { id: 3, name: 'Regular' },
    });
    const options = { billableOptions: ['Billable', 'NoCharge'], approvedStatuses: ['ReadyToBill'], rateSource: 'connectwise' as const };
    expect(planTimeEntryCharge(row, options, 'ISK')).toEqual({ kind: 'skip', why: 'billable option DoNotBill is not let through' });
    const billable = { ...row, billableOption: 'Billable' as const, status: 'ReadyToBill' };
    const plan = planTimeEntryCharge(billable, options, 'ISK');
    if (plan.kind !== 'charge') throw new Error('expected a charge');
    expect(plan.source).toBe('connectwise:time:1');
    expect(plan.build({ id: 9, unitPriceCents: 0, name: 'Labour' })!.charge).toMatchObject({
      quantityMilli: 1000,
      unitPriceCents: 23800,
      kind: 'labour',
      chargeDate: '2018-05-05',
    });
  });

  it('product-item.json (cancelled service product): nothing to bill', () => {
    const row = productToRow(CwProductItemSchema.parse(sample('product-item.json')), 'AUD');
    expect(row).toMatchObject({
      id: 4,
      companyId: 19297,
      catalogItem: { id: 5, name: 'Service - Fixed Fee' },
      quantityMilli: 0,
      cancelled: true,
      unitOfMeasure: { id: 6, name: 'Flat Fee' },
    });
    expect(planProductCharge(row, { billableOptions: ['Billable'] }, 'AUD')).toEqual({ kind: 'skip', why: 'cancelled in ConnectWise' });
  });

  it("product-item.json's unit: the unit-of-measure mapping's, else ConnectWise's name, else each", () => {
    const { unitOfMeasure } = productToRow(CwProductItemSchema.parse(sample('product-item.json')), 'AUD');
    const mappings = (units: Record<string, string>) =>
      ({ get: (kind: string, key: string) => (kind === 'unit_of_measure' && units[key] ? { unit: units[key] } : undefined) }) as Parameters<
        typeof productUnit
      >[1];
    expect(productUnit(unitOfMeasure, mappings({ '6': 'fixed fee' }))).toBe('fixed fee');
    expect(productUnit(unitOfMeasure, mappings({}))).toBe('Flat Fee');
    expect(productUnit(null, mappings({ '6': 'fixed fee' }))).toBe('each');
    const row = {
      ...productToRow(CwProductItemSchema.parse(sample('product-item.json')), 'AUD'),
      quantityMilli: 1000,
      cancelled: false,
      billableOption: 'Billable',
    };
    const plan = planProductCharge(row, { billableOptions: ['Billable'] }, 'AUD', 'fixed fee');
    if (plan.kind !== 'charge') throw new Error('expected a charge');
    expect(plan.product.create.unit).toBe('fixed fee');
  });
});

describe('field rules', () => {
  it('phones keep digits and a leading +, an empty number falls back to its extension', () => {
    expect(normalisePhone('(02) 9251 4401')).toBe('0292514401');
    expect(normalisePhone('+61 412 555-019')).toBe('+61412555019');
    expect(normalisePhone('', 'x 204')).toBe('204');
    expect(normalisePhone('  ', '')).toBeNull();
    fc.assert(
      fc.property(fc.string(), fc.string(), (v, e) => {
        const p = normalisePhone(v, e);
        return p === null || /^\+?[0-9]{1,30}$/.test(p);
      }),
    );
  });
});

describe('cursor', () => {
  it('nextCursor keeps the newest lastUpdated and the last id', () => {
    const s = [
      { id: 3, _info: { lastUpdated: '2026-06-02T00:00:00Z' } },
      { id: 7, _info: { lastUpdated: '2026-06-01T00:00:00Z' } },
    ].reduce(nextCursor, { maxSeen: null, afterId: 0 });
    expect(s).toEqual({ maxSeen: '2026-06-02T00:00:00Z', afterId: 7 });
  });
  it('never moves the watermark past ConnectWise’s clock at the start of the pass (the next pass asks lastUpdated > cursor)', () => {
    // Seen records newer than the pass's start: re-read from that second on.
    expect(completedCursor(null, '2026-06-30T12:00:05Z', '2026-06-30T12:00:00Z')).toBe('2026-06-30T11:59:59Z');
    expect(completedCursor(null, '2026-06-30T12:00:00Z', '2026-06-30T12:00:00Z')).toBe('2026-06-30T11:59:59Z');
    // All seen records older than the pass: every one stamped the newest second was read.
    expect(completedCursor(null, '2026-06-30T11:00:00Z', '2026-06-30T12:00:00Z')).toBe('2026-06-30T11:00:00Z');
    // No Date header: the newest second is read again.
    expect(completedCursor(null, '2026-06-30T11:00:00Z', null)).toBe('2026-06-30T10:59:59Z');
    expect(completedCursor('2026-01-01T00:00:00Z', null, '2026-06-30T12:00:00Z')).toBe('2026-01-01T00:00:00Z');
  });
});

describe('callback signature (docs/connectwise/callbacks.md)', () => {
  it('accepts Manage’s signature over the raw body and refuses others', () => {
    const body = JSON.stringify(sample('callback-contact-updated.json'));
    const signature = callbackSignature('the-signing-key', body);
    expect(signatureMatches(signature, signature)).toBe(true);
    expect(signatureMatches(signature, callbackSignature('another-key', body))).toBe(false);
    expect(signatureMatches(signature, undefined)).toBe(false);
  });
  it('fetches keys only from the connected site', () => {
    expect(
      keyUrlAllowed(
        'https://sandbox-na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1',
        'https://api-na.myconnectwise.net',
      ),
    ).toBe(true);
    expect(keyUrlAllowed('https://evil.example.com/key', 'https://api-na.myconnectwise.net')).toBe(false);
    expect(keyUrlAllowed('http://127.0.0.1:9/key', 'http://127.0.0.1:8788')).toBe(true);
  });
});

describe('quarantine CSV', () => {
  it('reads id,action[,target] lines and refuses the whole file for one bad line', () => {
    expect(parseQuarantineCsv('id,action\n1,retry\n2,link,account:4\n3,ignore')).toEqual([
      { id: 1, action: 'retry' },
      { id: 2, action: 'link', accountId: 4 },
      { id: 3, action: 'ignore' },
    ]);
    expect(() => parseQuarantineCsv('1,retry\n2,explode')).toThrow(/bad line/);
    expect(() => parseQuarantineCsv('1,retry\n1,ignore')).toThrow(/bad line/);
    expect(() => parseQuarantineCsv(Array.from({ length: 20_001 }, (_, i) => `${i + 1},ignore`).join('\n'))).toThrow(/at most 20000/);
  });
});

describe('SecretBox', () => {
  it('round-trips and never shows the key or the clear text', () => {
    const box = SecretBox.fromKeyMaterial('k'.repeat(40));
    const sealed = box.seal('private-key-123');
    expect(JSON.stringify(sealed)).not.toContain('private-key-123');
    expect(box.open(sealed)).toBe('private-key-123');
    expect(JSON.stringify({ box })).toBe('{"box":"[SecretBox]"}');
    expect(() => SecretBox.fromKeyMaterial('j'.repeat(40)).open(sealed)).toThrow();
  });
});
