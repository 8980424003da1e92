import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Non-secret settings of the module, one JSON value per key. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull(),
});
