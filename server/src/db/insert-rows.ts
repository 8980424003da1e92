import { Column, getTableColumns } from 'drizzle-orm';
import type { ResultSet } from '@libsql/client';
import type { SQLiteInsertBase, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tx } from './client.js';

type Insert<T extends SQLiteTable> = SQLiteInsertBase<T, 'async', ResultSet>;
type DriverTransaction = { execute(statement: { sql: string; args: unknown[] }): Promise<{ rowsAffected: number }> };

export type OnConflict<T extends SQLiteTable> =
  /** Skip rows whose unique key exists (idempotent imports). */
  | { doNothing: Parameters<Insert<T>['onConflictDoNothing']>[0] }
  /** Drizzle's upsert; its `set` may use `excluded.<column>` but must not bind values of its own. */
  | { doUpdate: Parameters<Insert<T>['onConflictDoUpdate']>[0] };

/**
 * Multi-row inserts for wide rows and for `on conflict` clauses, returning how many rows SQLite
 * wrote (inserted, or updated by an upsert): what an idempotent import needs to count new rows
 * and duplicates. Why not `bulkInsert` (db/bulk-insert.ts, one JSON parameter per chunk): it
 * has no conflict clause, and SQLite re-reads a row's JSON for every `value ->> n`, so with
 * the 23 columns of a usage rating it wrote 100,000 rows in 5.2 s against ~1 s here. The statement is built by drizzle once per chunk shape and then run with each
 * chunk's values on the transaction's own connection, so drizzle's per-value cost (about
 * 1.5 µs) is paid once, and the connection reuses one prepared statement for every full chunk
 * (db/statement-cache.ts). The generated `id` is left to the database; a column that no row of
 * a chunk gives is left out (its default applies). Chunk size × columns must stay under
 * SQLite's 32,766 bound values. With a driver whose transaction cannot be reached this way,
 * it falls back to drizzle's own inserts.
 */
/** Chunk statements kept by shape (row count and one-row statement); the least recently used goes. */
const CHUNK_STATEMENTS = 200;
const chunkStatements = new Map<string, string>();

export async function insertRows<T extends SQLiteTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  options: { onConflict?: OnConflict<T>; chunkSize?: number } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const chunkSize = options.chunkSize ?? 500;
  const { onConflict } = options;
  const finish = (insert: Insert<T>) => (onConflict === undefined ? insert : 'doNothing' in onConflict ? insert.onConflictDoNothing(onConflict.doNothing) : insert.onConflictDoUpdate(onConflict.doUpdate));
  let written = 0;
  const driver = (tx as unknown as { session?: { tx?: DriverTransaction } }).session?.tx;
  if (typeof driver?.execute !== 'function') {
    for (let i = 0; i < rows.length; i += chunkSize) {
      written += (await finish(tx.insert(table).values(rows.slice(i, i + chunkSize) as T['$inferInsert'][]) as Insert<T>)).rowsAffected;
    }
    return written;
  }
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== 'id');
  // Per call, the one-row statement of each column set (cheap to build) names the shape: the
  // table, the columns and the conflict clause. The statement for a whole chunk is built once
  // per process and shape (module cache): callers that pass a chunk per call (an import's
  // 500-row statements) would otherwise rebuild a 6,000-parameter statement through drizzle
  // every time (3 s of a 200,000-record import).
  const oneRow = new Map<string, string>();
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize) as Record<string, unknown>[];
    const bound = columns.filter(([key, column]) => column.hasDefault || chunk.some((row) => row[key] !== undefined && row[key] !== null));
    const columnSet = bound.map(([key]) => key).join(',');
    let single = oneRow.get(columnSet);
    if (single === undefined) {
      const query = finish(tx.insert(table).values([Object.fromEntries(bound.map(([key]) => [key, null]))] as T['$inferInsert'][]) as Insert<T>).toSQL();
      // The rows' values are bound below, in order: a clause binding values of its own would shift them.
      if (query.params.length !== bound.length) throw new Error('insertRows: the conflict clause must not bind values (use excluded.<column>)');
      single = query.sql;
      oneRow.set(columnSet, single);
    }
    const shape = `${chunk.length}|${single}`;
    let text = chunkStatements.get(shape);
    if (text === undefined) {
      const template = chunk.map(() => Object.fromEntries(bound.map(([key]) => [key, null])));
      text = finish(tx.insert(table).values(template as T['$inferInsert'][]) as Insert<T>).toSQL().sql;
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
    written += (await driver.execute({ sql: text, args })).rowsAffected;
  }
  return written;
}
