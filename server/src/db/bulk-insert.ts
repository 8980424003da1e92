import { getTableColumns } from 'drizzle-orm';
import type { ResultSet } from '@libsql/client';
import type { SQLiteInsertBase, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tx } from './client.js';

type DriverTransaction = { execute(statement: { sql: string; args: unknown[] }): Promise<{ rowsAffected: number }> };

export type BulkInsertOptions<T extends SQLiteTable> = {
  /** Skips rows that hit a unique constraint (`true`: any; or drizzle's `{target}`). */
  onConflictDoNothing?: true | Parameters<SQLiteInsertBase<T, 'async', ResultSet>['onConflictDoNothing']>[0];
  /** Drizzle's upsert config. Its `set` must not depend on a row's values other than through `excluded`. */
  onConflictDoUpdate?: Parameters<SQLiteInsertBase<T, 'async', ResultSet>['onConflictDoUpdate']>[0];
};

/**
 * Inserts many rows in `tx`, fast. The statement text is built by drizzle's query builder
 * once per chunk size and then run with each chunk's parameters on the transaction's own
 * connection. Why: drizzle rebuilds a statement on every call at about 1.5 µs per value,
 * which made building SQL text, not SQLite, the main cost of an invoice run (hundreds of
 * thousands of lines). The generated `id` is left to the database.
 * With a driver whose transaction cannot be reached this way, it falls back to plain inserts.
 * Optionally `on conflict do nothing / do update` (built by drizzle too); returns the number
 * of rows written (inserted or updated), as SQLite counts them.
 */
export async function bulkInsert<T extends SQLiteTable>(
  tx: Tx,
  table: T,
  rows: readonly T['$inferInsert'][],
  chunkSize = 400,
  options: BulkInsertOptions<T> = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const finish = (insert: SQLiteInsertBase<T, 'async', ResultSet>) => {
    if (options.onConflictDoNothing) return insert.onConflictDoNothing(options.onConflictDoNothing === true ? undefined : options.onConflictDoNothing);
    if (options.onConflictDoUpdate) return insert.onConflictDoUpdate(options.onConflictDoUpdate);
    return insert;
  };
  let inserted = 0;
  const driver = (tx as unknown as { session?: { tx?: DriverTransaction } }).session?.tx;
  if (typeof driver?.execute !== 'function') {
    for (let i = 0; i < rows.length; i += chunkSize) {
      inserted += (await finish(tx.insert(table).values(rows.slice(i, i + chunkSize) as T['$inferInsert'][]) as SQLiteInsertBase<T, 'async', ResultSet>)).rowsAffected;
    }
    return inserted;
  }
  // Drizzle binds the columns a row gives, in the table's column order, and writes a literal
  // null for a column without a default that a row leaves out: leaving out the columns a whole
  // chunk has no value for saves binding them (most invoice lines fill about half the columns).
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key !== 'id');
  const statements = new Map<string, string>();
  for (let i = 0; i < rows.length; i += chunkSize) {
    const chunk = rows.slice(i, i + chunkSize) as Record<string, unknown>[];
    const bound = columns.filter(([key, column]) => column.hasDefault || chunk.some((row) => row[key] !== undefined && row[key] !== null));
    const shape = `${chunk.length}|${bound.map(([key]) => key).join(',')}`;
    let text = statements.get(shape);
    if (text === undefined) {
      const template = chunk.map((row) => Object.fromEntries(bound.map(([key]) => [key, row[key] ?? null])));
      const query = finish(tx.insert(table).values(template as T['$inferInsert'][]) as SQLiteInsertBase<T, 'async', ResultSet>).toSQL();
      // The rows' values are bound below; a conflict clause with values of its own would shift them.
      if (query.params.length !== chunk.length * bound.length) throw new Error('bulkInsert: the conflict clause must not bind values (use excluded.<column>)');
      text = query.sql;
      statements.set(shape, text);
    }
    const args: unknown[] = [];
    for (const row of chunk) {
      for (const [key, column] of bound) {
        const value = row[key];
        args.push(value === undefined || value === null ? null : column.mapToDriverValue(value));
      }
    }
    inserted += (await driver.execute({ sql: text, args })).rowsAffected;
  }
  return inserted;
}
