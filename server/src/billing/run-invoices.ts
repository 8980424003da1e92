import { and, asc, eq, gt, lte } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, invoiceRuns } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from './billing-context.js';
import { accountPeriodContaining } from './account-periods.js';
import type { AccountRow } from './account-fields.js';
import type { AccountPeriod } from './account-periods.js';
import { type AccountInvoiceInputs, accountInvoiceInputs, buildAccountInvoice, invoiceInputsDigest } from './build-account-invoice.js';
import { listPlans } from './get-plan.js';
import { IsoDateSchema, parseInput } from './input-schemas.js';
import { type InvoiceHeader, loadBatchInputs, loadDraftCharges, loadTaxRates, summarizeCharges } from './load-invoice-inputs.js';
import { type DraftToWrite, writeDraftInvoices } from './write-invoice.js';

export const RunInvoicesInput = z.object({
  /** Each account is invoiced for its period holding this day. */
  billingDate: IsoDateSchema,
  /** Accounts per transaction; a crash loses at most one batch, which the next call redoes. */
  batchSize: z.number().int().min(1).max(5000).default(250),
});
export type RunInvoicesInput = z.input<typeof RunInvoicesInput>;
export type InvoiceRunRow = typeof invoiceRuns.$inferSelect;

/**
 * The invoice run for a billing date: for every account opened by then, one draft invoice
 * for its period holding that date (one per account and period: a unique index).
 * Resumable: the run row keeps the last account done, and calling again continues from
 * there; calling a finished run again starts a fresh pass, which refreshes drafts and,
 * when nothing changed, writes nothing: a draft whose inputs digest is unchanged and that
 * has no new charge due is not even rebuilt (its charges are not read). Approved invoices are never touched, nor an
 * account's earlier period once a later one is invoiced (the later invoice settles it).
 */
export async function runInvoices(ctx: BillingContext, input: RunInvoicesInput): Promise<InvoiceRunRow> {
  const { billingDate, batchSize } = parseInput(RunInvoicesInput, input);
  const run = await startOrResumeRun(ctx, billingDate);
  const plansById = new Map((await listPlans(ctx.db)).map((plan) => [plan.id, plan]));
  const taxRates = await loadTaxRates(ctx.db);

  let cursor = run.cursor;
  for (;;) {
    const done = await ctx.db.transaction(async (tx) => {
      const batch = await tx
        .select()
        .from(accounts)
        .where(and(gt(accounts.id, cursor), lte(accounts.openedOn, billingDate)))
        .orderBy(asc(accounts.id))
        .limit(batchSize);
      if (batch.length === 0) return true;
      const inputs = await loadBatchInputs(
        tx,
        batch.map((account) => account.id),
        plansById,
      );
      const toBuild: { account: AccountRow; period: AccountPeriod; own: InvoiceHeader | null; accountInputs: AccountInvoiceInputs }[] = [];
      let skipped = 0;
      for (const account of batch) {
        const period = accountPeriodContaining(account, billingDate);
        const headers = (inputs.invoicesByAccount.get(account.id) ?? []).filter(
          (header) => header.kind === 'invoice' && header.periodStart !== null,
        );
        const own = headers.find((header) => header.periodStart === period.start) ?? null;
        if (own?.status === 'approved' || headers.some((header) => header.periodStart! > period.start)) continue;
        const accountInputs = accountInvoiceInputs(account, period, inputs, own?.id ?? null);
        // A draft whose inputs are those it was built from, with no new charge due, is as it would be rebuilt.
        if (
          own &&
          accountInputs.dueCharges.length === 0 &&
          own.inputsDigest ===
            invoiceInputsDigest(account, period, accountInputs, taxRates, inputs.heldByDraft.get(own.id) ?? summarizeCharges([]))
        ) {
          skipped += 1;
          continue;
        }
        toBuild.push({ account, period, own, accountInputs });
      }
      const held = await loadDraftCharges(
        tx,
        new Map(toBuild.filter(({ own }) => own !== null).map(({ account, own }) => [own!.id, account.id])),
      );
      const drafts: DraftToWrite[] = toBuild.map(({ account, period, own, accountInputs }) => {
        const built = buildAccountInvoice(account, period, accountInputs, taxRates, own ? (held.get(own.id) ?? []) : []);
        const inputsDigest = invoiceInputsDigest(account, period, accountInputs, taxRates, summarizeCharges(built.chargeIds));
        return { accountId: account.id, currency: account.currency, period, issuedOn: billingDate, draft: own, built, inputsDigest };
      });
      const counts = { created: 0, updated: 0, unchanged: skipped, empty: 0 };
      for (const { outcome } of await writeDraftInvoices(tx, ctx.now, drafts)) counts[outcome] += 1;
      cursor = batch[batch.length - 1].id;
      await tx
        .update(invoiceRuns)
        .set({
          cursor,
          accountsProcessed: run.accountsProcessed + batch.length,
          invoicesCreated: run.invoicesCreated + counts.created,
          invoicesUpdated: run.invoicesUpdated + counts.updated,
          invoicesUnchanged: run.invoicesUnchanged + counts.unchanged,
        })
        .where(eq(invoiceRuns.id, run.id));
      Object.assign(run, {
        accountsProcessed: run.accountsProcessed + batch.length,
        invoicesCreated: run.invoicesCreated + counts.created,
        invoicesUpdated: run.invoicesUpdated + counts.updated,
        invoicesUnchanged: run.invoicesUnchanged + counts.unchanged,
      });
      return batch.length < batchSize;
    });
    if (done) break;
  }
  return ctx.db.transaction(async (tx) => {
    const [finished] = await tx
      .update(invoiceRuns)
      .set({ status: 'completed', finishedAt: ctx.now.toISOString() })
      .where(eq(invoiceRuns.id, run.id))
      .returning();
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'invoice-run.complete',
      entity: 'invoice-run',
      entityId: String(run.id),
      details: { billingDate, created: finished.invoicesCreated, updated: finished.invoicesUpdated, unchanged: finished.invoicesUnchanged },
      requestId: ctx.requestId,
    });
    return finished;
  });
}

async function startOrResumeRun(ctx: BillingContext, billingDate: string): Promise<InvoiceRunRow> {
  return ctx.db.transaction(async (tx) => {
    const fresh = {
      status: 'running' as const,
      cursor: 0,
      accountsProcessed: 0,
      invoicesCreated: 0,
      invoicesUpdated: 0,
      invoicesUnchanged: 0,
      startedAt: ctx.now.toISOString(),
      finishedAt: null,
    };
    const [created] = await tx
      .insert(invoiceRuns)
      .values({ billingDate, ...fresh })
      .onConflictDoNothing({ target: invoiceRuns.billingDate })
      .returning();
    if (created) return created;
    const [existing] = await tx.select().from(invoiceRuns).where(eq(invoiceRuns.billingDate, billingDate)).limit(1);
    if (existing.status === 'running') return existing;
    const [restarted] = await tx
      .update(invoiceRuns)
      .set(fresh)
      .where(and(eq(invoiceRuns.id, existing.id), eq(invoiceRuns.status, 'completed')))
      .returning();
    return restarted;
  });
}
