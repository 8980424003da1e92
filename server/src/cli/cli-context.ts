// What every command gets: the configuration, the open database, the clock and the two
// output streams (results on stdout, progress and problems on stderr).
import type { BillingContext } from '../billing/billing-context.js';
import type { Database } from '../db/client.js';
import type { Env } from '../env.js';
import type { ExitCode } from './exit-codes.js';
import type { ProgressStream } from './progress.js';

export interface CliContext {
  env: Env;
  database: Database;
  clock: () => Date;
  /** One line of results (stdout). */
  out(line: string): void;
  /** Progress and warnings (stderr). */
  err: ProgressStream;
}

/** A command: its arguments (after its name) in, an exit code out; errors become exit codes in cli.ts. */
export type Command = (cli: CliContext, args: string[]) => Promise<ExitCode>;

/** The billing use cases' context for one step of a command, at the clock's now. */
export function billingContext(cli: CliContext): BillingContext {
  return { db: cli.database.db, now: cli.clock(), actor: 'cli' };
}

/** Machine-readable results (`--json`): one JSON document on stdout. */
export function printJson(cli: CliContext, value: unknown): void {
  cli.out(JSON.stringify(value, null, 2));
}
