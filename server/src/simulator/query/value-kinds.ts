// The four kinds of value Manage's query language distinguishes (DG "Conditions";
// the literal-kind error quoted in docs/connectwise/querying.md#conditions names strings, DateTimes, numbers,
// booleans and null), and how two values of one kind compare.

export type ValueKind = 'string' | 'numeric' | 'boolean' | 'datetime';

// Manage serialises datetimes as ISO-8601 UTC, e.g. "2018-05-05T14:00:00Z"
// (docs/connectwise/records.md#common-conventions, RP samples); fractional seconds and offsets are tolerated.
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoDatetime(value: string): boolean {
  return ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** The kind of a stored JSON value; null for null/missing, 'composite' for objects and arrays. */
export function kindOfValue(value: unknown): ValueKind | 'null' | 'composite' {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'numeric';
  if (typeof value === 'string') return isIsoDatetime(value) ? 'datetime' : 'string';
  return 'composite';
}

// Manage stores its data in SQL Server, whose default collation is
// case-insensitive and accent-sensitive; DG's own examples mix `True`/`true`
// and callers rely on `status/name = "closed"` matching "Closed" [inferred].
const caseInsensitive = new Intl.Collator('en', { sensitivity: 'accent' });

export function compareStrings(a: string, b: string): number {
  return caseInsensitive.compare(a, b);
}

/** Negative, zero or positive, for two non-null values of the same kind. */
export function compareSameKind(kind: ValueKind, a: unknown, b: unknown): number {
  switch (kind) {
    case 'string':
      return compareStrings(String(a), String(b));
    case 'numeric':
      return Math.sign(Number(a) - Number(b));
    case 'boolean':
      return Number(a) - Number(b);
    case 'datetime':
      return Math.sign(toInstant(a) - toInstant(b));
  }
}

function toInstant(value: unknown): number {
  return typeof value === 'number' ? value : Date.parse(String(value));
}
