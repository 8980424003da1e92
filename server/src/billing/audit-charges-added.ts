import type { DbOrTx } from '../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from './billing-context.js';

/** The fields that make a charge what it is: a replayed source whose values differ "differs". */
export const CHARGE_CONTENT_KEYS = ['accountId', 'kind', 'chargeDate', 'quantityMilli', 'unitPriceCents', 'amountCents'] as const;

/** One audit row for a batch of added charges (both the row-by-row and the bulk path write it). */
export async function auditChargesAdded(
  tx: DbOrTx,
  ctx: BillingContext,
  added: ReadonlyArray<{ id: number }>,
  alreadyPresent: number,
): Promise<void> {
  if (added.length === 0) return;
  await recordAudit(tx, {
    at: ctx.now,
    actor: ctx.actor,
    action: 'charges.add',
    entity: 'charge',
    entityId: added.length === 1 ? String(added[0].id) : `${added[0].id}..${added[added.length - 1].id}`,
    details: { added: added.length, alreadyPresent },
    requestId: ctx.requestId,
  });
}
