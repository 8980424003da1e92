import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/test-app.js';

/** Usage items sit in the same quarantine as ConnectWise items, listed and resolved through the same calls. */
let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-05-10T00:00:00Z') });
});
afterAll(() => t?.dispose());

describe('one quarantine for ConnectWise and usage items', () => {
  it('lists a usage record nobody owns, then writes it off through the common actions', async () => {
    const imported = await t.request('POST', '/api/v1/usage/records', {
      records: [
        {
          serviceIdentifier: '+61299990000',
          startTime: '2026-05-02T10:00:00Z',
          quantity: '60',
          unit: 'seconds',
          usageClass: 'national',
          carrierRecordId: 'cdr-1',
        },
      ],
    });
    expect(imported.status).toBeLessThan(300);
    expect((await t.request('POST', '/api/v1/usage/rating-runs', {})).status).toBeLessThan(300);

    const listed = (await (await t.request('GET', '/api/v1/connectwise/quarantine?status=open')).json()) as {
      items: Array<{ id: number; kind: string; reason: string }>;
    };
    const item = listed.items.find((i) => i.kind === 'usage');
    expect(item?.reason).toBe('not_identified');

    const summary = await (await t.request('GET', '/api/v1/connectwise/quarantine-summary')).json();
    expect(summary.byReason.not_identified).toBe(1);

    const linked = await t.request('POST', '/api/v1/connectwise/quarantine/actions', { action: 'link', ids: [item!.id], accountId: 1 });
    expect(linked.status).toBe(400);

    const ignored = await t.request('POST', '/api/v1/connectwise/quarantine/actions', { action: 'ignore', ids: [item!.id] });
    expect(ignored.status).toBe(200);
    expect((await ignored.json()).items).toEqual([{ id: item!.id, status: 'ignored', reason: 'not_identified' }]);
    const ignoredList = (await (await t.request('GET', '/api/v1/connectwise/quarantine?status=ignored')).json()) as {
      items: Array<{ id: number; decision: { action: string } }>;
    };
    expect(ignoredList.items.find((i) => i.id === item!.id)?.decision.action).toBe('write_off');
  });
});
