import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, invoiceRuns } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { keepRunAlive, newRunHolder, runHolderIsGone, runLeaseExpiry } from '../db/run-holder.js';
import { ConflictError } from '../errors/domain-errors.js';
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
 * Resumable: the run row keeps the last account done (and its counts) with every batch, and
 * a call after a run that was interrupted (its process killed, or an error) continues from
 * there in a run of its own; calling after a finished run starts a fresh pass, which refreshes drafts and,
 * when nothing changed, writes nothing: a draft whose inputs digest is unchanged and that
 * has no new charge due is not even rebuilt (its charges are not read). Approved invoices are never touched, nor an
 * account's earlier period once a later one is invoiced (the later invoice settles it).
 */
export async function runInvoices(
  ctx: BillingContext,
  input: RunInvoicesInput,
  hooks: { /** After each batch commits (tests stop the process there). */ afterBatch?: () => Promise<void> } = {},
): Promise<InvoiceRunRow> {
  const { billingDate, batchSize } = parseInput(RunInvoicesInput, input);
  const holder = newRunHolder();
  const run = await startRun(ctx, billingDate, holder);
  const heartbeat = keepRunAlive(() =>
    ctx.db.transaction((tx) =>
      tx
        .update(invoiceRuns)
        .set({ leaseExpiresAt: runLeaseExpiry() })
        .where(and(eq(invoiceRuns.id, run.id), eq(invoiceRuns.holder, holder))),
    ),
  );
  try {
    return await runBatches(ctx, run, { billingDate, batchSize }, hooks.afterBatch);
  } catch (error) {
    // This process is alive but the run stopped: the next call resumes from its cursor at once.
    await ctx.db.update(invoiceRuns).set({ status: 'interrupted', leaseExpiresAt: null }).where(eq(invoiceRuns.id, run.id));
    throw error;
  } finally {
    heartbeat.stop();
  }
}

async function runBatches(
  ctx: BillingContext,
  run: InvoiceRunRow,
  { billingDate, batchSize }: { billingDate: string; batchSize: number },
  afterBatch: (() => Promise<void>) | undefined,
): Promise<InvoiceRunRow> {
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
    await afterBatch?.();
  }
  return ctx.db.transaction(async (tx) => {
    const [finished] = await tx
      .update(invoiceRuns)
      .set({ status: 'completed', finishedAt: ctx.now.toISOString(), leaseExpiresAt: null })
      .where(eq(invoiceRuns.id, run.id))
      .returning();
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'invoice-run.complete',
      entity: 'invoice-run',
      entityId: String(run.id),
      details: {
        billingDate,
        created: finished.invoicesCreated,
        updated: finished.invoicesUpdated,
        unchanged: finished.invoicesUnchanged,
        resumedFromRunId: finished.resumedFrom?.runId ?? null,
      },
      requestId: ctx.requestId,
    });
    return finished;
  });
}

/**
 * The run of this call. The date's last run tells where to start: still running under a live
 * holder, a 409 (one run per date at a time); running with its holder gone (its process was
 * killed) or already marked interrupted, this run continues after its cursor and names it in
 * `resumedFrom` (a holder that is gone is marked interrupted here: this is the takeover);
 * completed, or none, a fresh pass from the first account. One write transaction: two calls
 * cannot both take the same interrupted run over.
 */
async function startRun(ctx: BillingContext, billingDate: string, holder: string): Promise<InvoiceRunRow> {
  return ctx.db.transaction(async (tx) => {
    const [last] = await tx
      .select()
      .from(invoiceRuns)
      .where(eq(invoiceRuns.billingDate, billingDate))
      .orderBy(desc(invoiceRuns.id))
      .limit(1);
    let resumed: InvoiceRunRow | null = last?.status === 'interrupted' ? last : null;
    if (last?.status === 'running') {
      if (!runHolderIsGone(last))
        throw new ConflictError(`The invoice run for ${billingDate} is already running (run ${last.id}).`, { runId: last.id });
      await tx.update(invoiceRuns).set({ status: 'interrupted' }).where(eq(invoiceRuns.id, last.id));
      resumed = last;
    }
    const [created] = await tx
      .insert(invoiceRuns)
      .values({
        billingDate,
        status: 'running',
        cursor: resumed?.cursor ?? 0,
        accountsProcessed: 0,
        invoicesCreated: 0,
        invoicesUpdated: 0,
        invoicesUnchanged: 0,
        startedAt: ctx.now.toISOString(),
        finishedAt: null,
        holder,
        leaseExpiresAt: runLeaseExpiry(),
        resumedFrom: resumed ? { runId: resumed.id, cursor: resumed.cursor, accountsProcessed: resumed.accountsProcessed } : null,
      })
      .returning();
    return created;
  });
}
