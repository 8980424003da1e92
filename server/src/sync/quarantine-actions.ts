import { and, eq, inArray } from 'drizzle-orm';
import { syncQuarantine } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import { BillingPort } from './billing-port.js';
import { saveMapping } from '../mappings/mapping-store.js';
import { streamNamed } from './streams/index.js';
import { syncRecord, type SyncDeps } from './run-sync.js';
import type { StreamName } from './stream-def.js';
import { companyKey } from './stream-def.js';
import type { QuarantineRow } from '../quarantine/quarantine-store.js';
import { readSetting } from '../settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../settings/sync-options.js';

export const QUARANTINE_ACTIONS = ['retry', 'link', 'create', 'ignore'] as const;
export type QuarantineAction = (typeof QUARANTINE_ACTIONS)[number];
export const MAX_BULK_IDS = 1000;
export const MAX_CSV_LINES = 20_000;
/** The bulk-action CSV is read whole; the HTTP edge refuses a larger body before reading it. */
export const MAX_QUARANTINE_CSV_BYTES = 2_000_000;

const STREAM_OF_ENTITY: Record<string, StreamName> = {
  company: 'companies',
  contact: 'contacts',
  time_entry: 'time_entries',
  product: 'products',
  expense: 'expenses',
};
const PRODUCT_REASONS: Record<string, 'work_role_type' | 'catalog_item' | 'expense_type'> = {
  unmapped_work_role_type: 'work_role_type',
  unmapped_catalog_item: 'catalog_item',
  unmapped_expense_type: 'expense_type',
};

export interface ActionRequest {
  action: QuarantineAction;
  id: number;
  /** link: the account (companies, contacts, unknown_company) or product to use. */
  accountId?: number;
  productId?: number;
}

/**
 * Resolves quarantine items (docs/connectwise/product.md "Quarantine"): retry after a mapping is fixed,
 * link to an existing account/product, create what is missing, or ignore (write off).
 * Decisions are stored on the item (keyed on the ConnectWise record) so every re-sync
 * applies them again. Links and creations end with a retry that moves the record on.
 */
export async function applyQuarantineActions(
  deps: SyncDeps & { actor: string },
  requests: ActionRequest[],
): Promise<{ id: number; status: string; reason: string }[]> {
  const ids = requests.map((r) => r.id);
  const rows = new Map<number, QuarantineRow>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await deps.db
      .select()
      .from(syncQuarantine)
      .where(inArray(syncQuarantine.id, ids.slice(i, i + 500))))
      rows.set(row.id, row);
  }
  const missing = ids.filter((id) => !rows.has(id));
  if (missing.length > 0)
    throw new NotFoundError(`No quarantine item ${missing.slice(0, 10).join(', ')}.`, { missing: missing.slice(0, 100) });
  for (const request of requests) validateRequest(request, rows.get(request.id)!);

  const now = deps.clock();
  const toRetry: QuarantineRow[] = [];
  // Decisions first, all or nothing.
  await deps.db.transaction(async (tx) => {
    for (const request of requests) {
      const row = rows.get(request.id)!;
      const decision =
        request.action === 'ignore'
          ? { action: 'ignore' }
          : request.action === 'link'
            ? { action: 'link', accountId: request.accountId, productId: request.productId }
            : request.action === 'create'
              ? { action: 'create' }
              : row.decision;
      await tx
        .update(syncQuarantine)
        .set({
          decision: decision ?? null,
          status: request.action === 'ignore' ? 'ignored' : row.status === 'ignored' ? 'open' : row.status,
          updatedAt: now.toISOString(),
        })
        .where(eq(syncQuarantine.id, row.id));
      await recordAudit(tx, {
        at: now,
        actor: deps.actor,
        action: `quarantine.${request.action}`,
        entity: 'sync_quarantine',
        entityId: String(row.id),
        details: { entity: row.entity, externalId: row.externalId, reason: row.reason, decision },
      });
      if (request.action !== 'ignore') toRetry.push(row);
    }
  });
  const billing = new BillingPort(deps.db, now, deps.actor, deps.currency);
  for (const row of toRetry) {
    const request = requests.find((r) => r.id === row.id)!;
    if (request.action === 'create') await createFor(row, billing, deps, now);
    if (row.kind !== 'sync') continue;
    await syncRecord(deps, streamNamed(STREAM_OF_ENTITY[row.entity]), Number(row.externalId)).catch(() => undefined);
  }
  const after = await deps.db
    .select()
    .from(syncQuarantine)
    .where(inArray(syncQuarantine.id, ids.slice(0, 1000)));
  return after.map((r) => ({ id: r.id, status: r.status, reason: r.reason }));
}

function validateRequest(request: ActionRequest, row: QuarantineRow): void {
  if (request.action === 'link') {
    const wantsProduct = row.reason in PRODUCT_REASONS;
    if (wantsProduct && !request.productId) throw new ValidationError(`Item ${row.id} (${row.reason}) links to a product: give productId.`);
    if (!wantsProduct && !request.accountId)
      throw new ValidationError(`Item ${row.id} (${row.reason}) links to an account: give accountId.`);
  }
  if (request.action === 'create' && !(row.reason in PRODUCT_REASONS) && row.entity !== 'company') {
    throw new ValidationError(`Item ${row.id} (${row.reason}) has nothing to create: link, retry or ignore it.`);
  }
  if (
    request.action !== 'ignore' &&
    (row.reason === 'changed_after_billing' || row.reason === 'deleted_after_billing') &&
    request.action !== 'retry'
  ) {
    throw new ValidationError(`Item ${row.id} was already billed: it can only be ignored (after a credit if needed) or retried.`);
  }
}

/** "Create": a product for an unmapped work role × type / catalog item / expense type (mapped from then on), or an account for a company. */
async function createFor(row: QuarantineRow, billing: BillingPort, deps: SyncDeps, now: Date): Promise<void> {
  const mappingKind = PRODUCT_REASONS[row.reason];
  const details = row.details as { cwKey?: string; cwName?: string; name?: string };
  if (mappingKind && details.cwKey) {
    const kind = mappingKind === 'work_role_type' ? 'labour' : mappingKind === 'expense_type' ? 'expense' : 'one-off';
    const externalKey =
      mappingKind === 'work_role_type'
        ? `connectwise:work-role-type:${details.cwKey}`
        : mappingKind === 'catalog_item'
          ? `connectwise:catalog:${details.cwKey}`
          : `connectwise:expense-type:${details.cwKey}`;
    const { product } = await billing.ensureProduct({
      externalKey,
      name: details.cwName ?? externalKey,
      kind,
      unitPriceCents: 0,
      unit: kind === 'labour' ? 'hour' : 'each',
    });
    await saveMapping(deps.db, mappingKind, details.cwKey, details.cwName ?? details.cwKey, { productId: product.id }, now);
  } else if (row.entity === 'company') {
    const { fireAccountCreatedEvent } = await readSetting(deps.db, SYNC_OPTIONS_KEY, SyncOptionsSchema);
    const { account } = await billing.upsertAccount({
      externalKey: companyKey(Number(row.externalId)),
      name: details.name ?? `ConnectWise company ${row.externalId}`,
      announceCreation: fireAccountCreatedEvent,
    });
    await deps.db
      .update(syncQuarantine)
      .set({ decision: { action: 'link', accountId: account.id } })
      .where(and(eq(syncQuarantine.id, row.id)));
  }
}

/** `id,action[,targetId]` lines (a header line is allowed); every line is checked before anything changes. */
export function parseQuarantineCsv(text: string): ActionRequest[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (lines.length > 0 && /^id\s*,/i.test(lines[0])) lines.shift();
  if (lines.length === 0) throw new ValidationError('The CSV has no lines.');
  if (lines.length > MAX_CSV_LINES) throw new ValidationError(`The CSV has ${lines.length} lines; at most ${MAX_CSV_LINES} are accepted.`);
  const problems: { line: number; message: string }[] = [];
  const requests: ActionRequest[] = [];
  const seen = new Set<number>();
  for (const [index, line] of lines.entries()) {
    const [idText, action, target, extra] = line.split(',').map((c) => c.trim());
    const id = Number(idText);
    if (!/^\d{1,15}$/.test(idText ?? '') || id <= 0) {
      problems.push({ line: index + 1, message: `bad id "${idText}"` });
      continue;
    }
    if (seen.has(id)) {
      problems.push({ line: index + 1, message: `id ${id} appears twice` });
      continue;
    }
    seen.add(id);
    if (!(QUARANTINE_ACTIONS as readonly string[]).includes(action ?? '')) {
      problems.push({ line: index + 1, message: `unknown action "${action}"` });
      continue;
    }
    if (extra !== undefined) {
      problems.push({ line: index + 1, message: 'too many columns' });
      continue;
    }
    if (action === 'link') {
      if (!/^(account|product):\d{1,15}$/.test(target ?? '')) {
        problems.push({ line: index + 1, message: 'link needs account:<id> or product:<id>' });
        continue;
      }
      const [kind, targetId] = target!.split(':');
      requests.push({ id, action: 'link', ...(kind === 'account' ? { accountId: Number(targetId) } : { productId: Number(targetId) }) });
    } else {
      if (target) {
        problems.push({ line: index + 1, message: `${action} takes no target` });
        continue;
      }
      requests.push({ id, action: action as QuarantineAction });
    }
  }
  if (problems.length > 0)
    throw new ValidationError(`The CSV has ${problems.length} bad line(s); nothing was changed.`, { problems: problems.slice(0, 100) });
  return requests;
}
