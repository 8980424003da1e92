import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDataset } from '../../simulator/data/generate.js';
import { demoDataset } from '../../simulator/data/demo.js';
import { parseFields, selectFields } from '../../simulator/query/fields.js';
import { CwTimeEntrySchema, isWellFormedTimeEntry } from '../../connectwise/schemas/time-entry.js';
import { contentHash, type StreamDef } from '../stream-def.js';
import { STREAMS } from './index.js';

/**
 * The streams ask ConnectWise for a partial response (`fields=`, docs/connectwise/querying.md#orderby-fields-and-count). A field that
 * `toRow` reads but the list forgets would silently read undefined: for every stream, the row
 * (and so the content hash) from the partial record must equal the row from the whole record.
 */
const generated = generateDataset({ seed: 7, companies: 12, contactsPerCompany: 3, timeEntries: 400 });
const demo = demoDataset() as unknown as Record<string, Record<string, unknown>[]>;
const recordsOf: Record<string, string> = {
  companies: 'companies',
  contacts: 'contacts',
  time_entries: 'timeEntries',
  products: 'products',
  expenses: 'expenseEntries',
};

describe('partial responses', () => {
  for (const def of STREAMS as StreamDef<{ id: number }, unknown>[]) {
    it(`${def.name}: fields=${def.fields.slice(0, 40)}… give the same rows as whole records`, () => {
      const records = [
        ...((generated as unknown as Record<string, Record<string, unknown>[]>)[recordsOf[def.name]] ?? []),
        ...(demo[recordsOf[def.name]] ?? []),
      ];
      expect(records.length).toBeGreaterThan(3);
      const selection = parseFields(def.fields);
      let compared = 0;
      for (const record of records) {
        const whole = def.schema.safeParse(record);
        if (!whole.success) continue;
        const partial = def.schema.parse(selectFields(record, selection));
        expect(def.toRow(partial, 'AUD')).toEqual(def.toRow(whole.data, 'AUD'));
        expect(contentHash(def.toRow(partial, 'AUD'))).toBe(contentHash(def.toRow(whole.data, 'AUD')));
        compared++;
      }
      expect(compared).toBeGreaterThan(3);
    });
  }
});

describe('isWellFormedTimeEntry (the hot loop’s stand-in for CwTimeEntrySchema)', () => {
  const sample = JSON.parse(readFileSync(new URL('../../simulator/data/samples/time-entry.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

  it('accepts real and generated entries, so the fast path is the one taken', () => {
    expect(isWellFormedTimeEntry(sample)).toBe(true);
    for (const entry of generated.timeEntries as unknown as Record<string, unknown>[]) expect(isWellFormedTimeEntry(entry)).toBe(true);
  });

  it('is never looser than the schema', () => {
    const junk = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.double(),
      fc.string(),
      fc.boolean(),
      fc.constant([]),
      fc.constant({}),
      fc.constant({ id: 1.5 }),
      fc.constant({ id: 3, name: null }),
      fc.constant({ id: 3, name: 'x' }),
      fc.constant('Billable'),
      fc.constant(2 ** 60),
    );
    const keys = [
      'id',
      'company',
      'chargeToId',
      'chargeToType',
      'member',
      'workType',
      'workRole',
      'timeStart',
      'timeEnd',
      'actualHours',
      'hoursBilled',
      'invoiceHours',
      'hourlyRate',
      'billableOption',
      'status',
      'notes',
      'invoice',
      'ticket',
      '_info',
    ];
    fc.assert(
      fc.property(fc.subarray(keys, { minLength: 1, maxLength: 4 }), fc.array(junk, { minLength: 4, maxLength: 4 }), (broken, values) => {
        const record: Record<string, unknown> = { ...sample };
        broken.forEach((key, i) => {
          if (values[i] === undefined) delete record[key];
          else record[key] = values[i];
        });
        return !isWellFormedTimeEntry(record) || CwTimeEntrySchema.safeParse(record).success;
      }),
      { numRuns: 3000 },
    );
  });
});
