import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { NotFoundError } from '../../errors/domain-errors.js';
import { invoiceRuns } from '../../db/schema/index.js';
import { RunInvoicesInput, runInvoices } from '../../billing/run-invoices.js';
import { invoiceAccountNow } from '../../billing/invoice-account-now.js';
import { approveInvoice } from '../../billing/approve-invoice.js';
import { IssueCreditNoteInput, issueCreditNote } from '../../billing/issue-credit-note.js';
import { getInvoice, listInvoices } from '../../billing/get-invoice.js';
import { renderInvoiceDocument } from '../../billing/render-invoice-document.js';
import { IsoDateSchema } from '../../billing/input-schemas.js';
import { billingContextOf, IdParam } from './billing-context-of.js';

const InvoiceQuery = z.object({
  accountId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  status: z.enum(['draft', 'approved']).optional(),
  periodStart: IsoDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Invoice runs, immediate invoices, approval, credit notes and the printable document. */
export function invoiceRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const guard = () => deps.requirePower(POWERS.integration);

  app.post('/api/v1/invoice-runs', guard(), idempotent(deps), validate('json', RunInvoicesInput), async (c) =>
    c.json(await runInvoices(billingContextOf(c, deps), c.req.valid('json'))),
  );
  app.get('/api/v1/invoice-runs/:id', guard(), validate('param', IdParam), async (c) => {
    const [run] = await deps.db
      .select()
      .from(invoiceRuns)
      .where(eq(invoiceRuns.id, c.req.valid('param').id))
      .limit(1);
    if (!run) throw new NotFoundError('No such invoice run.');
    return c.json(run);
  });
  app.post('/api/v1/accounts/:id/immediate-invoice', guard(), idempotent(deps), validate('param', IdParam), async (c) =>
    c.json(await invoiceAccountNow(billingContextOf(c, deps), { accountId: c.req.valid('param').id }), 201),
  );
  app.get('/api/v1/invoices', guard(), validate('query', InvoiceQuery), async (c) =>
    c.json({ invoices: await listInvoices(deps.db, c.req.valid('query')) }),
  );
  app.get('/api/v1/invoices/:id', guard(), validate('param', IdParam), async (c) =>
    c.json(await getInvoice(deps.db, c.req.valid('param').id)),
  );
  app.post('/api/v1/invoices/:id/approve', guard(), idempotent(deps), validate('param', IdParam), async (c) =>
    c.json(await approveInvoice(billingContextOf(c, deps), { invoiceId: c.req.valid('param').id })),
  );
  app.post(
    '/api/v1/invoices/:id/credit-notes',
    guard(),
    idempotent(deps),
    validate('param', IdParam),
    validate('json', IssueCreditNoteInput.omit({ invoiceId: true })),
    async (c) =>
      c.json(await issueCreditNote(billingContextOf(c, deps), { ...c.req.valid('json'), invoiceId: c.req.valid('param').id }), 201),
  );
  app.get('/api/v1/invoices/:id/document', guard(), validate('param', IdParam), async (c) =>
    c.html(await renderInvoiceDocument(deps.db, c.req.valid('param').id)),
  );
  return app;
}
