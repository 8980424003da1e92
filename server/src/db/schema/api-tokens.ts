import { sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

/**
 * Bearer credentials. Only a SHA-256 hash of the token is stored; the token
 * itself is shown once when issued. `kind = 'session'` rows are short-lived
 * tokens opened for a ConnectWise member verified through the Hosted API.
 */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['api', 'session'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** First characters of the token, so an admin can tell tokens apart. */
    tokenPrefix: text('token_prefix').notNull(),
    powers: text('powers', { mode: 'json' }).$type<string[]>().notNull(),
    memberIdentifier: text('member_identifier'),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_tokens_member_idx').on(t.memberIdentifier)],
);
