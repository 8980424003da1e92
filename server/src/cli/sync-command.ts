import { parseArgs } from 'node:util';
import { runSync } from '../sync/run-sync.js';
import type { Command } from './cli-context.js';
import { describeCounts } from './describe-counts.js';
import { EXIT } from './exit-codes.js';
import { syncDeps } from './sync-deps.js';

/** `sync [--full]`: a ConnectWise sync now, printing each saved page (exit 3 while another holds the lease). */
export const syncCommand: Command = async (cli, args) => {
  const { values } = parseArgs({ args, options: { full: { type: 'boolean', default: false } }, strict: true });
  const mode = values.full ? 'full' : 'incremental';
  const deps = await syncDeps(cli);
  cli.out(`sync (${mode}) with ${deps.cw.credentials.site} …`);
  const pages = new Map<string, number>();
  const run = await runSync(deps, {
    mode,
    trigger: 'cli',
    afterPage: async (stream) => {
      pages.set(stream, (pages.get(stream) ?? 0) + 1);
      cli.out(`  ${stream}: page ${pages.get(stream)} saved`);
    },
  });
  for (const [stream, counts] of Object.entries(run.streams)) cli.out(`  ${stream.padEnd(13)} ${describeCounts(counts)}`);
  cli.out(`run #${run.id} ${run.status} in ${run.durationMs} ms, ${run.requests} requests: ${describeCounts(run)}`);
  for (const error of run.errors) cli.err.write(`  error: ${error}\n`);
  return run.status === 'succeeded' ? EXIT.ok : EXIT.failed;
};
