import { parseArgs } from 'node:util';
import { and, count, desc, eq, lte, sum } from 'drizzle-orm';
import { todayOf } from '../billing/billing-context.js';
import { addDays } from '../billing/periods.js';
import { type InvoiceRunPreview, previewInvoiceRun } from '../billing/preview-invoice-run.js';
import { runInvoices } from '../billing/run-invoices.js';
import { accounts, invoiceRuns, invoices } from '../db/schema/index.js';
import { isoDate, UsageError } from './cli-args.js';
import { billingContext, type CliContext, type Command, printJson } from './cli-context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { moneyText } from './money-text.js';
import { startProgress } from './progress.js';

// How often a running invoice run's row is read for the progress line (it commits per batch).
const POLL_MS = 200;

/**
 * `invoice-run [--billing-date YYYY-MM-DD] [--dry-run] [--json]`: the invoice run for a
 * billing date (default: today), or with `--dry-run` what it would bill, writing nothing.
 * Resumable by the billing core: an interrupted run continues from its last batch, and a
 * finished run run again rewrites only the drafts whose inputs changed.
 */
export const invoiceRunCommand: Command = async (cli, args) => {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'billing-date': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`invoice-run takes no arguments, got "${positionals.join(' ')}"`);
  const billingDate = values['billing-date'] === undefined ? todayOf(cli.clock()) : isoDate('--billing-date', values['billing-date']);
  return values['dry-run'] ? dryRun(cli, billingDate, values.json) : realRun(cli, billingDate, values.json);
};

async function dryRun(cli: CliContext, billingDate: string, json: boolean): Promise<ExitCode> {
  const progress = startProgress('invoice-run --dry-run', { unit: 'accounts', stream: cli.err });
  const preview = await previewInvoiceRun({ db: cli.database.db }, { billingDate }, (done, total) => progress.update(done, total));
  progress.finish();
  if (json) printJson(cli, { dryRun: true, ...preview });
  else printPreview(cli, preview);
  return EXIT.ok;
}

function printPreview(cli: CliContext, preview: InvoiceRunPreview): void {
  cli.out(`dry run of the invoice run for ${preview.billingDate}: nothing is written`);
  for (const invoice of preview.invoices) {
    const action = { create: 'new draft', update: `draft ${invoice.draftId} rebuilt`, unchanged: `draft ${invoice.draftId} unchanged` }[
      invoice.outcome
    ];
    cli.out(
      `account ${invoice.accountId} ${invoice.accountName} (${invoice.currency}), period ${invoice.periodStart} to ${addDays(invoice.periodEnd, -1)}: ${action}, ${invoice.lines} line(s)`,
    );
    for (const section of invoice.sections) {
      cli.out(
        `  ${section.section.padEnd(9)} ${String(section.lines).padStart(4)} line(s)  net ${moneyText(section.netCents, invoice.currency)}  tax ${moneyText(section.taxCents, invoice.currency)}`,
      );
    }
    cli.out(
      `  invoice   net ${moneyText(invoice.netCents, invoice.currency)}  tax ${moneyText(invoice.taxCents, invoice.currency)}  total ${moneyText(invoice.totalCents, invoice.currency)}`,
    );
  }
  const outcomes = (outcome: string) => preview.invoices.filter((invoice) => invoice.outcome === outcome).length;
  cli.out(
    `${preview.accounts} account(s): would create ${outcomes('create')}, rebuild ${outcomes('update')}, leave ${outcomes('unchanged')} unchanged; ` +
      `${preview.nothingToBill} with nothing to bill; skipped ${preview.skipped.approved} approved, ${preview.skipped.laterPeriodInvoiced} with a later period invoiced`,
  );
  for (const total of preview.totals) cli.out(`total ${describeTotals(total)}`);
}

async function realRun(cli: CliContext, billingDate: string, json: boolean): Promise<ExitCode> {
  const db = cli.database.db;
  const opened = lte(accounts.openedOn, billingDate);
  const [{ total }] = await db.select({ total: count() }).from(accounts).where(opened);
  const [last] = await db.select().from(invoiceRuns).where(eq(invoiceRuns.billingDate, billingDate)).orderBy(desc(invoiceRuns.id)).limit(1);
  if (!json) {
    const how = !last
      ? 'a new run'
      : last.status === 'completed'
        ? `run #${last.id} completed before: a fresh pass rewrites only the drafts whose inputs changed`
        : // A running one whose process is gone is taken over by the billing core; a live one refuses (exit 3).
          `run #${last.id} was ${last.status}: continuing after account ${last.cursor}`;
    cli.out(`invoice run for ${billingDate}: ${how}`);
  }

  // The run commits a batch of accounts at a time and moves its cursor (the last account id
  // done) with it; the accounts up to the cursor are the work done, whichever run did them.
  const progress = startProgress('invoice-run', { unit: 'accounts', total, stream: cli.err });
  let polling = false;
  const poll = setInterval(async () => {
    if (polling) return;
    polling = true;
    try {
      const [row] = await db
        .select({ cursor: invoiceRuns.cursor, status: invoiceRuns.status })
        .from(invoiceRuns)
        .where(eq(invoiceRuns.billingDate, billingDate))
        .orderBy(desc(invoiceRuns.id))
        .limit(1);
      if (row?.status === 'running') {
        const [{ done }] = await db
          .select({ done: count() })
          .from(accounts)
          .where(and(opened, lte(accounts.id, row.cursor)));
        progress.update(done);
      }
    } catch {
      // A progress line is not worth failing the run for; the next poll tries again.
    } finally {
      polling = false;
    }
  }, POLL_MS);
  let run: Awaited<ReturnType<typeof runInvoices>>;
  try {
    run = await runInvoices(billingContext(cli), { billingDate });
  } finally {
    clearInterval(poll);
  }
  progress.update(total);
  progress.finish();

  const drafts = await draftTotals(cli, billingDate);
  if (json) {
    printJson(cli, { dryRun: false, run, drafts });
    return EXIT.ok;
  }
  cli.out(
    `run #${run.id} ${run.status}${run.resumedFrom ? ` (continued run #${run.resumedFrom.runId})` : ''}: ${run.accountsProcessed} account(s), created ${run.invoicesCreated}, updated ${run.invoicesUpdated}, unchanged ${run.invoicesUnchanged}`,
  );
  if (drafts.length === 0) cli.out(`no drafts issued on ${billingDate}`);
  for (const total of drafts) cli.out(`drafts issued on ${billingDate}: ${describeTotals(total)}`);
  return EXIT.ok;
}

type Totals = { currency: string; invoices: number; netCents: number; taxCents: number; totalCents: number };

/** The drafts the run leaves for approval (issued on its billing date), per currency. */
async function draftTotals(cli: CliContext, billingDate: string): Promise<Totals[]> {
  const rows = await cli.database.db
    .select({
      currency: invoices.currency,
      invoices: count(),
      netCents: sum(invoices.netCents),
      taxCents: sum(invoices.taxCents),
      totalCents: sum(invoices.totalCents),
    })
    .from(invoices)
    .where(and(eq(invoices.kind, 'invoice'), eq(invoices.status, 'draft'), eq(invoices.issuedOn, billingDate)))
    .groupBy(invoices.currency)
    .orderBy(invoices.currency);
  return rows.map((row) => ({
    currency: row.currency,
    invoices: row.invoices,
    netCents: Number(row.netCents),
    taxCents: Number(row.taxCents),
    totalCents: Number(row.totalCents),
  }));
}

function describeTotals(total: Totals): string {
  const { currency } = total;
  return `${total.invoices} invoice(s) in ${currency}, net ${moneyText(total.netCents, currency)}, tax ${moneyText(total.taxCents, currency)}, total ${moneyText(total.totalCents, currency)}`;
}
