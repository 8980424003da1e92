import { Hono } from 'hono';
import { POWERS } from '../../../shared/powers.js';
import type { AppEnv } from '../http/app-env.js';
import type { AppDeps } from '../app-deps.js';

/** Who the presented token is, and what it may do ("test connection" in the extension). */
export function meRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/me', deps.requirePower(POWERS.integration), (c) => {
    const p = c.get('principal');
    return c.json({ name: p.name, kind: p.kind, powers: [...p.powers], memberIdentifier: p.memberIdentifier });
  });
  return app;
}
