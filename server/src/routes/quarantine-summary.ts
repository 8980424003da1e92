import { Hono } from 'hono';
import { POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';
import { quarantineSummary } from '../quarantine/quarantine-summary.js';

/** How many items wait in the quarantine, by reason (the extension's popup shows it). */
export function quarantineSummaryRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/connectwise/quarantine-summary', deps.requirePower(POWERS.quarantine), async (c) =>
    c.json(await quarantineSummary(deps.db)),
  );
  return app;
}
