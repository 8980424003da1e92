import { Column, getTableColumns, getTableName } from 'drizzle-orm';
import type { ResultSet } from '@libsql/client';
import type { SQLiteInsertBase, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tx } from './client.js';
import { getOrInsert } from '../../../shared/get-or-insert.js';

type Insert<T extends SQLiteTable> = SQLiteInsertBase<T, 'async', ResultSet>;
type WriteResult = { rowsAffected: number; lastInsertRowid?: bigint | number | undefined };
type DriverTransaction = { execute(statement: { sql: string; args: unknown[] }): Promise<WriteResult> };

export type OnConflict<T extends SQLiteTable> =
  /** Skip rows whose unique key exists (idempotent imports). */
  | { doNothing: Parameters<Insert<T>['onConflictDoNothing']>[0] }
  /** Drizzle's upsert; its `set` may use `excluded.<column>` but must not bind values of its own. */
  | { doUpdate: Parameters<Insert<T>['onConflictDoUpdate']>[0] };

/**
 * Multi-row inserts for wide rows and for `on conflict` clauses, returning how many rows SQLite
 * wrote (inserted, or updated by an upsert): what an idempotent import needs to count new rows
 * and duplicates, and the fastest way found here to write many rows through libSQL. Why
 * not one JSON parameter per chunk unpacked by `json_each` (what the invoice run and the sync
 * did before): SQLite parses a row's JSON again for every `value ->> n`, so with the 23
 * columns of a usage rating it wrote 100,000 rows in 5.2 s against ~1 s here, and the sync's
 * charges and the invoice run's lines are faster this way too (BENCHMARKS.md).
 * Drizzle builds the one-row statement of each column set once per process (cached by the
 * conflict options object, or the table when there are none: callers keep those objects in
 * constants); a chunk's statement is that one with its values tuple repeated, so neither
 * drizzle's per-value cost (about 1.5 µs) nor its garbage is paid per chunk (an import's
 * last chunk of each transaction has a size of its own: building those through drizzle was
 * a tenth of all it allocated). Values are bound on the transaction's own connection, which
 * reuses one prepared statement per text (patches/libsql-statement-cache.ts). The generated `id` is left
 * to the database; a column that no row of a chunk gives is left out (its default applies).
 * Chunk size × columns must stay under SQLite's 32,766 bound values. The rows after the last
 * full chunk go in chunks of powers of two (437 = 256 + 128 + 32 + 16 + 4 + 1), so a table
 * has a handful of statement shapes, not one per remainder: libsql keeps every statement it
 * prepared, with its compiled program and its last values, for the life of the process. With a driver whose
 * transaction cannot be reached this way, it falls back to drizzle's own inserts.
 */
const oneRowStatements = new WeakMap<object, Map<string, OneRowStatement>>();
type OneRowStatement = { readonly head: string; readonly tuple: string; readonly tail: string };
/** Chunk statements kept by text shape (row count and one-row statement); the least recently used goes. */
const CHUNK_STATEMENTS = 200;
const chunkStatements = new Map<string, string>();

export async function insertRows<T extends SQLiteTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflict?: OnConflict<T>; chunkSize?: number } = {},
): Promise<number> {
  return (await insertRowsWithLastId(tx, table, rows, options)).written;
}

/**
 * `insertRows`, also giving the rowid of the last row written (0 when none was): with an
 * AUTOINCREMENT key and the transaction the only writer, the rows it added took consecutive
 * ids ending there, so a caller can know them without reading them back.
 */
export async function insertRowsWithLastId<T extends SQLiteTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflict?: OnConflict<T>; chunkSize?: number } = {},
): Promise<{ written: number; lastInsertRowid: number }> {
  let lastInsertRowid = 0;
  const note = (result: WriteResult) => {
    if (result.rowsAffected > 0 && result.lastInsertRowid !== undefined) lastInsertRowid = Number(result.lastInsertRowid);
    return result.rowsAffected;
  };
  if (rows.length === 0) return { written: 0, lastInsertRowid };
  const chunkSize = options.chunkSize ?? 500;
  const { onConflict } = options;
  const finish = (insert: Insert<T>) =>
    onConflict === undefined
      ? insert
      : 'doNothing' in onConflict
        ? insert.onConflictDoNothing(onConflict.doNothing)
        : insert.onConflictDoUpdate(onConflict.doUpdate);
  let written = 0;
  const driver = (tx as unknown as { session?: { tx?: DriverTransaction } }).session?.tx;
  if (typeof driver?.execute !== 'function') {
    for (let i = 0; i < rows.length; i += chunkSize) {
      written += note(await finish(tx.insert(table).values(rows.slice(i, i + chunkSize) as T['$inferInsert'][]) as Insert<T>));
    }
    return { written, lastInsertRowid };
  }
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== 'id');
  // The conflict options name the table too (their target is one of its columns).
  const owner: object = onConflict ?? table;
  const byColumns = getOrInsert(oneRowStatements, owner, () => new Map());
  for (const [from, to] of chunkBounds(rows.length, chunkSize)) {
    const chunk = rows.slice(from, to) as Record<string, unknown>[];
    const bound = columns.filter(([key, column]) => column.hasDefault || chunk.some((row) => row[key] !== undefined && row[key] !== null));
    const columnSet = `${getTableName(table)}:${bound.map(([key]) => key).join(',')}`;
    let single = byColumns.get(columnSet);
    if (single === undefined) {
      single = splitOneRow(
        finish(
          tx.insert(table).values([Object.fromEntries(bound.map(([key]) => [key, null]))] as T['$inferInsert'][]) as Insert<T>,
        ).toSQL(),
        bound.length,
      );
      byColumns.set(columnSet, single);
    }
    const shape = `${chunk.length}|${single.head}${single.tuple}${single.tail}`;
    let text = chunkStatements.get(shape);
    if (text === undefined) {
      text = `${single.head}${new Array<string>(chunk.length).fill(single.tuple).join(', ')}${single.tail}`;
      chunkStatements.set(shape, text);
      if (chunkStatements.size > CHUNK_STATEMENTS) chunkStatements.delete(chunkStatements.keys().next().value!);
    } else {
      // Most recently used last: the Map's order is the eviction order.
      chunkStatements.delete(shape);
      chunkStatements.set(shape, text);
    }
    // Plain columns (text, integers) bind their values as they are: only the others are
    // mapped per value (JSON, timestamps), which saves a call for each of millions of values.
    const keys = bound.map(([key]) => key);
    const mappers = bound.map(([, column]) => (column.mapToDriverValue === Column.prototype.mapToDriverValue ? null : column));
    const args: unknown[] = new Array(chunk.length * keys.length);
    let n = 0;
    for (const row of chunk) {
      for (let c = 0; c < keys.length; c++) {
        const value = row[keys[c]];
        const mapper = mappers[c];
        args[n++] = value === undefined || value === null ? null : mapper === null ? value : mapper.mapToDriverValue(value);
      }
    }
    written += note(await driver.execute({ sql: text, args }));
  }
  return { written, lastInsertRowid };
}

/**
 * Drizzle's one-row statement cut around its values tuple, e.g. `(null, ?, ?, null)`: every
 * given value bound as a placeholder, the columns left out as literals.
 */
function splitOneRow(query: { sql: string; params: unknown[] }, columnCount: number): OneRowStatement {
  // The rows' values are bound in order: a clause binding values of its own would shift them.
  if (query.params.length !== columnCount) throw new Error('insertRows: the conflict clause must not bind values (use excluded.<column>)');
  const at = query.sql.indexOf(' values (');
  const start = at + ' values '.length;
  const end = query.sql.indexOf(')', start) + 1;
  const tuple = query.sql.slice(start, end);
  const placeholders = tuple.split('?').length - 1;
  if (at === -1 || query.sql.indexOf(' values (', start) !== -1 || tuple.indexOf('(', 1) !== -1 || placeholders !== columnCount) {
    throw new Error(`insertRows: cannot find the values of ${query.sql}`);
  }
  return { head: query.sql.slice(0, start), tuple, tail: query.sql.slice(end) };
}

/**
 * `[from, to)` of each chunk: full chunks of `chunkSize`, then the rest in chunks of
 * decreasing powers of two.
 */
export function chunkBounds(count: number, chunkSize: number): [number, number][] {
  const bounds: [number, number][] = [];
  let from = 0;
  for (; from + chunkSize <= count; from += chunkSize) bounds.push([from, from + chunkSize]);
  for (let size = 2 ** Math.floor(Math.log2(Math.max(1, count - from))); from < count; size /= 2) {
    if (from + size <= count) {
      bounds.push([from, from + size]);
      from += size;
    }
  }
  return bounds;
}
