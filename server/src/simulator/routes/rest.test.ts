import { describe, expect, it } from 'vitest';
import { apiHeaders, demoSimulator, manageRequest } from '../testing/manage-request.js';
import { RESOURCES } from '../resources.js';

describe('REST resources over the simulator', () => {
  it.each(RESOURCES.map((r) => r.path))('lists and counts %s', async (path) => {
    const sim = demoSimulator();
    const list = await manageRequest(sim, `${path}?pageSize=1000`);
    expect(list.status).toBe(200);
    const records = (await list.json()) as unknown[];
    const count = await manageRequest(sim, `${path}/count`);
    expect(await count.json()).toEqual({ count: records.length });
  });

  it('answers a ticket\u2019s time entries with fields, /count and Link headers', async () => {
    const sim = demoSimulator();
    const expected = sim.store.all('timeEntries').filter((e) => e.chargeToType === 'ServiceTicket' && e.chargeToId === 1001);
    expect(expected.length).toBeGreaterThan(2);
    const page1 = await manageRequest(sim, 'service/tickets/1001/timeentries?pageSize=2&fields=id,member/identifier');
    expect(page1.status).toBe(200);
    const body = (await page1.json()) as Array<Record<string, unknown>>;
    expect(body).toEqual(
      expected.slice(0, 2).map((e) => ({ id: e.id, member: { identifier: (e.member as { identifier: string }).identifier } })),
    );
    const link = page1.headers.get('link')!;
    expect(link).toContain(
      '<http://sim.test/v4_6_release/apis/3.0/service/tickets/1001/timeentries?pageSize=2&fields=id,member/identifier&page=2>; rel="next"',
    );
    expect(link).toContain(`page=${Math.ceil(expected.length / 2)}>; rel="last"`);
    const count = await manageRequest(sim, 'service/tickets/1001/timeentries/count?conditions=billableOption="Billable"');
    expect(await count.json()).toEqual({ count: expected.filter((e) => e.billableOption === 'Billable').length });
  });

  it('lists a ticket\u2019s products and an agreement\u2019s additions', async () => {
    const sim = demoSimulator();
    const product = sim.store.all('products').find((p) => p.ticket)!;
    const ticketId = (product.ticket as { id: number }).id;
    const products = (await (await manageRequest(sim, `service/tickets/${ticketId}/products`)).json()) as Array<{ id: number }>;
    expect(products.map((p) => p.id)).toContain(product.id);
    const agreement = sim.store.all('agreements')[0];
    const additions = (await (await manageRequest(sim, `finance/agreements/${agreement.id}/additions`)).json()) as Array<{
      agreementId: number;
    }>;
    expect(additions.length).toBeGreaterThan(0);
    expect(additions.every((a) => a.agreementId === agreement.id)).toBe(true);
  });

  it('creates, gets, patches, replaces and deletes an agreement addition below its agreement', async () => {
    const sim = demoSimulator();
    const agreement = sim.store.all('agreements')[0];
    const base = `finance/agreements/${agreement.id}/additions`;
    const created = await manageRequest(sim, base, { method: 'POST', body: { product: { id: 1 }, quantity: 3 } });
    expect(created.status).toBe(201);
    const addition = (await created.json()) as { id: number; agreementId: number; _info: { lastUpdated: string; updatedBy: string } };
    expect(addition).toMatchObject({
      agreementId: agreement.id,
      quantity: 3,
      _info: { lastUpdated: '2026-07-01T09:00:00Z', updatedBy: 'APIMember' },
    });
    const patched = await manageRequest(sim, `${base}/${addition.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'quantity', value: 5 }],
    });
    expect(await patched.json()).toMatchObject({ id: addition.id, quantity: 5 });
    const put = await manageRequest(sim, `${base}/${addition.id}`, { method: 'PUT', body: { product: { id: 2 } } });
    const replaced = (await put.json()) as Record<string, unknown>;
    expect(replaced).toMatchObject({ id: addition.id, product: { id: 2 }, agreementId: agreement.id });
    expect(replaced.quantity).toBeUndefined();
    expect((await manageRequest(sim, `${base}/${addition.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await manageRequest(sim, `${base}/${addition.id}`)).status).toBe(404);
  });

  it('answers a record of another parent as not found', async () => {
    const sim = demoSimulator();
    const [first, second] = sim.store.all('agreements');
    const additionOfFirst = sim.store.all('agreementAdditions').find((a) => a.agreementId === first.id)!;
    const response = await manageRequest(sim, `finance/agreements/${second.id}/additions/${additionOfFirst.id}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'NotFound', message: `Addition ${additionOfFirst.id} not found` });
  });

  it('answers a child list under a missing parent with the parent\u2019s NotFound', async () => {
    const response = await manageRequest(demoSimulator(), 'service/tickets/999999/timeentries');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'NotFound', message: 'Ticket 999999 not found' });
  });

  it('refuses verbs Manage does not offer with 405', async () => {
    const sim = demoSimulator();
    const member = sim.store.all('members')[0];
    for (const [path, method] of [
      [`system/members/${member.id}`, 'DELETE'],
      ['service/tickets/1001/timeentries', 'POST'],
      ['company/companies', 'DELETE'],
      ['company/companies/count', 'POST'],
    ] as const) {
      const response = await manageRequest(sim, path, { method, body: method === 'POST' ? {} : undefined });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(await response.json()).toEqual({ code: 'ConnectWiseApi', message: 'The requested resource does not support http method.' });
    }
  });

  it('answers unknown endpoints and records in Manage\u2019s 404 shapes', async () => {
    const sim = demoSimulator();
    const noEndpoint = await manageRequest(sim, 'company/nothing-here');
    expect(noEndpoint.status).toBe(404);
    expect(await noEndpoint.json()).toEqual({ code: 'ConnectWiseApi', message: 'The endpoint does not exist.' });
    const noRecord = await manageRequest(sim, 'company/contacts/57919');
    expect(await noRecord.json()).toEqual({ code: 'NotFound', message: 'Contact 57919 not found' });
  });

  it('answers a POST missing required fields with InvalidObject and errors[]', async () => {
    const response = await manageRequest(demoSimulator(), 'company/contacts', { method: 'POST', body: { lastName: 'Diaz' } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 'InvalidObject',
      message: 'contact object is invalid',
      errors: [{ code: 'MissingRequiredField', message: 'The firstName field is required.', resource: 'contact', field: 'firstName' }],
    });
  });

  it('answers a POST whose body is not an object with InvalidObject', async () => {
    const response = await manageRequest(demoSimulator(), 'company/contacts', { method: 'POST', body: [1, 2] });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'InvalidObject', message: 'contact object is invalid' });
  });

  it('re-validates the whole record after a PATCH', async () => {
    const sim = demoSimulator();
    const company = sim.store.all('companies')[0];
    const response = await manageRequest(sim, `company/companies/${company.id}`, {
      method: 'PATCH',
      body: [{ op: 'remove', path: 'name' }],
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'InvalidObject', errors: [{ code: 'MissingRequiredField', field: 'name' }] });
  });

  it('applies fields to single records and to a POST answer', async () => {
    const sim = demoSimulator();
    const get = await manageRequest(sim, 'service/tickets/1001?fields=id,company/name');
    expect(Object.keys((await get.json()) as object)).toEqual(['id', 'company']);
    const post = await manageRequest(sim, 'company/companies?fields=id,identifier', {
      method: 'POST',
      body: { identifier: 'NewCo', name: 'New Co' },
    });
    expect(post.status).toBe(201);
    expect(Object.keys((await post.json()) as object)).toEqual(['id', 'identifier']);
  });

  it('echoes the served API version, capping future versions at the newest', async () => {
    const sim = demoSimulator();
    const asked = (accept: string) =>
      manageRequest(sim, 'system/info', { headers: { accept } }).then((r) => r.headers.get('api-current-version'));
    expect(await asked('application/vnd.connectwise.com+json; version=2021.1, application/json')).toBe('2021.1');
    expect(await asked('application/vnd.connectwise.com+json; version=2099.1')).toBe('2025.1');
    expect(await asked('application/json')).toBe('2025.1');
  });

  it('serves board statuses below their board and agreement types beside agreements', async () => {
    const sim = demoSimulator();
    const board = sim.store.all('boards')[0];
    const statuses = (await (await manageRequest(sim, `service/boards/${board.id}/statuses`)).json()) as Array<{ board: { id: number } }>;
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s.board.id === board.id)).toBe(true);
    const types = await manageRequest(sim, 'finance/agreements/types');
    expect(((await types.json()) as unknown[]).length).toBe(sim.store.all('agreementTypes').length);
  });

  it('follows real hrefs with the double slash after a cloud codebase', async () => {
    const sim = demoSimulator();
    const response = await sim.app.request('http://sim.test/v2025_1//apis/3.0/service/tickets/1001', { headers: apiHeaders() });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 1001 });
    expect((await sim.app.request('http://sim.test/v2099_9/apis/3.0/service/tickets/1001', { headers: apiHeaders() })).status).toBe(404);
  });
});
