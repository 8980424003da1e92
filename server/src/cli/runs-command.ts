import { parseArgs } from 'node:util';
import { desc } from 'drizzle-orm';
import { syncRuns } from '../db/schema/index.js';
import { wholeNumber } from './cli-args.js';
import type { Command } from './cli-context.js';
import { describeCounts } from './describe-counts.js';
import { EXIT } from './exit-codes.js';

/** `runs [--limit N]`: the last sync runs. */
export const runsCommand: Command = async (cli, args) => {
  const { values } = parseArgs({ args, options: { limit: { type: 'string', default: '20' } }, strict: true });
  const runs = await cli.database.db
    .select()
    .from(syncRuns)
    .orderBy(desc(syncRuns.id))
    .limit(wholeNumber('limit', values.limit, 1, 1000));
  if (runs.length === 0) cli.out('no sync runs yet');
  for (const run of runs) {
    cli.out(
      `#${run.id} ${run.startedAt} ${run.mode.padEnd(11)} ${run.status.padEnd(9)} ${String(run.durationMs ?? '-').padStart(7)} ms  ${describeCounts(run)}  (${run.trigger})`,
    );
    for (const error of run.errors) cli.out(`    error: ${error}`);
  }
  return EXIT.ok;
};
