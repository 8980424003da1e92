// Saves built invoices as drafts: creates them, or refreshes existing drafts in place.
import { and, eq, inArray, isNull, lt, notInArray, or, type SQL } from 'drizzle-orm';
import { bulkInsert } from '../db/bulk-insert.js';
import type { Tx } from '../db/client.js';
import { charges, invoiceLines, invoices } from '../db/schema/index.js';
import { ConflictError } from '../http/errors.js';
import type { AccountPeriod } from './account-periods.js';
import { ARREARS_KINDS, type BuiltInvoice } from './build-invoice.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'empty';

export type DraftToWrite = {
  accountId: number;
  currency: string;
  period: AccountPeriod | null;
  issuedOn: string;
  /** The draft being refreshed, if any. */
  draft: { id: number; contentHash: string } | null;
  built: BuiltInvoice;
};

/** The SQL twin of `isChargeDue` for pending charges (build-invoice.ts). */
function dueCondition(period: AccountPeriod | null): SQL | undefined {
  if (period === null) return undefined;
  const arrears = [...ARREARS_KINDS];
  return or(and(inArray(charges.kind, arrears), lt(charges.chargeDate, period.start)), and(notInArray(charges.kind, arrears), lt(charges.chargeDate, period.end)));
}

/**
 * Writes each built invoice in `tx`: nothing when a draft's content hash is unchanged (a
 * re-run changes nothing), no invoice at all when there is nothing to bill. The lines of all
 * the invoices go in together (a run writes them by the hundred thousand). Charges are
 * claimed by a conditional update (`invoice_id is null`, one statement per account, by the
 * same due rule the build applied), and the claimed set must be exactly the built one:
 * otherwise the whole transaction fails, so no charge is ever on two invoices or missed.
 */
export async function writeDraftInvoices(tx: Tx, now: Date, drafts: readonly DraftToWrite[]): Promise<{ outcome: WriteOutcome; invoiceId: number | null }[]> {
  const at = now.toISOString();
  const results: { outcome: WriteOutcome; invoiceId: number | null }[] = [];
  const lines: (typeof invoiceLines.$inferInsert)[] = [];
  const toClaim: { input: DraftToWrite; invoiceId: number }[] = [];

  for (const input of drafts) {
    const { built, draft } = input;
    if (draft && draft.contentHash === built.contentHash) {
      results.push({ outcome: 'unchanged', invoiceId: draft.id });
      continue;
    }
    if (!draft && built.lines.length === 0) {
      results.push({ outcome: 'empty', invoiceId: null });
      continue;
    }
    const totals = { netCents: built.netCents, taxCents: built.taxCents, totalCents: built.totalCents, contentHash: built.contentHash, updatedAt: at };
    let invoiceId: number;
    if (draft) {
      const [updated] = await tx.update(invoices).set(totals).where(and(eq(invoices.id, draft.id), eq(invoices.status, 'draft'))).returning({ id: invoices.id });
      if (!updated) throw new ConflictError(`Invoice ${draft.id} is no longer a draft.`);
      invoiceId = draft.id;
      await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId));
    } else {
      const [created] = await tx
        .insert(invoices)
        .values({ accountId: input.accountId, kind: 'invoice', status: 'draft', periodStart: input.period?.start ?? null, periodEnd: input.period?.end ?? null, issuedOn: input.issuedOn, currency: input.currency, ...totals, createdAt: at })
        .onConflictDoNothing()
        .returning({ id: invoices.id });
      if (!created) throw new ConflictError(`Account ${input.accountId} already has an invoice for ${input.period?.start}.`);
      invoiceId = created.id;
    }
    for (const line of built.lines) lines.push({ ...line, invoiceId, creditedLineId: null });
    toClaim.push({ input, invoiceId });
    results.push({ outcome: draft ? 'updated' : 'created', invoiceId });
  }

  await bulkInsert(tx, invoiceLines, lines);
  for (const { input, invoiceId } of toClaim) await claimCharges(tx, input, invoiceId);
  return results;
}

async function claimCharges(tx: Tx, input: DraftToWrite, invoiceId: number): Promise<void> {
  const expected = new Set(input.built.chargeIds);
  const taken = await tx
    .update(charges)
    .set({ invoiceId })
    .where(and(eq(charges.accountId, input.accountId), isNull(charges.invoiceId), dueCondition(input.period)))
    .returning({ id: charges.id });
  const heldBefore = input.draft ? (await tx.select({ id: charges.id }).from(charges).where(and(eq(charges.accountId, input.accountId), eq(charges.invoiceId, invoiceId)))).length - taken.length : 0;
  if (taken.some((row) => !expected.has(row.id)) || taken.length + heldBefore !== expected.size) {
    throw new ConflictError('The pending charges changed while the invoice was built; run again.');
  }
}
