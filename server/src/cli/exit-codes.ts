// The CLI's exit codes, for a scheduler to act on (docs/cli.md). 0–4 are those the first
// commands (sync, runs, quarantine, push-ticket) always had; new codes are only ever added.
import { ConflictError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { UsageError } from './cli-args.js';

export const EXIT = {
  /** Done; also when there was nothing to do (the output says so). */
  ok: 0,
  /** The run finished with errors, or something failed: look at stderr. */
  failed: 1,
  /** Bad usage or invalid input: nothing was changed. */
  usage: 2,
  /** Busy or refused by state: another sync holds the lease, an invoice is already approved, fully credited… */
  busy: 3,
  /** What was named does not exist (ticket, invoice, invoice run, file). */
  notFound: 4,
  /** Done, but some items were refused (usage lines quarantined, some invoices not approved): see the output. */
  partial: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code of an error that ended a command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError || error instanceof ValidationError) return EXIT.usage;
  if ((error as { code?: unknown })?.code?.toString().startsWith('ERR_PARSE_ARGS')) return EXIT.usage;
  if (error instanceof ConflictError) return EXIT.busy;
  if (error instanceof NotFoundError) return EXIT.notFound;
  return EXIT.failed;
}
