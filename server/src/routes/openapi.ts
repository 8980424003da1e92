import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { buildOpenApiDocument, type OpenApiOptions, type RegisteredRoute } from '../http/openapi.js';

export const OPENAPI_PATH = '/api/v1/openapi.json';

/**
 * The OpenAPI document of the app's own routes. Public: integrators read it before they hold a
 * token. Built on the first request, when every route is registered, then served as the same text.
 */
export function openApiRoutes(registeredRoutes: () => readonly RegisteredRoute[], options: OpenApiOptions) {
  const app = new Hono<AppEnv>();
  let document: string | undefined;
  app.get(OPENAPI_PATH, (c) => {
    document ??= JSON.stringify(buildOpenApiDocument(registeredRoutes(), options));
    return c.body(document, 200, { 'content-type': 'application/json; charset=UTF-8' });
  });
  return app;
}
