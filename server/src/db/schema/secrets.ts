import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Secrets (ConnectWise private keys) encrypted with AES-256-GCM; never stored in clear. */
export const secrets = sqliteTable('secrets', {
  name: text('name').primaryKey(),
  ciphertext: text('ciphertext').notNull(),
  iv: text('iv').notNull(),
  tag: text('tag').notNull(),
  updatedAt: text('updated_at').notNull(),
});
