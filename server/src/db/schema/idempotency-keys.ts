import { sqliteTable, text, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Answers already given to POSTs carrying an `Idempotency-Key`, replayed for the same key and body. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The caller: keys are per token, so two callers cannot collide. */
    tokenId: text('token_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: text('response_body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('idempotency_keys_unique').on(t.tokenId, t.key)],
);
