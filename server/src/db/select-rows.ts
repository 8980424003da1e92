import { Column, is, SQL, sql, type Subquery } from 'drizzle-orm';
import type { DbOrTx } from './client.js';

/** A select built by drizzle's query builder (`db.select({...}).from(...).where(...)`). */
type BuiltSelect<Row> = PromiseLike<Row[]> & { as(alias: string): unknown };
type Decoder = { mapFromDriverValue(value: unknown): unknown };

/**
 * Runs `query` and returns the same rows it would, fast, for reads of tens of thousands of
 * rows. Why: the libSQL client turns every row into an object with two property definitions
 * per column, which made reading an invoice run's 500,000 charges cost more than all of
 * SQLite's own work. Here SQLite packs the rows into one JSON text
 * (`select json_group_array(json_array(a, b)) from (<query>)`) and `JSON.parse` unpacks it,
 * about ten times faster. That is SQLite's JSON, kept here in db/ (PostgreSQL has
 * `json_agg`). The selection must be plain columns with distinct names, or aliased `sql`
 * (`sql<number>\`...\`.as('name')`); values are decoded as drizzle decodes them. Rows keep
 * the query's order. JSON carries integers up to 2^53 and text exactly (reals with 15
 * significant digits, blobs not at all): use it for such columns.
 */
export async function selectRows<Row>(db: DbOrTx, query: BuiltSelect<Row>): Promise<Row[]> {
  const inner = query.as('selected_rows') as Subquery & Record<string, SQL>;
  const fields = Object.entries(inner._.selectedFields as Record<string, unknown>);
  // Plain columns (numbers, text) decode as themselves: only the others are called per value.
  const decoders: (Decoder | null)[] = fields.map(([key, field]) => {
    if (is(field, Column)) return field.mapFromDriverValue === Column.prototype.mapFromDriverValue ? null : field;
    if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
    throw new TypeError(`selectRows: give "${key}" as a column or an aliased sql expression.`);
  });
  const packed = sql<string>`json_group_array(json_array(${sql.join(
    fields.map(([key]) => inner[key]),
    sql`, `,
  )}))`;
  const [result] = await db.select({ packed }).from(inner);
  return (JSON.parse(result.packed) as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const value = values[i];
      const decoder = decoders[i];
      row[fields[i][0]] = value === null || decoder === null ? value : decoder.mapFromDriverValue(value);
    }
    return row as Row;
  });
}
