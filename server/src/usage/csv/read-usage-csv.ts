// Streams a usage CSV: chunks in, validated records out, one batch per chunk, so a file of any
// size is read with the memory of one chunk. Every bad line is reported with its line number
// and reading carries on; only a bad header stops the file (nothing after it can be read).

import { usageRecordKey } from '../record-key.js';
import { parseUsageFields, type UsageRecord } from '../usage-record.js';
import { CsvRecordSplitter, type CsvRecord } from './csv-record-splitter.js';
import { fieldsToUsageText, readHeader, type ColumnPositions } from './usage-csv-columns.js';

export type UsageCsvItem =
  | { readonly ok: true; readonly line: number; readonly key: string; readonly record: UsageRecord }
  | { readonly ok: false; readonly line: number; readonly errors: readonly string[]; readonly raw: string };

export class UsageCsvHeaderError extends Error {
  override readonly name = 'UsageCsvHeaderError';
}

export type UsageCsvSource = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** Yields the items of each chunk as one array (possibly empty). Throws UsageCsvHeaderError for an unusable header. */
export async function* readUsageCsv(source: UsageCsvSource, options: { maxRecordChars?: number } = {}): AsyncGenerator<UsageCsvItem[]> {
  const splitter = new CsvRecordSplitter(options.maxRecordChars);
  const decoder = new TextDecoder('utf-8');
  let positions: ColumnPositions | undefined;
  const toItems = (records: CsvRecord[]): UsageCsvItem[] => {
    const items: UsageCsvItem[] = [];
    for (const record of records) {
      if (positions === undefined) {
        if (record.error !== undefined) throw new UsageCsvHeaderError(`Line ${record.line}: the header has ${record.error}.`);
        const header = readHeader(record.fields);
        if (!header.ok) throw new UsageCsvHeaderError(`Line ${record.line}: ${header.error}.`);
        positions = header.positions;
        continue;
      }
      items.push(toItem(record, positions));
    }
    return items;
  };
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield toItems(splitter.push(text));
  }
  const tail = decoder.decode();
  yield toItems([...splitter.push(tail), ...splitter.end()]);
  if (positions === undefined) throw new UsageCsvHeaderError('The file is empty: it needs at least the header line.');
}

function toItem(record: CsvRecord, positions: ColumnPositions): UsageCsvItem {
  if (record.error !== undefined) return { ok: false, line: record.line, errors: [`the line has ${record.error}`], raw: record.raw };
  const parsed = parseUsageFields(fieldsToUsageText(record.fields, positions));
  if (!parsed.ok) return { ok: false, line: record.line, errors: parsed.errors, raw: record.fields.join(',').slice(0, 1000) };
  return { ok: true, line: record.line, key: usageRecordKey(parsed.record), record: parsed.record };
}
