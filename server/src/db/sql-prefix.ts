import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * `column` starts with `prefix`, exactly (no LIKE wildcards to escape, case kept). Written
 * as a comparison of the column's first characters, so SQLite does not take the column's
 * index for it: listings walk the primary key in id order, and a prefix that matches most
 * rows (`connectwise:time:`) read through the index would have every page sort them all.
 */
export function startsWith(column: SQLWrapper, prefix: string): SQL {
  return sql`substr(${column}, 1, length(${prefix})) = ${prefix}`;
}
