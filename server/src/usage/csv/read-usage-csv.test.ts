import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { readUsageCsv, UsageCsvHeaderError, type UsageCsvItem } from './read-usage-csv.js';

async function readAll(source: Parameters<typeof readUsageCsv>[0]): Promise<UsageCsvItem[]> {
  const items: UsageCsvItem[] = [];
  for await (const batch of readUsageCsv(source)) items.push(...batch);
  return items;
}

describe('readUsageCsv', () => {
  it('reads a file in any column order, ignoring unknown columns, from a byte stream cut mid-character', async () => {
    const text =
      '\uFEFFunit,quantity,start_time,service_identifier,class,carrier_note\r\nseconds,61,2026-03-04T10:15:00Z,0298765432,"Zürich, CH",x\r\n';
    const bytes = Buffer.from(text, 'utf8');
    const cut = bytes.indexOf(Buffer.from('ü')) + 1; // inside the two bytes of ü
    const items = await readAll(Readable.from([bytes.subarray(0, cut), bytes.subarray(cut)]));
    expect(items).toEqual([
      {
        ok: true,
        line: 2,
        key: expect.stringMatching(/^t\d{17}:/),
        record: {
          serviceIdentifier: '0298765432',
          startTime: '2026-03-04T10:15:00.000Z',
          quantityMilli: 61_000,
          unit: 'seconds',
          usageClass: 'Zürich, CH',
          costCents: null,
          costCurrency: null,
          carrierRecordId: null,
        },
      },
    ]);
  });

  it('reports each bad line with its number and carries on', async () => {
    const items = await readAll([
      'service_identifier,start_time,quantity,unit\n',
      'a,2026-03-04T10:15:00Z,1,units\n',
      'b,yesterday,1,units\n',
      'c,2026-03-04T10:15:00Z,"1,units\n',
    ]);
    expect(items.map((i) => (i.ok ? [i.line, 'ok'] : [i.line, ...i.errors]))).toEqual([
      [2, 'ok'],
      [3, 'start_time must be ISO 8601 with an offset, e.g. 2026-03-04T10:15:00Z (at most milliseconds)'],
      [4, 'the line has a quoted field left open at the end of the file'],
    ]);
  });

  it('refuses a header without the required columns, and an empty file', async () => {
    await expect(readAll(['service_identifier,quantity\n'])).rejects.toThrow(
      new UsageCsvHeaderError('Line 1: the header lacks start_time, unit.'),
    );
    await expect(readAll([''])).rejects.toThrow(UsageCsvHeaderError);
  });

  it('streams: a large generated file is read batch by batch without building it', async () => {
    async function* generate() {
      yield 'service_identifier,start_time,quantity,unit,carrier_record_id\n';
      for (let chunk = 0; chunk < 100; chunk++) {
        let text = '';
        for (let i = 0; i < 1000; i++) text += `svc-${i % 50},2026-03-04T10:15:00Z,${i},seconds,r-${chunk}-${i}\n`;
        yield text;
      }
    }
    let count = 0;
    let batches = 0;
    for await (const batch of readUsageCsv(generate())) {
      count += batch.filter((i) => i.ok).length;
      batches++;
    }
    expect(count).toBe(100_000);
    expect(batches).toBe(102);
  });
});
