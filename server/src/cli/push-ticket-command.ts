import { parseArgs } from 'node:util';
import { pushTicketToBilling } from '../sync/push-to-billing.js';
import { UsageError, wholeNumber } from './cli-args.js';
import type { Command } from './cli-context.js';
import { EXIT } from './exit-codes.js';
import { syncDeps } from './sync-deps.js';

/** `push-ticket <ticketId>`: every time entry of a ticket to billing now (exit 4 for a ticket ConnectWise does not have). */
export const pushTicketCommand: Command = async (cli, args) => {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('push-ticket takes one ticket id');
  const ticketId = wholeNumber('ticketId', positionals[0], 1, 2_147_483_647);
  const result = await pushTicketToBilling({ ...(await syncDeps(cli)), actor: 'cli' }, ticketId);
  for (const entry of result.timeEntries) {
    const detail =
      entry.outcome === 'quarantined'
        ? entry.reason
        : entry.outcome === 'skipped'
          ? entry.why
          : `${entry.chargeSource}${entry.invoiceId ? ` (invoice ${entry.invoiceId})` : ''}`;
    cli.out(`time entry ${entry.timeEntryId}: ${entry.outcome} — ${detail}`);
  }
  cli.out(`ticket ${ticketId}: ${result.timeEntries.length} time entr${result.timeEntries.length === 1 ? 'y' : 'ies'}`);
  return EXIT.ok;
};
