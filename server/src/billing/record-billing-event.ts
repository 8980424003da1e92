import type { DbOrTx } from '../db/client.js';
import { billingEvents } from '../db/schema/index.js';

export type BillingEventType = 'account.created' | 'invoice.approved' | 'credit_note.issued';

/** Emersion's id of the Account Created event, which its workflows (and ours, via the outbox) key on. */
export const ACCOUNT_CREATED_EVENT_ID = 2;

/** Writes one event to the outbox; call it with the transaction of the change it announces. */
export async function recordBillingEvent(
  tx: DbOrTx,
  // `eventId`: the event's Emersion id, when it has one; delivered in the payload.
  event: { type: BillingEventType; entityId: number | string; payload: Record<string, unknown>; at: Date; eventId?: number },
): Promise<void> {
  await tx.insert(billingEvents).values({
    type: event.type,
    entityId: String(event.entityId),
    payload: event.eventId === undefined ? event.payload : { ...event.payload, eventId: event.eventId },
    occurredAt: event.at.toISOString(),
  });
}
