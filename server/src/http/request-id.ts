import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';

/** A request id on every request and response; a caller's own id is kept when it looks sane. */
export const requestId: MiddlewareHandler<AppEnv> = async (c, next) => {
  const incoming = c.req.header('x-request-id');
  const id = incoming && /^[A-Za-z0-9._-]{8,100}$/.test(incoming) ? incoming : crypto.randomUUID();
  c.set('requestId', id);
  c.header('x-request-id', id);
  await next();
};
