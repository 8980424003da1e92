// Which approved invoices and credit notes of a date range were already exported, and in
// which formats: what the billing desk shows beside the export buttons, so nobody imports an
// invoice into the accounting system twice. Read-only; the range is the export's own (issue
// dates, both inclusive: load-export-invoices.ts).

import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { ExportStatus } from '../../../shared/schemas/billing-desk.js';
import type { DbOrTx } from '../db/client.js';
import { accountingExportedInvoices, accountingExports, accounts, invoices } from '../db/schema/index.js';
import { IsoDateSchema, parseInput } from '../billing/input-schemas.js';

export const ExportStatusInput = z
  .object({ from: IsoDateSchema, to: IsoDateSchema })
  .refine((input) => input.from <= input.to, 'from must not be after to');
export type ExportStatusInput = z.input<typeof ExportStatusInput>;

const MAX_LISTED = 1000;

export async function exportStatus(db: DbOrTx, input: ExportStatusInput): Promise<ExportStatus> {
  const { from, to } = parseInput(ExportStatusInput, input);
  const rows = await db
    .select({
      invoiceId: invoices.id,
      kind: invoices.kind,
      number: invoices.number,
      accountName: accounts.name,
      issuedOn: invoices.issuedOn,
      currency: invoices.currency,
      totalCents: invoices.totalCents,
    })
    .from(invoices)
    .innerJoin(accounts, eq(accounts.id, invoices.accountId))
    .where(and(eq(invoices.status, 'approved'), gte(invoices.issuedOn, from), lte(invoices.issuedOn, to)))
    .orderBy(asc(invoices.issuedOn), asc(invoices.kind), asc(invoices.number))
    .limit(MAX_LISTED);
  const marks: (typeof accountingExportedInvoices.$inferSelect)[] = [];
  const ids = rows.map((row) => row.invoiceId);
  for (let i = 0; i < ids.length; i += 500) {
    marks.push(
      ...(await db
        .select()
        .from(accountingExportedInvoices)
        .where(inArray(accountingExportedInvoices.invoiceId, ids.slice(i, i + 500)))
        .orderBy(asc(accountingExportedInvoices.format))),
    );
  }
  const exports = await db
    .select()
    .from(accountingExports)
    .where(and(lte(accountingExports.fromDate, to), gte(accountingExports.toDate, from)))
    .orderBy(desc(accountingExports.id))
    .limit(50);
  return {
    from,
    to,
    invoices: rows.map((row) => ({
      ...row,
      exported: marks
        .filter((mark) => mark.invoiceId === row.invoiceId)
        .map(({ format, exportId, exportedAt }) => ({ format, exportId, exportedAt })),
    })),
    exports,
  };
}
