// Reading `company/id`-style paths out of records the way Manage's query
// parameters name fields: `/` walks into nested references (DG "Conditions":
// `board/name`, `company/id`, `contact/name`), and names match case-insensitively
// (DG writes `Board/Id = 123` and `ClosedFlag = True` for `board.id`, `closedFlag`).

export type FieldPath = readonly string[];

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Splits `company/id` into its segments, or returns null if any segment is not a field name. */
export function parseFieldPath(text: string): FieldPath | null {
  const segments = text.trim().split('/');
  return segments.every((segment) => SEGMENT.test(segment)) ? segments : null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The record's own spelling of `name`, matched case-insensitively (exact spelling wins). */
export function findKey(record: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(record, name)) return name;
  const wanted = name.toLowerCase();
  return Object.keys(record).find((key) => key.toLowerCase() === wanted);
}

function readKey(record: Record<string, unknown>, name: string): unknown {
  const key = findKey(record, name);
  if (key !== undefined) return record[key];
  // "All objects react to the LastUpdated query even if no such field exists in
  // the object format" (AMP `read.go`; DG example `lastUpdated > [2016-08-20T18:04:26Z]`):
  // the value lives in `_info.lastUpdated`.
  if (name.toLowerCase() === 'lastupdated') {
    const info = readKey(record, '_info');
    if (isPlainObject(info)) return readKey(info, 'lastUpdated');
  }
  return undefined;
}

/**
 * The value at `path`, or undefined when any step is missing or not an object.
 * An array met before the end of the path is returned as is, so callers can
 * tell "points into a list" (a job for childConditions) from "missing".
 */
export function readFieldPath(record: unknown, path: FieldPath): unknown {
  let current: unknown = record;
  for (const segment of path) {
    if (Array.isArray(current)) return current;
    if (!isPlainObject(current)) return undefined;
    current = readKey(current, segment);
  }
  return current;
}
