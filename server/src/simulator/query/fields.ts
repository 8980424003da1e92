// Partial responses: `fields=id,name,status/id` returns only those fields, nested
// paths keeping just the named sub-fields (DG "Partial Responses", docs/connectwise/querying.md#orderby-fields-and-count:
// `fields=company/id,company/name,phoneNumber`). `_info` is a field like any
// other, so it is returned only when asked for.

import { isPlainObject, parseFieldPath, type FieldPath } from './field-path.js';
import { QueryError } from './query-error.js';

/** Which fields to keep: a tree keyed by lower-cased name; `true` keeps the whole value. */
export type FieldSelection = Map<string, FieldSelection | true>;

export function parseFields(text: string): FieldSelection {
  const selection: FieldSelection = new Map();
  for (const item of text.split(',')) {
    if (item.trim() === '') continue;
    const path = parseFieldPath(item);
    if (!path) throw new QueryError(`fields '${text}' is invalid: '${item.trim()}' is not a field name.`);
    addPath(selection, path);
  }
  return selection;
}

function addPath(selection: FieldSelection, path: FieldPath): void {
  const [head, ...rest] = path;
  const name = head.toLowerCase();
  const existing = selection.get(name);
  if (rest.length === 0 || existing === true) {
    selection.set(name, true);
    return;
  }
  const child: FieldSelection = existing ?? new Map();
  selection.set(name, child);
  addPath(child, rest);
}

/** A copy of `record` with only the selected fields, in the record's own key order and spelling. */
export function selectFields(record: Record<string, unknown>, selection: FieldSelection): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const wanted = selection.get(lowerCased(key));
    if (wanted === undefined) continue;
    result[key] = wanted === true ? record[key] : selectNested(record[key], wanted);
  }
  return result;
}

// Records share their few hundred field names: lower-case each once, not once per record
// (a 1,000-record page of time entries asks ~30,000 times).
const LOWER_CASE_LIMIT = 10_000;
const lowerCase = new Map<string, string>();
function lowerCased(key: string): string {
  let lower = lowerCase.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowerCase.size < LOWER_CASE_LIMIT) lowerCase.set(key, lower);
  }
  return lower;
}

// A list is projected element by element (`fields=communicationItems/value`);
// a null or scalar where an object was expected is returned as it is.
function selectNested(value: unknown, selection: FieldSelection): unknown {
  if (Array.isArray(value)) return value.map((element) => selectNested(element, selection));
  if (isPlainObject(value)) return selectFields(value, selection);
  return value;
}
