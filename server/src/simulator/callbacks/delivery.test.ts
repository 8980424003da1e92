import { afterEach, describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { demoSimulator, manageRequest } from '../testing/manage-request.js';
import type { Simulator } from '../app.js';

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A callback receiver on a real port, answering each request with the next status in `statuses` (then 200). */
async function startReceiver(statuses: number[] = []): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = statuses.shift() ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, server };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function register(sim: Simulator, body: Record<string, unknown>): Promise<{ id: number }> {
  const response = await manageRequest(sim, 'system/callbacks', { method: 'POST', body });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: number };
}

describe('callback delivery', () => {
  it('posts Manage\u2019s payload for an update, signed over the exact bytes with the key from key_url', async () => {
    const receiver = await startReceiver();
    servers.push(receiver.server);
    const sim = demoSimulator();
    const callback = await register(sim, { url: `${receiver.url}/hooks/cw?id=`, type: 'company', level: 'owner', objectId: 0 });
    const company = sim.store.all('companies')[0];

    const patch = await manageRequest(sim, `company/companies/${company.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'phoneNumber', value: '(02) 9999 0000' }],
    });
    expect(patch.status).toBe(200);
    await sim.callbacks.settled();

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    expect(delivery.url).toBe(`/hooks/cw?id=${company.id}&action=updated`);
    const payload = JSON.parse(delivery.body.toString('utf8'));
    expect(Object.keys(payload)).toEqual([
      'Action',
      'CallbackObjectRecId',
      'CompanyId',
      'Entity',
      'FromUrl',
      'ID',
      'MemberId',
      'MessageId',
      'Metadata',
      'PartnerId',
      'ProductInstanceId',
      'Type',
    ]);
    expect(payload).toMatchObject({
      Action: 'updated',
      CallbackObjectRecId: callback.id,
      CompanyId: 'demo',
      ID: company.id,
      MemberId: 'APIMember',
      Type: 'company',
    });
    expect(typeof payload.Entity).toBe('string');
    expect(JSON.parse(payload.Entity)).toMatchObject({
      id: company.id,
      phoneNumber: '(02) 9999 0000',
      _info: { lastUpdated: '2026-07-01T09:00:00Z' },
    });
    expect(payload.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.PartnerId).toMatch(/^[0-9a-f]{24}$/);

    // The receiver's side: fetch the signing key from key_url, then HMAC the raw bytes independently.
    const keyUrl = new URL(payload.Metadata.key_url);
    expect(keyUrl.pathname).toMatch(/^\/v4_6_release\/\/system\/callbackkey\/index\.rails$/);
    const keyResponse = await sim.app.request(keyUrl.pathname + keyUrl.search);
    const { signing_key } = (await keyResponse.json()) as { signing_key: string };
    const key = createHash('sha256').update(signing_key).digest();
    const expected = createHmac('sha256', key).update(delivery.body).digest('base64');
    expect(delivery.headers['x-content-signature']).toBe(expected);
    expect(delivery.headers['content-type']).toBe('application/json');
  });

  it('delivers adds and deletes too, Entity null on delete', async () => {
    const receiver = await startReceiver();
    servers.push(receiver.server);
    const sim = demoSimulator();
    await register(sim, { url: `${receiver.url}/c?recordId=`, type: 'contact', level: 'owner' });
    const created = (await (
      await manageRequest(sim, 'company/contacts', { method: 'POST', body: { firstName: 'Emma', company: { id: 250 } } })
    ).json()) as { id: number };
    await manageRequest(sim, `company/contacts/${created.id}`, { method: 'DELETE' });
    await sim.callbacks.settled();
    const payloads = receiver.received.map((r) => JSON.parse(r.body.toString()));
    expect(payloads.map((p) => [p.Action, p.ID])).toEqual([
      ['added', created.id],
      ['deleted', created.id],
    ]);
    expect(payloads[1].Entity).toBeNull();
    expect(receiver.received[1].url).toBe(`/c?recordId=${created.id}&action=deleted`);
  });

  it('delivers only what the level covers, and nothing for inactive entries or other types', async () => {
    const receiver = await startReceiver();
    servers.push(receiver.server);
    const sim = demoSimulator();
    const [ticketA, ticketB] = sim.store.all('tickets');
    const boardId = (ticketA.board as { id: number }).id;
    await register(sim, { url: `${receiver.url}/board?id=`, type: 'ticket', level: 'board', objectId: boardId });
    await register(sim, { url: `${receiver.url}/one?id=`, type: 'ticket', level: 'ticket', objectId: ticketB.id });
    await register(sim, { url: `${receiver.url}/off?id=`, type: 'ticket', level: 'owner', inactiveFlag: true });
    await manageRequest(sim, `service/tickets/${ticketA.id}`, { method: 'PATCH', body: [{ op: 'replace', path: 'summary', value: 'A' }] });
    await manageRequest(sim, `service/tickets/${ticketB.id}`, { method: 'PATCH', body: [{ op: 'replace', path: 'summary', value: 'B' }] });
    await sim.callbacks.settled();
    const got = receiver.received.map((r) => r.url.split('&')[0]).sort();
    const expected = [`/board?id=${ticketA.id}`, `/one?id=${ticketB.id}`];
    if ((ticketB.board as { id: number }).id === boardId) expected.push(`/board?id=${ticketB.id}`);
    expect(got).toEqual(expected.sort());
  });

  it('retries a receiver answering 429 twice, after 2 s then 4 s (scaled here), then stops', async () => {
    const receiver = await startReceiver([429, 429, 429, 429]);
    servers.push(receiver.server);
    const waits: number[] = [];
    const sim = demoSimulator({
      callbacks: {
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    });
    await register(sim, { url: `${receiver.url}/busy?id=`, type: 'time', level: 'owner' });
    const entry = sim.store.all('timeEntries')[0];
    await manageRequest(sim, `time/entries/${entry.id}`, { method: 'PATCH', body: [{ op: 'replace', path: 'notes', value: 'x' }] });
    await sim.callbacks.settled();
    expect(receiver.received).toHaveLength(3);
    expect(waits).toEqual([2000, 4000]);
    expect(sim.callbacks.attempts.map((a) => a.status)).toEqual([429, 429, 429]);
    // Every attempt carries the same bytes and signature.
    expect(new Set(receiver.received.map((r) => r.body.toString())).size).toBe(1);
  });

  it('stops retrying once the receiver accepts, and never retries a 500', async () => {
    const receiver = await startReceiver([409, 204, 500]);
    servers.push(receiver.server);
    const sim = demoSimulator({ callbacks: { retryDelaysMs: [1, 2] } });
    await register(sim, { url: `${receiver.url}/x?id=`, type: 'agreement', level: 'owner' });
    const [first, second] = sim.store.all('agreements');
    await manageRequest(sim, `finance/agreements/${first.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'internalNotes', value: 'n' }],
    });
    await sim.callbacks.settled();
    await manageRequest(sim, `finance/agreements/${second.id}`, {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'internalNotes', value: 'n' }],
    });
    await sim.callbacks.settled();
    expect(sim.callbacks.attempts.map((a) => a.status)).toEqual([409, 204, 500]);
  });

  it('gives up on a receiver that does not answer within the timeout', async () => {
    const hanging = createServer(() => {});
    servers.push(hanging);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const sim = demoSimulator({ callbacks: { timeoutMs: 50 } });
    await register(sim, { url: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/slow?id=`, type: 'member', level: 'owner' });
    const member = sim.store.all('members')[0];
    await manageRequest(sim, `system/members/${member.id}`, { method: 'PATCH', body: [{ op: 'replace', path: 'title', value: 't' }] });
    await sim.callbacks.settled();
    expect(sim.callbacks.attempts).toHaveLength(1);
    expect(sim.callbacks.attempts[0]).toMatchObject({ status: null });
    hanging.closeAllConnections();
  });

  it('refuses a key_url with the wrong id', async () => {
    const sim = demoSimulator();
    const response = await sim.app.request('/v4_6_release//system/callbackkey/index.rails?companyName=demo&id=nope');
    expect(response.status).toBe(404);
  });

  it('suppresses changes made by the registering member when isSelfSuppressedFlag is set', async () => {
    const receiver = await startReceiver();
    servers.push(receiver.server);
    const sim = demoSimulator();
    await register(sim, { url: `${receiver.url}/self?id=`, type: 'ticket', level: 'owner', isSelfSuppressedFlag: true });
    await manageRequest(sim, 'service/tickets/1001', {
      method: 'PATCH',
      body: [{ op: 'replace', path: 'summary', value: 'by the API member' }],
    });
    await sim.callbacks.settled();
    expect(receiver.received).toHaveLength(0);
    const hash = sim.identity.memberHashFor('jsmith');
    await sim.app.request('http://sim.test/v4_6_release/apis/3.0/service/tickets/1001', {
      method: 'PATCH',
      headers: {
        clientId: 'c',
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`demo+jsmith:${hash}`).toString('base64')}`,
      },
      body: JSON.stringify([{ op: 'replace', path: 'summary', value: 'by jsmith' }]),
    });
    await sim.callbacks.settled();
    expect(receiver.received.map((r) => JSON.parse(r.body.toString()).MemberId)).toEqual(['jsmith']);
  });
});
