import { Hono } from 'hono';
import { sql } from 'drizzle-orm';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';

export function healthRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/health', async (c) => {
    await deps.db.run(sql`select 1`);
    return c.json({ status: 'ok', time: deps.clock().toISOString() });
  });
  return app;
}
