import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Powers an admin granted to a ConnectWise member (identifier stored lower-case). */
export const memberGrants = sqliteTable('member_grants', {
  memberIdentifier: text('member_identifier').primaryKey(),
  powers: text('powers', { mode: 'json' }).$type<string[]>().notNull(),
  grantedBy: text('granted_by').notNull(),
  updatedAt: text('updated_at').notNull(),
});
