import type { Context, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ValidationError } from './errors.js';
import type { AppEnv } from './app-env.js';
import { recordValidator, type ValidationTarget as Target } from './validator-metadata.js';

/**
 * Validates one part of the request with a zod schema and stores the parsed
 * value; handlers read it with `valid(c, target)`. Bad input becomes a 400
 * envelope listing every problem, and the handler never runs. The middleware is
 * recorded with its target and schema for the OpenAPI document.
 */
export function validate<T extends z.ZodType>(target: Target, schema: T): MiddlewareHandler<AppEnv> {
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    let raw: unknown;
    if (target === 'json') {
      const text = await c.req.text();
      try {
        raw = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw new ValidationError('The request body is not valid JSON.');
      }
    } else if (target === 'query') {
      raw = c.req.query();
    } else {
      raw = c.req.param();
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      throw new ValidationError(`Invalid ${target === 'json' ? 'body' : target}.`, {
        issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const store = (c.get('validated') ?? {}) as Record<string, unknown>;
    store[target] = result.data;
    c.set('validated', store);
    await next();
  };
  return recordValidator(middleware, { target, schema });
}

export function valid<T>(c: Context<AppEnv>, target: Target): T {
  return (c.get('validated') as Record<string, unknown>)[target] as T;
}
