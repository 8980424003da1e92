import { Hono } from 'hono';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { usageImportRoutes } from './usage-import-routes.js';
import { usageQuarantineRoutes } from './usage-quarantine-routes.js';
import { usageRatingRoutes } from './usage-rating-routes.js';
import { usageHistoryRoutes } from './usage-history-routes.js';

/** Usage import, rating, rate cards, the usage summary, usage quarantine items and the recent imports and runs, under /api/v1/usage. */
export function usageRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.route('/', usageImportRoutes(deps));
  app.route('/', usageRatingRoutes(deps));
  app.route('/', usageQuarantineRoutes(deps));
  app.route('/', usageHistoryRoutes(deps));
  return app;
}
