import { Hono } from 'hono';
import { z } from 'zod';
import { faultSettingsSchema } from '../faults/fault-settings.js';
import type { FaultInjector } from '../faults/fault-injector.js';
import type { CallbackDispatcher } from '../callbacks/delivery.js';

/**
 * The simulator's own controls, outside Manage's paths (`/simulator/...`), so
 * a test or a demo can switch faults at run time:
 *   GET  /simulator/faults            → the current settings
 *   POST /simulator/faults {…}        → replace them (unset = off); `{}` turns everything off
 *   GET  /simulator/callbacks/attempts → every callback delivery attempt so far
 */
export function simulatorAdminRoutes(deps: { faults: FaultInjector; callbacks: CallbackDispatcher }): Hono {
  const app = new Hono();
  app.get('/simulator/faults', (c) => c.json(deps.faults.settings));
  app.post('/simulator/faults', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ code: 'InvalidSettings', message: 'The body must be a JSON object of fault settings.' }, 400);
    }
    const parsed = faultSettingsSchema.safeParse(body);
    if (!parsed.success) return c.json({ code: 'InvalidSettings', message: z.prettifyError(parsed.error) }, 400);
    return c.json(deps.faults.configure(parsed.data));
  });
  app.get('/simulator/callbacks/attempts', (c) => c.json(deps.callbacks.attempts.map(({ body: _body, ...attempt }) => attempt)));
  return app;
}
