import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ValidationError } from '../errors/domain-errors.js';
import type { AppEnv } from './app-env.js';
import { recordValidator, type ValidationTarget as Target } from './validator-metadata.js';

/** What `validate(target, schema)` adds to a route's input: the schema's input and output types at `target`. */
export interface Validated<K extends Target, T extends z.ZodType> {
  in: { [P in K]: z.input<T> };
  out: { [P in K]: z.output<T> };
}

/**
 * Validates one part of the request with a zod schema and stores the parsed
 * value where `c.req.valid(target)` reads it, typed by the schema's output. Bad
 * input becomes a 400 envelope listing every problem, and the handler never
 * runs. The middleware is recorded with its target and schema for the OpenAPI
 * document.
 */
export function validate<K extends Target, T extends z.ZodType, P extends string = string>(
  target: K,
  schema: T,
): MiddlewareHandler<AppEnv, P, Validated<K, T>> {
  const middleware: MiddlewareHandler<AppEnv, P, Validated<K, T>> = async (c, next) => {
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
    // An optional body parses to undefined; Hono types the stored value as `{}` but keeps it as is.
    // biome-ignore lint/complexity/noBannedTypes: `{}` is the type Hono's addValidatedData declares.
    c.req.addValidatedData(target, result.data as {});
    await next();
  };
  return recordValidator(middleware, { target, schema });
}
