import { type Column, getTableColumns, is, SQL, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tx } from './client.js';

/**
 * Inserts many rows in `tx`, fast. Why: an invoice run writes lines by the hundred thousand,
 * and both drizzle (rebuilding the statement text, about 1.5 µs per value) and the libSQL
 * client (preparing every statement afresh and binding every value on its own) cost more
 * than SQLite's own work. So each chunk goes in as one statement with one parameter, the
 * chunk's values as a JSON array of rows, that SQLite unpacks itself:
 * `with r(v) as materialized (select value from json_each(?)) insert into t (a, b) select v ->> 0, v ->> 1 from r`.
 * That is SQLite's JSON (kept here, in db/): a PostgreSQL deployment would use
 * `json_to_recordset` or COPY. Values go through each column's `mapToDriverValue`, as with
 * drizzle's own insert. A column without a default that no row of a chunk gives a value
 * is left out (null): SQLite's JSON costs about 0.4 µs per value taken out of a row, so
 * rows of one shape, inserted together, go in fastest. A row that leaves out a column the
 * others give gets what drizzle would give it (the column's default, else null). The
 * generated `id` is left to the database. A chunk holding a value JSON cannot carry (a blob,
 * an SQL default) falls back to drizzle's own multi-row insert.
 */
export async function bulkInsert<T extends SQLiteTable>(tx: Tx, table: T, rows: readonly T['$inferInsert'][], chunkSize = 5000): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== 'id') as [string, Column][];
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize) as Record<string, unknown>[];
    const bound = columns.filter(([key, column]) => column.hasDefault || chunk.some((row) => row[key] !== undefined && row[key] !== null));
    const packed = packRows(chunk, bound);
    if (packed === null) {
      await insertWithValues(tx, table, chunk);
      continue;
    }
    const names = sql.join(
      bound.map(([, column]) => sql.identifier(column.name)),
      sql`, `,
    );
    const values = sql.join(
      bound.map((_, index) => sql.raw(`packed_row ->> ${index}`)),
      sql`, `,
    );
    // Materialized first: json_each renders an array element's text afresh each time it is read.
    await tx.run(sql`with packed_rows(packed_row) as materialized (select value from json_each(${packed})) insert into ${table} (${names}) select ${values} from packed_rows`);
  }
}

/** The chunk as JSON (`[[a, b], [a, b]]`), or null when a value has no JSON form. */
function packRows(chunk: Record<string, unknown>[], bound: [string, Column][]): string | null {
  const packed: unknown[][] = [];
  for (const row of chunk) {
    const values: unknown[] = [];
    for (const [key, column] of bound) {
      const value = driverValue(row[key], column);
      if (typeof value === 'bigint') values.push(String(value));
      else if (value === null || typeof value === 'string' || typeof value === 'boolean') values.push(value);
      else if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new RangeError(`${column.name}: only finite numbers can be stored`);
        values.push(value);
      } else return null;
    }
    packed.push(values);
  }
  return JSON.stringify(packed);
}

/** What drizzle's own insert would bind: the value, else the column's default, `$defaultFn` or `$onUpdateFn`, else null. */
function driverValue(value: unknown, column: Column): unknown {
  let given = value;
  if (given === undefined) {
    if (column.default !== undefined && column.default !== null) given = column.default;
    else if (column.defaultFn) given = column.defaultFn();
    else if (column.onUpdateFn) given = column.onUpdateFn();
  }
  if (given === undefined || given === null) return null;
  // A default given as SQL cannot travel as JSON: packRows sees an object and falls back.
  return is(given, SQL) ? given : column.mapToDriverValue(given);
}

/** The plain way, for values JSON cannot carry: drizzle's own multi-row inserts. */
async function insertWithValues<T extends SQLiteTable>(tx: Tx, table: T, chunk: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < chunk.length; i += 400) await tx.insert(table).values(chunk.slice(i, i + 400) as T['$inferInsert'][]);
}
