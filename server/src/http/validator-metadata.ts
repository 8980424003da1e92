import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';

export type ValidationTarget = 'json' | 'query' | 'param';

export interface ValidatorMetadata {
  target: ValidationTarget;
  schema: z.ZodType;
}

/**
 * What each `validate(target, schema)` middleware checks, keyed by the middleware itself, so
 * the OpenAPI document (http/openapi.ts) reads the very schemas the routes enforce. A WeakMap
 * rather than a property on the function: the middleware stays exactly what it was.
 */
const validators = new WeakMap<MiddlewareHandler, ValidatorMetadata>();

export function recordValidator<H extends MiddlewareHandler>(handler: H, metadata: ValidatorMetadata): H {
  validators.set(handler, metadata);
  return handler;
}

export function validatorOf(handler: unknown): ValidatorMetadata | undefined {
  return typeof handler === 'function' ? validators.get(handler as MiddlewareHandler) : undefined;
}
