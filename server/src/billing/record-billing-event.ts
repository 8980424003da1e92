import type { DbOrTx } from '../db/client.js';
import { billingEvents } from '../db/schema/index.js';

export type BillingEventType = 'account.created' | 'invoice.approved' | 'credit_note.issued';

/** Writes one event to the outbox; call it with the transaction of the change it announces. */
export async function recordBillingEvent(
  tx: DbOrTx,
  event: { type: BillingEventType; entityId: number | string; payload: Record<string, unknown>; at: Date },
): Promise<void> {
  await tx.insert(billingEvents).values({
    type: event.type,
    entityId: String(event.entityId),
    payload: event.payload,
    occurredAt: event.at.toISOString(),
  });
}
