import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import {
  INVOICE_LISTING_KINDS,
  INVOICE_STATUSES,
  InvoicePageSchema,
  type InvoiceItem,
  type Page,
} from '../../../../shared/schemas/listings.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { idempotent } from '../../http/idempotency.js';
import { describeResponse } from '../../http/response-metadata.js';
import { FROM_AFTER_TO, fromNotAfterTo, listingQuery, pageFrom } from '../../http/listing-page.js';
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

const InvoiceQuery = listingQuery('invoices', {
  accountId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  kind: z.enum(INVOICE_LISTING_KINDS).optional(),
  status: z.enum(INVOICE_STATUSES).optional(),
  periodStart: IsoDateSchema.optional().describe(
    'Invoices of the period starting on this day (immediate invoices and credit notes have none).',
  ),
  from: IsoDateSchema.optional().describe('Issued on or after, YYYY-MM-DD.'),
  to: IsoDateSchema.optional().describe('Issued on or before, YYYY-MM-DD.'),
}).refine(fromNotAfterTo, FROM_AFTER_TO);

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
  app.get(
    '/api/v1/invoices',
    guard(),
    validate('query', InvoiceQuery),
    describeResponse(
      200,
      InvoicePageSchema,
      'One page of invoices and credit notes in id order, without their lines; `nextCursor` is null on the last.',
    ),
    async (c) => {
      const { after, limit, ...filter } = c.req.valid('query');
      const rows = await listInvoices(deps.db, { ...filter, afterId: after ?? 0, limit: limit + 1 });
      return c.json(pageFrom('invoices', rows, limit) satisfies Page<InvoiceItem>);
    },
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
