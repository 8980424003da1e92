import { afterEach, describe, expect, it } from 'vitest';
import { demoSimulator, manageRequest, TEST_CREDENTIALS, apiHeaders } from '../testing/manage-request.js';
import { startSimulator, type RunningSimulator } from '../server.js';
import { demoDataset } from '../data/demo.js';
import { generateDataset } from '../data/generate.js';
import type { Simulator } from '../app.js';
import { ConnectWiseClient } from '../../connectwise/client.js';

async function setFaults(sim: Simulator, settings: Record<string, unknown>): Promise<Response> {
  return sim.app.request('/simulator/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
}

async function statuses(sim: Simulator, n: number, path = 'company/companies'): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < n; i++) result.push((await manageRequest(sim, path)).status);
  return result;
}

const running: RunningSimulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe('faults and limits', () => {
  it('are off by default', async () => {
    const sim = demoSimulator();
    expect(new Set(await statuses(sim, 60))).toEqual(new Set([200]));
    const settings = await (await sim.app.request('/simulator/faults')).json();
    expect(settings).toMatchObject({
      rateLimitPerMinute: null,
      serverErrorRate: 0,
      slowRate: 0,
      dropRate: 0,
      truncateRate: 0,
      pageDriftRate: 0,
    });
  });

  it('rate-limits past N requests a minute with 429, Retry-After and Manage\u2019s {error, message} body', async () => {
    let now = Date.parse('2026-07-01T09:00:00Z');
    const sim = demoSimulator({ clock: () => new Date(now) });
    await setFaults(sim, { rateLimitPerMinute: 3 });
    expect(await statuses(sim, 3)).toEqual([200, 200, 200]);
    now += 15_000;
    const limited = await manageRequest(sim, 'company/companies');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(await limited.json()).toEqual({ error: 'ConnectWiseAPI', message: 'Too many requests. Please try again in 45 seconds.' });
    now += 45_000;
    expect(await statuses(sim, 1)).toEqual([200]);
  });

  it('counts each caller separately', async () => {
    const sim = demoSimulator();
    await setFaults(sim, { rateLimitPerMinute: 1 });
    expect(await statuses(sim, 2)).toEqual([200, 429]);
    const hash = sim.identity.memberHashFor('admin');
    const asMember = await sim.app.request('http://sim.test/v4_6_release/apis/3.0/system/myMembers/info', {
      headers: { clientId: 'c', authorization: `Basic ${Buffer.from(`${TEST_CREDENTIALS.companyId}+admin:${hash}`).toString('base64')}` },
    });
    expect(asMember.status).toBe(200);
  });

  it('injects 500s at the set rate, the same ones for the same seed', async () => {
    const run = async (seed: number) => {
      const sim = demoSimulator();
      await setFaults(sim, { seed, serverErrorRate: 0.3 });
      return statuses(sim, 40);
    };
    const first = await run(7);
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
    const sim = demoSimulator();
    await setFaults(sim, { serverErrorRate: 1 });
    const response = await manageRequest(sim, 'time/entries');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ code: 'ConnectWiseApi', message: 'An error has occurred.' });
  });

  it('holds slow answers for slowMs', async () => {
    const waits: number[] = [];
    const sim = demoSimulator({ faultSleep: async (ms) => void waits.push(ms) });
    await setFaults(sim, { slowRate: 1, slowMs: 1234 });
    expect(await statuses(sim, 2)).toEqual([200, 200]);
    expect(waits).toEqual([1234, 1234]);
  });

  it('cuts bodies short so the JSON no longer parses', async () => {
    const sim = demoSimulator();
    const full = await (await manageRequest(sim, 'company/companies')).text();
    await setFaults(sim, { truncateRate: 1 });
    const response = await manageRequest(sim, 'company/companies');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.length).toBeLessThan(full.length);
    expect(full.startsWith(text)).toBe(true);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('drops connections over HTTP without an answer', async () => {
    const sim = await startSimulator({ port: 0, credentials: TEST_CREDENTIALS, dataset: demoDataset() });
    running.push(sim);
    await fetch(`${sim.apiUrl}/simulator/faults`, { method: 'POST', body: JSON.stringify({ dropRate: 1 }) });
    await expect(fetch(`${sim.apiUrl}/v4_6_release/apis/3.0/company/companies`, { headers: apiHeaders() })).rejects.toThrow(/fetch failed/);
    await fetch(`${sim.apiUrl}/simulator/faults`, { method: 'POST', body: '{}' });
    expect((await fetch(`${sim.apiUrl}/v4_6_release/apis/3.0/company/companies`, { headers: apiHeaders() })).status).toBe(200);
  });

  it('edits or deletes a record an earlier page returned before serving the next page', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const sim = demoSimulator({ clock: () => new Date('2026-08-01T00:00:00Z') });
      const page1 = (await (await manageRequest(sim, 'time/entries?pageSize=5&page=1')).json()) as Array<{ id: number }>;
      await setFaults(sim, { seed, pageDriftRate: 1 });
      const page2 = (await (await manageRequest(sim, 'time/entries?pageSize=5&page=2')).json()) as Array<{ id: number }>;
      expect(page2).toHaveLength(5);
      const touched = page1.filter((r) => {
        const now = sim.store.get('timeEntries', r.id);
        return !now || now._info?.lastUpdated === '2026-08-01T00:00:00Z';
      });
      expect(touched, `seed ${seed}`).toHaveLength(1);
      const deleted = !sim.store.get('timeEntries', touched[0].id);
      if (deleted) {
        // Navigable paging shifted: the first record of the old page 2 was skipped.
        const ids = sim.store.all('timeEntries').map((r) => r.id);
        expect(page2[0].id).toBe(ids[5]);
      }
    }
  });

  it('leaves first pages alone', async () => {
    const sim = demoSimulator();
    await setFaults(sim, { pageDriftRate: 1 });
    const before = sim.store.all('timeEntries').length;
    await manageRequest(sim, 'time/entries?pageSize=5');
    expect(sim.store.all('timeEntries').length).toBe(before);
  });

  it('refuses unknown or out-of-range settings', async () => {
    const sim = demoSimulator();
    expect((await setFaults(sim, { serverErrorRate: 2 })).status).toBe(400);
    expect((await setFaults(sim, { explode: true })).status).toBe(400);
    expect((await sim.app.request('/simulator/faults', { method: 'POST', body: 'nope' })).status).toBe(400);
  });

  it('can start with faults on, from the options', async () => {
    const sim = demoSimulator({ faults: { serverErrorRate: 1 } });
    expect(await statuses(sim, 1)).toEqual([500]);
  });

  it('lets the product\u2019s client read every record through 500s, drops and truncation over HTTP', async () => {
    const dataset = generateDataset({ seed: 3, companies: 20, timeEntries: 600 });
    const sim = await startSimulator({
      port: 0,
      credentials: TEST_CREDENTIALS,
      dataset,
      faults: { seed: 5, serverErrorRate: 0.15, dropRate: 0.1, truncateRate: 0.1 },
    });
    running.push(sim);
    const client = new ConnectWiseClient({
      credentials: { site: sim.apiUrl, codebase: 'v4_6_release/', ...TEST_CREDENTIALS, clientId: 'faults-test' },
      sleep: async () => {},
      maxAttempts: 20,
    });
    const pages: number[][] = [];
    for await (const page of client.pages<{ id: number }>('/time/entries', {}, 100)) pages.push(page.map((r) => r.id));
    expect(pages.flat()).toEqual(dataset.timeEntries.map((e) => e.id));
  });
});
