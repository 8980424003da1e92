import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/client.js';
import { idempotencyKeys } from '../db/schema/index.js';
import type { AppEnv } from './app-env.js';
import { IdempotencyMismatchError, ValidationError } from '../errors/domain-errors.js';

const KEY_SHAPE = /^[\x21-\x7e]{1,200}$/;

// The middlewares `idempotent` made, so the OpenAPI document (http/openapi.ts) can say which
// routes take the header; a WeakSet leaves the middleware itself as it is.
const idempotentHandlers = new WeakSet<object>();

/** Whether a route's handler is an `idempotent` middleware (the route takes `Idempotency-Key`). */
export function isIdempotencyMiddleware(handler: unknown): boolean {
  return typeof handler === 'function' && idempotentHandlers.has(handler);
}

/**
 * `Idempotency-Key` on a POST: the first successful answer is stored per caller and key;
 * the same key with the same request gets that answer again (header `idempotent-replayed`)
 * without running anything, and the same key with a different request is a 409
 * `idempotency_mismatch`. Failed answers are not stored, so a retry after a failure runs
 * again. Without the header the route runs as usual (the use cases are idempotent by their
 * natural keys anyway; the header makes the *answer* repeatable too).
 * Goes after the power guard, which must stay the route's first handler.
 */
export function idempotent(deps: { db: Db; clock: () => Date }): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return next();
    if (!KEY_SHAPE.test(key)) throw new ValidationError('The Idempotency-Key header must be 1–200 printable characters.');
    const tokenId = c.get('principal').tokenId;
    const path = new URL(c.req.url).pathname;
    const requestHash = createHash('sha256')
      .update(`${c.req.method}\n${path}\n${await c.req.text()}`)
      .digest('hex');

    const [stored] = await deps.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.tokenId, tokenId), eq(idempotencyKeys.key, key)))
      .limit(1);
    if (stored) {
      if (stored.requestHash !== requestHash) {
        throw new IdempotencyMismatchError('This Idempotency-Key was used with a different request.', { key });
      }
      return new Response(stored.responseBody, {
        status: stored.responseStatus,
        headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' },
      });
    }
    await next();
    if (c.res.status >= 200 && c.res.status < 300) {
      const responseBody = await c.res.clone().text();
      await deps.db
        .insert(idempotencyKeys)
        .values({
          tokenId,
          key,
          method: c.req.method,
          path,
          requestHash,
          responseStatus: c.res.status,
          responseBody,
          createdAt: deps.clock().toISOString(),
        })
        .onConflictDoNothing();
    }
  };
  idempotentHandlers.add(middleware);
  return middleware;
}
