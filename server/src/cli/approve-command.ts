import { parseArgs } from 'node:util';
import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { approveInvoice } from '../billing/approve-invoice.js';
import { invoices } from '../db/schema/index.js';
import { isoDate, rowId, UsageError } from './cli-args.js';
import { billingContext, type CliContext, type Command, printJson } from './cli-context.js';
import { EXIT, type ExitCode, exitCodeFor } from './exit-codes.js';
import { moneyText } from './money-text.js';
import { startProgress } from './progress.js';

type Outcome =
  | { invoiceId: number; outcome: 'approved' | 'already_approved'; number: string; totalCents: number; currency: string }
  | { invoiceId: number; outcome: 'refused'; error: string; exitCode: ExitCode };

/**
 * `approve <invoiceId...> | --all-drafts [--period-start YYYY-MM-DD] [--json]`: drafts made
 * final, one transaction each (the billing core numbers them gaplessly, in the order given,
 * or by id with --all-drafts). Resumable: an invoice approved already is reported as such and
 * is no failure, so a command cut off half way is simply run again.
 * Exit: 0 all approved (or already); for a refused one, its own code (4 unknown, 3 not a
 * draft any more) when every invoice was refused alike, else 5 (partial).
 */
export const approveCommand: Command = async (cli, args) => {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'all-drafts': { type: 'boolean', default: false },
      'period-start': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values['all-drafts'] === positionals.length > 0) throw new UsageError('approve takes invoice ids or --all-drafts (one of them)');
  if (values['period-start'] !== undefined && !values['all-drafts']) throw new UsageError('--period-start goes with --all-drafts');
  const periodStart = values['period-start'] === undefined ? undefined : isoDate('--period-start', values['period-start']);
  const ids = values['all-drafts'] ? await draftIds(cli, periodStart) : positionals.map((text) => rowId('invoiceId', text));

  if (ids.length === 0) {
    if (values.json) printJson(cli, { approved: 0, alreadyApproved: 0, refused: 0, invoices: [] });
    else cli.out(`no drafts to approve${periodStart ? ` for the period starting ${periodStart}` : ''}`);
    return EXIT.ok;
  }
  const progress = startProgress('approve', { unit: 'invoices', total: ids.length, stream: cli.err });
  const outcomes: Outcome[] = [];
  for (const invoiceId of ids) {
    outcomes.push(await approveOne(cli, invoiceId));
    progress.update(outcomes.length);
  }
  progress.finish();

  const tally = (outcome: Outcome['outcome']) => outcomes.filter((o) => o.outcome === outcome).length;
  if (values.json) {
    printJson(cli, {
      approved: tally('approved'),
      alreadyApproved: tally('already_approved'),
      refused: tally('refused'),
      invoices: outcomes,
    });
  } else {
    for (const o of outcomes) {
      if (o.outcome === 'refused') cli.out(`invoice ${o.invoiceId}: refused — ${o.error}`);
      else
        cli.out(
          `invoice ${o.invoiceId}: ${o.outcome === 'approved' ? 'approved as' : 'already approved as'} ${o.number}, total ${moneyText(o.totalCents, o.currency)}`,
        );
    }
    cli.out(`approved ${tally('approved')}, already approved ${tally('already_approved')}, refused ${tally('refused')}`);
  }
  const refused = outcomes.flatMap((o) => (o.outcome === 'refused' ? [o.exitCode] : []));
  if (refused.length === 0) return EXIT.ok;
  if (refused.length === outcomes.length && refused.every((code) => code === refused[0])) return refused[0];
  return EXIT.partial;
};

async function approveOne(cli: CliContext, invoiceId: number): Promise<Outcome> {
  const [invoice] = await cli.database.db.select().from(invoices).where(eq(invoices.id, invoiceId)).limit(1);
  if (invoice?.kind === 'invoice' && invoice.status === 'approved')
    return { invoiceId, outcome: 'already_approved', number: invoice.number!, totalCents: invoice.totalCents, currency: invoice.currency };
  if (invoice?.kind === 'credit_note')
    return { invoiceId, outcome: 'refused', error: `${invoice.number} is a credit note, not an invoice`, exitCode: EXIT.usage };
  try {
    const approved = await approveInvoice(billingContext(cli), { invoiceId });
    return { invoiceId, outcome: 'approved', number: approved.number!, totalCents: approved.totalCents, currency: approved.currency };
  } catch (error) {
    const exitCode = exitCodeFor(error);
    if (exitCode === EXIT.failed) throw error;
    return { invoiceId, outcome: 'refused', error: (error as Error).message, exitCode };
  }
}

/** Every draft invoice (of one period), by id: the order in which they get their numbers. */
async function draftIds(cli: CliContext, periodStart: string | undefined): Promise<number[]> {
  const ids: number[] = [];
  for (;;) {
    const where: SQL[] = [gt(invoices.id, ids.at(-1) ?? 0), eq(invoices.kind, 'invoice'), eq(invoices.status, 'draft')];
    if (periodStart !== undefined) where.push(eq(invoices.periodStart, periodStart));
    const page = await cli.database.db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(...where))
      .orderBy(asc(invoices.id))
      .limit(1000);
    ids.push(...page.map((row) => row.id));
    if (page.length < 1000) return ids;
  }
}
