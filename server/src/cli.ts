/**
 * `npm run cli -- <command>`: the ConnectWise sync and the billing desk's batch jobs from a
 * terminal or a scheduler, on the same configuration (server/src/env.ts) and database as the
 * server. Each command is a file of its own in cli/; this file only dispatches, and turns
 * errors into exit codes (cli/exit-codes.ts, docs/cli.md).
 */
import { migrateDatabase, openDatabase } from './db/client.js';
import { DomainError } from './errors/domain-errors.js';
import { readEnv } from './env.js';
import { approveCommand } from './cli/approve-command.js';
import { UsageError } from './cli/cli-args.js';
import { cliClock } from './cli/cli-clock.js';
import type { CliContext, Command } from './cli/cli-context.js';
import { creditNoteCommand } from './cli/credit-note-command.js';
import { EXIT, exitCodeFor } from './cli/exit-codes.js';
import { exportCommand } from './cli/export-command.js';
import { invoiceRunCommand } from './cli/invoice-run-command.js';
import { pushTicketCommand } from './cli/push-ticket-command.js';
import { quarantineCommand } from './cli/quarantine-command.js';
import { runsCommand } from './cli/runs-command.js';
import { syncCommand } from './cli/sync-command.js';
import { usageImportCommand } from './cli/usage-import-command.js';

export const CLI_USAGE = `usage: npm run cli -- <command>
  sync [--full]                 run a ConnectWise sync now (incremental unless --full)
  runs [--limit N]              list the last sync runs (default 20)
  quarantine [--reason R] [--status open|resolved|ignored] [--limit N]
                                list quarantined records (default: open, 100)
  push-ticket <ticketId>        push every time entry of a ticket to billing now
  invoice-run [--billing-date YYYY-MM-DD] [--dry-run]
                                the invoice run for a billing date (default today); resumes an
                                interrupted run; --dry-run: what it would bill, nothing written
  approve <invoiceId...> | --all-drafts [--period-start YYYY-MM-DD]
                                approve drafts (numbered gaplessly); already approved = no error
  credit-note <invoiceId> --full | --amount-cents N --reason "..."
                                credit an approved invoice, all that is left or N net cents;
                                the same invoice and reason again issues nothing
  export --format xero|qbo|json --from YYYY-MM-DD --to YYYY-MM-DD | --run-id N [--again] --out <file>
                                the accounting export into a file (written atomically)
  usage import <file>           import a usage CSV; the same file again adds nothing twice
Billing commands take --json for machine-readable results. Progress goes to stderr.
Exit codes: 0 done (also: nothing to do); 1 failed; 2 bad usage or invalid input, nothing
changed; 3 busy or refused by state (another sync holds the lease, already approved, a draft
cannot be credited); 4 not found (ticket, invoice, run, file); 5 partial: some items refused.`;

const COMMANDS: Record<string, Command> = {
  sync: syncCommand,
  runs: runsCommand,
  quarantine: quarantineCommand,
  'push-ticket': pushTicketCommand,
  'invoice-run': invoiceRunCommand,
  approve: approveCommand,
  'credit-note': creditNoteCommand,
  export: exportCommand,
  'usage import': usageImportCommand,
};

/** The command named by the first word, or the first two (`usage import`), and its arguments. */
function commandOf(argv: string[]): { command: Command; args: string[] } {
  const [first = '', second = '', ...rest] = argv;
  const two = COMMANDS[`${first} ${second}`];
  if (two) return { command: two, args: rest };
  const one = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (one) return { command: one, args: argv.slice(1) };
  throw new UsageError(first === 'usage' ? `unknown usage command "${second}"` : `unknown command "${first}"`);
}

async function main(argv: string[]): Promise<number> {
  const [first] = argv;
  if (!first || first === '--help' || first === 'help') {
    console.log(CLI_USAGE);
    return first ? EXIT.ok : EXIT.usage;
  }
  const { command, args } = commandOf(argv);
  const clock = cliClock();
  const env = readEnv();
  const database = await openDatabase(env.DATABASE_URL);
  try {
    await migrateDatabase(database.db);
    const cli: CliContext = { env, database, clock, out: (line) => process.stdout.write(`${line}\n`), err: process.stderr };
    return await command(cli, args);
  } finally {
    database.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const code = exitCodeFor(error);
    console.error(`error: ${(error as Error).message}`);
    const issues = error instanceof DomainError ? (error.details as { issues?: { path: string; message: string }[] })?.issues : undefined;
    for (const issue of issues ?? []) console.error(`  ${issue.path || '(input)'}: ${issue.message}`);
    if (error instanceof UsageError || (code === EXIT.usage && !(error instanceof DomainError))) console.error(CLI_USAGE);
    else if (!(error instanceof DomainError)) console.error((error as Error).stack);
    process.exitCode = code;
  },
);
