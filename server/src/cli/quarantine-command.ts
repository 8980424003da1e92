import { parseArgs } from 'node:util';
import { and, eq, gt, type SQL } from 'drizzle-orm';
import { syncQuarantine } from '../db/schema/index.js';
import { QUARANTINE_REASONS } from '../quarantine/reasons.js';
import { UsageError, wholeNumber } from './cli-args.js';
import type { Command } from './cli-context.js';
import { EXIT } from './exit-codes.js';

/** `quarantine [--reason R] [--status open|resolved|ignored] [--limit N]`: quarantined records. */
export const quarantineCommand: Command = async (cli, args) => {
  const { values } = parseArgs({
    args,
    options: { reason: { type: 'string' }, status: { type: 'string', default: 'open' }, limit: { type: 'string', default: '100' } },
    strict: true,
  });
  if (values.reason !== undefined && !(QUARANTINE_REASONS as readonly string[]).includes(values.reason))
    throw new UsageError(`--reason must be one of ${QUARANTINE_REASONS.join(', ')}`);
  if (!['open', 'resolved', 'ignored'].includes(values.status)) throw new UsageError('--status must be open, resolved or ignored');
  const where: SQL[] = [gt(syncQuarantine.id, 0), eq(syncQuarantine.status, values.status as 'open')];
  if (values.reason) where.push(eq(syncQuarantine.reason, values.reason));
  const items = await cli.database.db
    .select()
    .from(syncQuarantine)
    .where(and(...where))
    .orderBy(syncQuarantine.id)
    .limit(wholeNumber('limit', values.limit, 1, 10_000));
  for (const item of items)
    cli.out(`#${item.id} ${item.entity} ${item.externalId} ${item.reason} ${item.status} ${JSON.stringify(item.details)}`);
  cli.out(`${items.length} ${values.status} item(s)${values.reason ? ` with reason ${values.reason}` : ''}`);
  return EXIT.ok;
};
