import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import type { AppDeps } from '../../app-deps.js';

/** The billing core's REST API under /api/v1 (accounts, catalog, subscriptions, charges, invoices). */
export function billingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  void deps;
  return app;
}
