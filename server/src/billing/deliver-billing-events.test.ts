import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNull } from 'drizzle-orm';
import { openTestDatabase } from '../../../test/helpers/test-db.js';
import { testClock } from '../../../test/helpers/test-clock.js';
import { billingEvents } from '../db/schema/index.js';
import { deliverBillingEvents } from './deliver-billing-events.js';

/** The outbox reaches a webhook at least once, in order, signed over the exact bytes. */
let db: Awaited<ReturnType<typeof openTestDatabase>>;
let received: Array<{ body: string; signature: string }> = [];
let answer = 200;
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    if (answer === 200) received.push({ body, signature: String(req.headers['x-billing-signature']) });
    res.writeHead(answer).end();
  });
});
let url = '';
const clock = testClock();

beforeAll(async () => {
  db = await openTestDatabase();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  await db.db.insert(billingEvents).values([
    { type: 'account.created', entityId: '1', payload: { eventId: 2 }, occurredAt: '2026-06-01T00:00:00Z' },
    { type: 'invoice.approved', entityId: '7', payload: { number: 'INV-000001' }, occurredAt: '2026-06-02T00:00:00Z' },
  ]);
});
afterAll(() => {
  server.close();
  db?.dispose();
});

describe('deliverBillingEvents', () => {
  it('keeps events while the receiver fails, then delivers them in order, signed, exactly once', async () => {
    answer = 503;
    expect(await deliverBillingEvents(db.db, { url, secret: 's3cret' }, clock)).toEqual({
      delivered: 0,
      failed: 'the webhook answered 503',
    });
    expect(await db.db.select().from(billingEvents).where(isNull(billingEvents.deliveredAt))).toHaveLength(2);

    answer = 200;
    expect(await deliverBillingEvents(db.db, { url, secret: 's3cret' }, clock)).toEqual({ delivered: 2, failed: null });
    expect(received.map((r) => JSON.parse(r.body).type)).toEqual(['account.created', 'invoice.approved']);
    for (const r of received) expect(r.signature).toBe(`sha256=${createHmac('sha256', 's3cret').update(r.body).digest('hex')}`);

    received = [];
    expect(await deliverBillingEvents(db.db, { url, secret: 's3cret' }, clock)).toEqual({ delivered: 0, failed: null });
    expect(received).toEqual([]);
  });
});
