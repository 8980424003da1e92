import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getOrInsert } from '../../../shared/get-or-insert.js';
import { PayloadTooLargeError } from '../errors/domain-errors.js';
import type { AppEnv } from './app-env.js';

/** What a JSON body may weigh unless its route says otherwise: far above any single record. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** A route's own cap, in bytes, or `streamed`: the route reads the body as it arrives and bounds it itself. */
export interface BodyLimitRule {
  method: string;
  path: string;
  maxBytes: number | 'streamed';
}

/**
 * Caps every request body before anything reads it, the token check included, so that no
 * caller (a public route's least of all) can make the server hold an unbounded body. A
 * declared content-length over the cap is refused up front; a chunked body is counted as it
 * arrives and refused at the cap. The answer is a 413 envelope, `payload_too_large`.
 */
export function limitRequestBodies(defaultMaxBytes: number, rules: readonly BodyLimitRule[]): MiddlewareHandler<AppEnv> {
  const limiters = new Map<number, MiddlewareHandler>();
  const limiterFor = (maxBytes: number) =>
    getOrInsert(limiters, maxBytes, () =>
      bodyLimit({
        maxSize: maxBytes,
        onError: () => {
          throw new PayloadTooLargeError(`The request body is larger than this route takes (${maxBytes} bytes).`, { maxBytes });
        },
      }),
    );
  return async (c, next) => {
    const rule = rules.find((r) => r.method === c.req.method && r.path === c.req.path);
    if (rule?.maxBytes === 'streamed') return next();
    return limiterFor(rule?.maxBytes ?? defaultMaxBytes)(c, next);
  };
}
