import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { EXPORT_FORMATS, exportInvoices } from '../../accounting/export-invoices.js';
import { usageContextOf } from '../usage/usage-context-of.js';
import { exportStatusRoutes } from './export-status.js';

const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS),
  from: z.string().optional(),
  to: z.string().optional(),
  runId: z.coerce.number().int().positive().optional(),
  again: z.enum(['true', 'false']).default('false'),
});

/**
 * The accounting export (docs/accounting-export.md). A GET that marks what it hands out, so
 * the next call gives only invoices approved since; `again=true` repeats already exported ones.
 */
export function accountingRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.get('/api/v1/accounting/exports', deps.requirePower(POWERS.integration), validate('query', ExportQuery), async (c) => {
    const query = c.req.valid('query');
    const result = await exportInvoices(usageContextOf(c, deps), {
      format: query.format,
      from: query.from,
      to: query.to,
      runId: query.runId,
      again: query.again === 'true',
    });
    c.header('content-type', result.contentType);
    c.header('content-disposition', `attachment; filename="${result.fileName}"`);
    c.header('x-exported-invoices', String(result.invoiceIds.length));
    if (result.exportId !== null) c.header('x-export-id', String(result.exportId));
    c.header('cache-control', 'no-store');
    return c.body(result.body);
  });
  app.route('/', exportStatusRoutes(deps));
  return app;
}
