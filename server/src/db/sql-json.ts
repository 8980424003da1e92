import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column IN (the values)` with the whole list as ONE bound JSON parameter, read back by
 * SQLite's `json_each`. A sync page asks about 1,000 ids at a time: as 1,000 bound
 * parameters, building the statement costs more than running it (drizzle inspects every
 * parameter); as one JSON text it is a few microseconds. The column's affinity applies to
 * the values, and SQLite still looks them up through the column's index.
 */
export function inJsonList(column: SQLWrapper, values: readonly (number | string)[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(values)}))`;
}
