// `orderBy=contact/name asc` (DG "Query String Parameters"; CTC validates the
// value against `'\S* (desc|asc)'`, docs/connectwise/querying.md#orderby-fields-and-count). The direction defaults to asc.
// Several comma-separated keys are accepted (`orderBy=company/name asc, id desc`);
// Manage's support for that is unverified (docs/connectwise/simulator-gaps.md#known-gaps "Gaps").

import { parseFieldPath, readFieldPath, type FieldPath } from './field-path.js';
import { QueryError } from './query-error.js';
import { compareSameKind, kindOfValue, type ValueKind } from './value-kinds.js';

export interface OrderKey {
  readonly path: FieldPath;
  readonly text: string;
  readonly direction: 'asc' | 'desc';
}

export function parseOrderBy(text: string): OrderKey[] {
  return text.split(',').map((part) => {
    const words = part.trim().split(/\s+/);
    const path = parseFieldPath(words[0] ?? '');
    const direction = words.length === 2 ? words[1].toLowerCase() : 'asc';
    if (!path || words.length > 2 || (direction !== 'asc' && direction !== 'desc')) {
      throw new QueryError(
        `orderBy '${text}' is invalid: expected a field name optionally followed by asc or desc, e.g. contact/name asc.`,
      );
    }
    return { path, text: words[0], direction };
  });
}

/**
 * A sorted copy. Nulls sort first ascending and last descending, as SQL
 * Server orders NULL below every value [inferred]; ties keep their input order.
 */
export function sortRecords<T extends Record<string, unknown>>(records: readonly T[], keys: readonly OrderKey[]): T[] {
  const rows = records.map((record, index) => ({ record, index, values: keys.map((key) => sortValue(record, key)) }));
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i += 1) {
      const order = compareSortValues(a.values[i], b.values[i]);
      if (order !== 0) return keys[i].direction === 'asc' ? order : -order;
    }
    return a.index - b.index;
  });
  return rows.map((row) => row.record);
}

type SortValue = { kind: ValueKind; value: unknown } | null;

function sortValue(record: Record<string, unknown>, key: OrderKey): SortValue {
  const value = readFieldPath(record, key.path);
  const kind = kindOfValue(value);
  if (kind === 'null') return null;
  if (kind === 'composite') {
    throw new QueryError(
      `Cannot order by '${key.text}': it is ${Array.isArray(value) ? 'a list' : 'an object'}; order by one of its fields, e.g. ${key.text}/name.`,
    );
  }
  return { kind, value };
}

// Values of one field normally share a kind; if they do not, group by kind so
// the order is still total and deterministic.
const KIND_RANK: Record<ValueKind, number> = { boolean: 0, numeric: 1, datetime: 2, string: 3 };

function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  return compareSameKind(a.kind, a.value, b.value);
}
