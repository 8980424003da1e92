import { inArray } from 'drizzle-orm';
import { syncQuarantine } from '../db/schema/index.js';
import { ValidationError } from '../errors/domain-errors.js';
import type { SyncDeps } from './run-sync.js';
import { reprocessUsageItems, writeOffUsageItems } from '../usage/resolve-usage-quarantine.js';
import { applyQuarantineActions, type ActionRequest } from './quarantine-actions.js';
import type { QuarantineActionResult } from '../../../shared/schemas/module-pages.js';

/**
 * One queue, one set of actions: ConnectWise items and usage items (Emersion's
 * rating quarantine) sit in the same table and are resolved through the same
 * call. Usage items are re-processed (retry: identify → bucket → rate again) or
 * written off (ignore); they have nothing to link or create.
 */
export async function resolveQuarantineItems(
  deps: SyncDeps & { actor: string; requestId?: string },
  requests: ActionRequest[],
): Promise<QuarantineActionResult[]> {
  const kinds = new Map<number, string>();
  const ids = requests.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await deps.db
      .select({ id: syncQuarantine.id, kind: syncQuarantine.kind })
      .from(syncQuarantine)
      .where(inArray(syncQuarantine.id, ids.slice(i, i + 500)))) {
      kinds.set(row.id, row.kind);
    }
  }
  const usage = requests.filter((r) => kinds.get(r.id) === 'usage');
  const bad = usage.find((r) => r.action === 'link' || r.action === 'create');
  if (bad) throw new ValidationError(`Item ${bad.id} is a usage record: re-process (retry) or write it off (ignore).`);

  const ctx = { db: deps.db, now: deps.clock(), actor: deps.actor, requestId: deps.requestId };
  const retry = usage.filter((r) => r.action === 'retry').map((r) => r.id);
  const writeOff = usage.filter((r) => r.action === 'ignore').map((r) => r.id);
  if (retry.length > 0) await reprocessUsageItems(ctx, { ids: retry });
  if (writeOff.length > 0) await writeOffUsageItems(ctx, { ids: writeOff });

  const others = requests.filter((r) => kinds.get(r.id) !== 'usage');
  const results = others.length > 0 ? await applyQuarantineActions(deps, others) : [];
  if (usage.length === 0) return results;
  const after = await deps.db
    .select()
    .from(syncQuarantine)
    .where(
      inArray(
        syncQuarantine.id,
        usage.map((r) => r.id),
      ),
    );
  return [...results, ...after.map((r) => ({ id: r.id, status: r.status, reason: r.reason }))];
}
