import { sqliteTable, text, primaryKey } from 'drizzle-orm/sqlite-core';

/**
 * How a ConnectWise setup value maps to billing (docs/connectwise/product.md "Mappings"): one row per
 * (kind, ConnectWise key), e.g. ('company_type', '1') or ('work_role_type', '3:1').
 * `value` is the kind's JSON shape (validated in server/src/sync/mappings/mapping-kinds.ts).
 */
export const syncMappings = sqliteTable(
  'sync_mappings',
  {
    kind: text('kind').notNull(),
    cwKey: text('cw_key').notNull(),
    cwName: text('cw_name').notNull(),
    value: text('value', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.cwKey] })],
);
