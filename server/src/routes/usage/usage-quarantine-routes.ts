import { Hono } from 'hono';
import { and, asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { POWERS } from '../../../../shared/powers.js';
import type { AppDeps } from '../../app-deps.js';
import type { AppEnv } from '../../http/app-env.js';
import { validate } from '../../http/validate.js';
import { syncQuarantine } from '../../db/schema/index.js';
import { USAGE_QUARANTINE_KIND } from '../../usage/quarantine-usage.js';
import { USAGE_QUARANTINE_REASONS } from '../../usage/rating/usage-reasons.js';
import { reprocessUsageItems, UsageItemSelection, writeOffUsageItems } from '../../usage/resolve-usage-quarantine.js';
import { RatingOptionsBody, usageContextOf } from './usage-context-of.js';

const ListQuery = z.object({
  status: z.enum(['open', 'resolved', 'ignored']).default('open'),
  reason: z.enum(USAGE_QUARANTINE_REASONS).optional(),
  afterId: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const ReprocessBody = z.intersection(UsageItemSelection, RatingOptionsBody);

/**
 * Usage items of the quarantine (kind 'usage') and their actions, behind the
 * ConnectWise Quarantine Management power like the sync's items.
 */
export function usageQuarantineRoutes(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/api/v1/usage/quarantine', deps.requirePower(POWERS.quarantine), validate('query', ListQuery), async (c) => {
    const query = c.req.valid('query');
    const items = await deps.db
      .select()
      .from(syncQuarantine)
      .where(
        and(
          eq(syncQuarantine.kind, USAGE_QUARANTINE_KIND),
          eq(syncQuarantine.status, query.status),
          gt(syncQuarantine.id, query.afterId),
          ...(query.reason ? [eq(syncQuarantine.reason, query.reason)] : []),
        ),
      )
      .orderBy(asc(syncQuarantine.id))
      .limit(query.limit);
    return c.json({ items, nextAfterId: items.length === query.limit ? items[items.length - 1].id : null });
  });

  app.post('/api/v1/usage/quarantine/reprocess', deps.requirePower(POWERS.quarantine), validate('json', ReprocessBody), async (c) => {
    return c.json(await reprocessUsageItems(usageContextOf(c, deps), c.req.valid('json')));
  });

  app.post('/api/v1/usage/quarantine/write-off', deps.requirePower(POWERS.quarantine), validate('json', UsageItemSelection), async (c) => {
    return c.json(await writeOffUsageItems(usageContextOf(c, deps), c.req.valid('json')));
  });
  return app;
}
