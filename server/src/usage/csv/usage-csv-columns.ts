// The columns of the usage CSV format (docs/usage-csv-format.md), matched by header name.

import type { UsageFieldsText } from '../usage-record.js';

export const USAGE_CSV_COLUMNS = {
  service_identifier: 'serviceIdentifier',
  start_time: 'startTime',
  quantity: 'quantity',
  unit: 'unit',
  class: 'usageClass',
  cost_cents: 'costCents',
  cost_currency: 'costCurrency',
  carrier_record_id: 'carrierRecordId',
} as const satisfies Record<string, keyof UsageFieldsText>;

export type UsageCsvColumn = keyof typeof USAGE_CSV_COLUMNS;

export const REQUIRED_USAGE_CSV_COLUMNS: readonly UsageCsvColumn[] = ['service_identifier', 'start_time', 'quantity', 'unit'];

/** Where each known column sits; unknown columns are ignored (carriers add their own). */
export type ColumnPositions = Partial<Record<UsageCsvColumn, number>>;

export function readHeader(fields: readonly string[]): { ok: true; positions: ColumnPositions } | { ok: false; error: string } {
  const positions: ColumnPositions = {};
  for (const [index, name] of fields.entries()) {
    const column = name.trim().toLowerCase() as UsageCsvColumn;
    if (!(column in USAGE_CSV_COLUMNS)) continue;
    if (positions[column] !== undefined) return { ok: false, error: `the header names ${column} twice` };
    positions[column] = index;
  }
  const missing = REQUIRED_USAGE_CSV_COLUMNS.filter((column) => positions[column] === undefined);
  if (missing.length > 0) return { ok: false, error: `the header lacks ${missing.join(', ')}` };
  return { ok: true, positions };
}

export function fieldsToUsageText(fields: readonly string[], positions: ColumnPositions): UsageFieldsText {
  const text: UsageFieldsText = {};
  for (const [key, index] of positionEntries(positions)) text[key] = fields[index] ?? null;
  return text;
}

// Per header, not per line: a file's million lines share one list of where each field sits.
const entriesOfPositions = new WeakMap<ColumnPositions, [keyof UsageFieldsText, number][]>();

function positionEntries(positions: ColumnPositions): [keyof UsageFieldsText, number][] {
  let entries = entriesOfPositions.get(positions);
  if (entries === undefined) {
    entries = (Object.entries(positions) as [UsageCsvColumn, number][]).map(([column, index]) => [USAGE_CSV_COLUMNS[column], index]);
    entriesOfPositions.set(positions, entries);
  }
  return entries;
}
