import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './app-env.js';

export interface ResponseMetadata {
  status: 200 | 201 | 202 | 207;
  schema: z.ZodType;
  description: string;
}

const responses = new WeakMap<MiddlewareHandler, ResponseMetadata>();

/**
 * Declares, for the OpenAPI document (http/openapi.ts), the JSON body a route answers with
 * `status`: `app.get(path, guard(), validate(...), describeResponse(200, Schema, '...'), handler)`.
 * It does nothing to the request: the handler's own type (`satisfies` the schema's type)
 * and the tests that parse real responses with the schema keep the two in step. Schemas
 * carrying `.meta({ id })` become named components, shared by every route that uses them.
 * Routes without one are described from their handler's source (status only).
 */
export function describeResponse(status: ResponseMetadata['status'], schema: z.ZodType, description: string): MiddlewareHandler<AppEnv> {
  const marker: MiddlewareHandler<AppEnv> = async (_c, next) => {
    await next();
  };
  responses.set(marker as MiddlewareHandler, { status, schema, description });
  return marker;
}

export function responseOf(handler: unknown): ResponseMetadata | undefined {
  return typeof handler === 'function' ? responses.get(handler as MiddlewareHandler) : undefined;
}
