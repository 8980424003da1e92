import { createHmac } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { billingEvents } from '../db/schema/index.js';

export interface WebhookTarget {
  url: string;
  /** Signs each body: `x-billing-signature: sha256=<hex HMAC of the exact bytes>`. */
  secret: string;
}

/**
 * Delivers the outbox to a webhook, oldest first, at least once: an event is
 * marked delivered only after the receiver answered 2xx; the first failure
 * stops the batch (order is kept) and the next call starts from it again.
 * Receivers deduplicate on the event id.
 */
export async function deliverBillingEvents(
  db: Db,
  target: WebhookTarget,
  now: () => Date,
  fetchImpl: typeof fetch = fetch,
  batch = 100,
): Promise<{ delivered: number; failed: string | null }> {
  const pending = await db
    .select()
    .from(billingEvents)
    .where(isNull(billingEvents.deliveredAt))
    .orderBy(asc(billingEvents.id))
    .limit(batch);
  let delivered = 0;
  for (const event of pending) {
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      entityId: event.entityId,
      occurredAt: event.occurredAt,
      payload: event.payload,
    });
    const signature = `sha256=${createHmac('sha256', target.secret).update(body).digest('hex')}`;
    let failure: string | null = null;
    try {
      const response = await fetchImpl(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-billing-event': event.type, 'x-billing-signature': signature },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) failure = `the webhook answered ${response.status}`;
    } catch (error) {
      failure = `the webhook could not be reached: ${(error as Error).message}`;
    }
    if (failure) return { delivered, failed: failure };
    await db
      .update(billingEvents)
      .set({ deliveredAt: now().toISOString() })
      .where(and(eq(billingEvents.id, event.id), isNull(billingEvents.deliveredAt)));
    delivered++;
  }
  return { delivered, failed: null };
}

/** Delivers every few seconds while the server runs (WEBHOOK_URL set). */
export function startBillingEventDelivery(db: Db, target: WebhookTarget, now: () => Date, everyMs = 5_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void deliverBillingEvents(db, target, now)
      .then((r) => r.failed && console.warn(`Billing event delivery paused: ${r.failed}`))
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
