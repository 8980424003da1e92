import { Hono } from 'hono';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { exportStatus, ExportStatusInput } from '../../accounting/export-status.js';

/** What was already exported of a date range (accounting/export-status.ts); the export itself is GET /api/v1/accounting/exports. */
export function exportStatusRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/accounting/export-status', deps.requirePower(POWERS.integration), validate('query', ExportStatusInput), async (c) =>
    c.json(await exportStatus(deps.db, c.req.valid('query'))),
  );
  return app;
}
