// Exports approved invoices and credit notes for an accounting system, per date range or per
// invoice run, in Xero's or QuickBooks Online's import CSV or as JSON with journals. Exported
// invoices are marked per format in the same transaction that reads them, so an export never
// repeats an invoice unless asked again (`again`), and two exports cannot both take one.

import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accountingExportedInvoices, accountingExports, invoiceRuns } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from '../billing/billing-context.js';
import { IsoDateSchema, parseInput } from '../billing/input-schemas.js';
import { NotFoundError, UnprocessableError } from '../errors/domain-errors.js';
import { DEFAULT_ACCOUNTING_SETTINGS, type AccountingSettings } from './export-invoice.js';
import { invoiceJournal, UnbalancedInvoiceError } from './invoice-journal.js';
import { jsonExport } from './json-export.js';
import { loadExportInvoices } from './load-export-invoices.js';
import { qboInvoicesCsv } from './qbo-invoices-csv.js';
import { xeroInvoicesCsv } from './xero-invoices-csv.js';

export const EXPORT_FORMATS = ['xero', 'qbo', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportInvoicesInput = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    /** The invoices of one invoice run (its billing date). */
    runId: z.coerce.number().int().positive().optional(),
    again: z.boolean().default(false),
  })
  .refine(
    (input) => (input.runId === undefined) === (input.from !== undefined && input.to !== undefined),
    'give either from and to, or runId',
  )
  .refine((input) => input.from === undefined || input.to === undefined || input.from <= input.to, 'from must not be after to');
export type ExportInvoicesInput = z.input<typeof ExportInvoicesInput>;

export type ExportResult = { exportId: number | null; invoiceIds: number[]; contentType: string; fileName: string; body: string };

export async function exportInvoices(
  ctx: BillingContext,
  input: ExportInvoicesInput,
  settings: AccountingSettings = DEFAULT_ACCOUNTING_SETTINGS,
): Promise<ExportResult> {
  const parsed = parseInput(ExportInvoicesInput, input);
  return ctx.db.transaction(async (tx) => {
    let { from, to } = parsed;
    if (parsed.runId !== undefined) {
      const [run] = await tx.select().from(invoiceRuns).where(eq(invoiceRuns.id, parsed.runId));
      if (!run) throw new NotFoundError(`No invoice run ${parsed.runId}.`);
      from = to = run.billingDate;
    }
    const exportable = await loadExportInvoices(tx, { from: from!, to: to!, format: parsed.format, again: parsed.again, settings });
    for (const invoice of exportable) {
      try {
        invoiceJournal(invoice, settings);
      } catch (error) {
        if (error instanceof UnbalancedInvoiceError) throw new UnprocessableError(error.message, { invoiceId: invoice.invoiceId });
        throw error;
      }
    }
    const fileName = `invoices-${from}-to-${to}.${parsed.format === 'json' ? 'json' : 'csv'}`;
    const body =
      parsed.format === 'xero'
        ? xeroInvoicesCsv(exportable, settings)
        : parsed.format === 'qbo'
          ? qboInvoicesCsv(exportable, settings)
          : JSON.stringify(jsonExport(exportable, settings));
    const contentType = parsed.format === 'json' ? 'application/json' : 'text/csv; charset=utf-8';
    const invoiceIds = exportable.map((invoice) => invoice.invoiceId);
    if (invoiceIds.length === 0) return { exportId: null, invoiceIds, contentType, fileName, body };

    const at = ctx.now.toISOString();
    const [{ id: exportId }] = await tx
      .insert(accountingExports)
      .values({
        format: parsed.format,
        fromDate: from!,
        toDate: to!,
        again: parsed.again,
        invoiceCount: invoiceIds.length,
        actor: ctx.actor,
        createdAt: at,
      })
      .returning({ id: accountingExports.id });
    for (let i = 0; i < invoiceIds.length; i += 1000) {
      await tx
        .insert(accountingExportedInvoices)
        .values(invoiceIds.slice(i, i + 1000).map((invoiceId) => ({ invoiceId, format: parsed.format, exportId, exportedAt: at })))
        .onConflictDoUpdate({
          target: [accountingExportedInvoices.invoiceId, accountingExportedInvoices.format],
          set: { exportId, exportedAt: at },
        });
    }
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'accounting.exported',
      entity: 'accounting_export',
      entityId: String(exportId),
      details: { format: parsed.format, from, to, again: parsed.again, invoices: invoiceIds.length },
      requestId: ctx.requestId,
    });
    return { exportId, invoiceIds, contentType, fileName, body };
  });
}
