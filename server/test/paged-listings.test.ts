import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { POWERS } from '../../shared/powers.js';
import {
  AccountPageSchema,
  AuditEntryPageSchema,
  type ChargeItem,
  ChargePageSchema,
  type InvoiceItem,
  InvoicePageSchema,
} from '../../shared/schemas/listings.js';
import { createTestApp } from '../../test/helpers/test-app.js';
import { testNow, testToday } from '../../test/helpers/test-clock.js';

/**
 * The paged listings (`GET /api/v1/charges`, `/invoices`, `/accounts`, `/audit-entries`) over
 * a real socket, on a real database seeded through the API itself: 2,500 charges in one batch
 * on three ConnectWise accounts, an invoice run that takes the older ones onto drafts, one
 * draft approved. Every answer is parsed with the response schema the OpenAPI document
 * publishes, so the document cannot describe another shape than the one served.
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
let server: ReturnType<typeof serve>;
let baseUrl: string;

const today = testToday();
const monthStart = `${today.slice(0, 8)}01`;
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const addMonths = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};
/** The accounts open two months before this month: their earlier charges bill on this month's run. */
const openedOn = addMonths(monthStart, -2);
const CHARGES = 2500;
const OLD_CHARGES = 2000;

async function call(method: string, path: string, options: { body?: unknown; token?: string } = {}) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${options.token ?? t.adminToken}`,
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function get<S extends z.ZodType>(schema: S, path: string): Promise<z.output<S>> {
  const { status, body } = await call('GET', path);
  expect({ path, status }).toEqual({ path, status: 200 });
  return schema.parse(body);
}

/** Every page of a listing, following nextCursor, with the number of calls it took. */
async function readAll<
  S extends typeof ChargePageSchema | typeof InvoicePageSchema | typeof AccountPageSchema | typeof AuditEntryPageSchema,
>(schema: S, path: string, query: Record<string, string | number> = {}) {
  const items: z.output<S>['items'] = [];
  let after: string | null = null;
  let calls = 0;
  do {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    if (after !== null) params.set('after', after);
    const page = (await get(schema, `${path}?${params}`)) as { items: unknown[]; nextCursor: string | null };
    calls++;
    items.push(...(page.items as never[]));
    after = page.nextCursor;
  } while (after !== null && calls < 10_000);
  return { items, calls };
}

const accountIds: number[] = [];
/** What was sent for charge number i (1-based): the listing's ground truth. */
function seededCharge(i: number) {
  const kind = i % 5 === 0 ? 'product' : i % 7 === 0 ? 'expense' : 'labour';
  const system = kind === 'labour' ? 'time' : kind;
  return {
    source: `connectwise:${system}:${i}`,
    accountIndex: i % 3,
    kind,
    // The first 2,000 fall in the two months before this one; the rest in this month, up to today.
    chargeDate: i <= OLD_CHARGES ? addDays(openedOn, i % 59) : addDays(monthStart, i % (Number(today.slice(8)) || 1)),
  } as const;
}
const toInput = (i: number) => {
  const seeded = seededCharge(i);
  return {
    source: seeded.source,
    accountId: accountIds[seeded.accountIndex],
    kind: seeded.kind,
    description: `Work ${i}`,
    chargeDate: seeded.chargeDate,
    quantityMilli: 1000,
    unitPriceCents: 1000 + i,
  };
};

let all: ChargeItem[];
let invoiceById: Map<number, InvoiceItem>;
/** Charge id → the status the invoices say it has (read from each invoice's own lines). */
const statusByChargeId = new Map<number, 'pending' | 'draft' | 'invoiced'>();

beforeAll(async () => {
  t = await createTestApp({ now: testNow('09:00:00') });
  server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) => server.once('listening', () => done()));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  for (const n of [250, 251, 252]) {
    const created = await call('POST', '/api/v1/accounts', {
      body: { name: `Company ${n}`, externalKey: `connectwise:company:${n}`, openedOn, billingDay: 1 },
    });
    expect(created.status).toBe(201);
    accountIds.push(created.body.id);
  }
  t.setNow(testNow('10:00:00'));
  const batch = await call('POST', '/api/v1/charges/batch', {
    body: { charges: Array.from({ length: CHARGES }, (_, i) => toInput(i + 1)) },
  });
  expect(batch.status).toBe(200);
  expect(batch.body.added).toHaveLength(CHARGES);
  t.setNow(testNow('11:00:00'));
  expect((await call('POST', '/api/v1/invoice-runs', { body: { billingDate: monthStart } })).body.status).toBe('completed');
  const drafts = await get(InvoicePageSchema, `/api/v1/invoices?accountId=${accountIds[0]}`);
  expect(drafts.items).toHaveLength(1);
  expect((await call('POST', `/api/v1/invoices/${drafts.items[0].id}/approve`)).status).toBe(200);

  all = (await readAll(ChargePageSchema, '/api/v1/charges', { limit: 1000 })).items;
  invoiceById = new Map((await readAll(InvoicePageSchema, '/api/v1/invoices')).items.map((invoice) => [invoice.id, invoice]));
  for (const invoice of invoiceById.values()) {
    const { body } = await call('GET', `/api/v1/invoices/${invoice.id}`);
    for (const line of body.lines as Array<{ chargeId: number | null }>) {
      if (line.chargeId !== null) statusByChargeId.set(line.chargeId, invoice.status === 'approved' ? 'invoiced' : 'draft');
    }
  }
}, 60_000);
afterAll(async () => {
  await new Promise<void>((done) => server?.close(() => done()));
  t?.dispose();
});

describe('GET /api/v1/charges', () => {
  it('reads all 2,500 charges with limit 1000 in 3 calls, each once, in ascending id order', async () => {
    const { items, calls } = await readAll(ChargePageSchema, '/api/v1/charges', { limit: 1000 });
    expect(calls).toBe(3);
    expect(items).toHaveLength(CHARGES);
    const ids = items.map((c) => c.id);
    expect(new Set(ids).size).toBe(CHARGES);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Each is the charge that was sent, on its account.
    const bySource = new Map(items.map((c) => [c.source, c]));
    for (let i = 1; i <= CHARGES; i++) {
      const seeded = seededCharge(i);
      expect(bySource.get(seeded.source)).toMatchObject({
        accountId: accountIds[seeded.accountIndex],
        kind: seeded.kind,
        chargeDate: seeded.chargeDate,
        unitPriceCents: 1000 + i,
        amountCents: 1000 + i,
      });
    }
  });

  it('says where each charge stands, as its invoice does', () => {
    const counts = { pending: 0, draft: 0, invoiced: 0 };
    for (const charge of all) {
      const expected = statusByChargeId.get(charge.id) ?? 'pending';
      expect({ id: charge.id, status: charge.status }).toEqual({ id: charge.id, status: expected });
      expect(charge.invoiceId === null).toBe(expected === 'pending');
      counts[expected]++;
    }
    // All three states are present, so the filters below are tested on something.
    expect(counts.pending).toBeGreaterThanOrEqual(CHARGES - OLD_CHARGES);
    expect(counts.draft).toBeGreaterThan(0);
    expect(counts.invoiced).toBeGreaterThan(0);
  });

  it('defaults to pages of 100', async () => {
    const page = await get(ChargePageSchema, '/api/v1/charges');
    expect(page.items.map((c) => c.id)).toEqual(all.slice(0, 100).map((c) => c.id));
    expect(page.nextCursor).not.toBeNull();
  });

  it('filters by account, kind, status, source, source prefix and dates, alone and together', async () => {
    const [a, b] = accountIds;
    const cases: Array<[Record<string, string | number>, (c: ChargeItem) => boolean]> = [
      [{ accountId: b }, (c) => c.accountId === b],
      [{ kind: 'product' }, (c) => c.kind === 'product'],
      [{ status: 'pending' }, (c) => c.status === 'pending'],
      [{ status: 'draft' }, (c) => c.status === 'draft'],
      [{ status: 'invoiced' }, (c) => c.status === 'invoiced'],
      [{ source: 'connectwise:time:7' }, () => false], // 7 is an expense
      [{ source: 'connectwise:expense:7' }, (c) => c.source === 'connectwise:expense:7'],
      [{ sourcePrefix: 'connectwise:expense:' }, (c) => c.source.startsWith('connectwise:expense:')],
      [{ sourcePrefix: 'connectwise:time:1' }, (c) => c.source.startsWith('connectwise:time:1')],
      [{ from: addDays(openedOn, 30) }, (c) => c.chargeDate >= addDays(openedOn, 30)],
      [{ to: addDays(openedOn, 10) }, (c) => c.chargeDate <= addDays(openedOn, 10)],
      [{ from: addDays(openedOn, 5), to: addDays(openedOn, 5) }, (c) => c.chargeDate === addDays(openedOn, 5)],
      [
        { accountId: a, kind: 'labour', status: 'invoiced', from: addDays(openedOn, 3), to: addDays(openedOn, 40) },
        (c) =>
          c.accountId === a &&
          c.kind === 'labour' &&
          c.status === 'invoiced' &&
          c.chargeDate >= addDays(openedOn, 3) &&
          c.chargeDate <= addDays(openedOn, 40),
      ],
      [
        { accountId: b, status: 'pending', sourcePrefix: 'connectwise:time:' },
        (c) => c.accountId === b && c.status === 'pending' && c.source.startsWith('connectwise:time:'),
      ],
    ];
    for (const [query, matches] of cases) {
      // An odd page size, so that pages end in the middle of every filter's rows.
      const { items } = await readAll(ChargePageSchema, '/api/v1/charges', { ...query, limit: 97 });
      const expected = all.filter(matches).map((c) => c.id);
      expect({ query, ids: items.map((c) => c.id) }).toEqual({ query, ids: expected });
    }
    // The combined cases above select something: they are not passing on empty sets.
    expect(all.filter((c) => c.accountId === a && c.kind === 'labour' && c.status === 'invoiced').length).toBeGreaterThan(10);
  });

  it('keeps a cursor valid while charges are added: no row skipped, none twice', async () => {
    const first = await get(ChargePageSchema, '/api/v1/charges?limit=1000');
    const added = await call('POST', '/api/v1/charges/batch', {
      body: { charges: Array.from({ length: 50 }, (_, i) => ({ ...toInput(i + 1), source: `connectwise:time:late-${i}` })) },
    });
    expect(added.body.added).toHaveLength(50);
    const rest: ChargeItem[] = [];
    let after = first.nextCursor;
    while (after !== null) {
      const page = await get(ChargePageSchema, `/api/v1/charges?limit=1000&after=${after}`);
      rest.push(...page.items);
      after = page.nextCursor;
    }
    const ids = [...first.items, ...rest].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, CHARGES)).toEqual(all.map((c) => c.id));
    expect(rest.slice(-50).map((c) => c.source)).toEqual(Array.from({ length: 50 }, (_, i) => `connectwise:time:late-${i}`));
  });

  it('refuses a bad cursor, limit, date or parameter with the 400 envelope', async () => {
    const page = await get(ChargePageSchema, '/api/v1/charges?limit=5');
    const cursor = page.nextCursor!;
    const base64 = (text: string) => Buffer.from(text).toString('base64url');
    const bad = [
      'after=garbage!',
      'after=',
      `after=${cursor.slice(0, -1)}`,
      `after=${base64('charges:abc')}`,
      `after=${base64('charges:0')}`,
      `after=${base64('charges:99999999999999999')}`,
      `after=${base64('invoices:5')}`, // another listing's cursor
      `after=${cursor}=`, // padded: not the spelling the server writes
      'limit=0',
      'limit=1001',
      'limit=abc',
      'limit=1.5',
      'from=2026-02-30',
      'to=yesterday',
      `from=${addDays(openedOn, 2)}&to=${addDays(openedOn, 1)}`,
      'status=bogus',
      'kind=subscription',
      'accountId=-1',
      'afterId=5', // the old parameter: unknown now, refused rather than ignored
      'sourcePrefix=',
    ];
    for (const query of bad) {
      const { status, body } = await call('GET', `/api/v1/charges?${query}`);
      expect({ query, status, code: body.code }).toEqual({ query, status: 400, code: 'validation_failed' });
      expect(body.requestId).toEqual(expect.any(String));
      expect(body.details.issues.length).toBeGreaterThan(0);
    }
    // An invoice listing's cursor is refused by the charges listing, and the other way round.
    const invoicePage = await get(InvoicePageSchema, '/api/v1/invoices?limit=1');
    expect((await call('GET', `/api/v1/charges?after=${invoicePage.nextCursor}`)).status).toBe(400);
    expect((await call('GET', `/api/v1/invoices?after=${cursor}`)).status).toBe(400);
  });

  it('needs ConnectWise Integration', async () => {
    const withoutParent = await t.tokenWith([POWERS.settings, POWERS.mappings]);
    const refused = await call('GET', '/api/v1/charges', { token: withoutParent });
    expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden', details: { missing: [POWERS.integration] } } });
    const parentOnly = await t.tokenWith([POWERS.integration]);
    expect((await call('GET', '/api/v1/charges?limit=1', { token: parentOnly })).status).toBe(200);
  });
});

describe('GET /api/v1/invoices', () => {
  it('pages through invoices in id order, filtered by account, status, kind, period and issue date', async () => {
    const invoices = [...invoiceById.values()];
    expect(invoices).toHaveLength(3);
    expect(invoices.map((i) => i.id)).toEqual([...invoices.map((i) => i.id)].sort((a, b) => a - b));
    const paged = await readAll(InvoicePageSchema, '/api/v1/invoices', { limit: 1 });
    expect(paged).toEqual({ items: invoices, calls: 3 });
    const cases: Array<[Record<string, string | number>, (i: InvoiceItem) => boolean]> = [
      [{ accountId: accountIds[1] }, (i) => i.accountId === accountIds[1]],
      [{ status: 'approved' }, (i) => i.status === 'approved'],
      [{ status: 'draft', kind: 'invoice' }, (i) => i.status === 'draft' && i.kind === 'invoice'],
      [{ kind: 'credit_note' }, () => false],
      [{ periodStart: invoices[0].periodStart! }, (i) => i.periodStart === invoices[0].periodStart],
      [{ from: invoices[0].issuedOn, to: invoices[0].issuedOn }, (i) => i.issuedOn === invoices[0].issuedOn],
      [{ from: addDays(invoices[0].issuedOn, 1) }, () => false],
    ];
    for (const [query, matches] of cases) {
      const { items } = await readAll(InvoicePageSchema, '/api/v1/invoices', query);
      expect({ query, ids: items.map((i) => i.id) }).toEqual({ query, ids: invoices.filter(matches).map((i) => i.id) });
    }
    expect(invoices.filter((i) => i.status === 'approved')).toHaveLength(1);
    expect((await call('GET', '/api/v1/invoices?limit=5000')).status).toBe(400);
  });
});

describe('GET /api/v1/accounts', () => {
  it('pages through accounts and filters by status, external key, key prefix and part of the name', async () => {
    const odd = await call('POST', '/api/v1/accounts', { body: { name: '100% Harbour_Side Pty', status: 'suspended' } });
    expect(odd.status).toBe(201);
    const { items, calls } = await readAll(AccountPageSchema, '/api/v1/accounts', { limit: 2 });
    expect(calls).toBe(2);
    expect(items.map((a) => a.id)).toEqual([...accountIds, odd.body.id]);
    const ids = async (query: string) => (await get(AccountPageSchema, `/api/v1/accounts?${query}`)).items.map((a) => a.id);
    expect(await ids('status=suspended')).toEqual([odd.body.id]);
    expect(await ids('status=active')).toEqual(accountIds);
    expect(await ids('externalKey=connectwise:company:251')).toEqual([accountIds[1]]);
    expect(await ids('externalKeyPrefix=connectwise:company:25')).toEqual(accountIds);
    expect(await ids('externalKeyPrefix=connectwise:company:2510')).toEqual([]);
    expect(await ids('nameContains=company 252')).toEqual([accountIds[2]]);
    // LIKE's wildcards in the text are plain characters.
    expect(await ids(`nameContains=${encodeURIComponent('100%')}`)).toEqual([odd.body.id]);
    expect(await ids('nameContains=r_s')).toEqual([odd.body.id]);
    expect(await ids('nameContains=%25')).toEqual([odd.body.id]);
    expect(await ids('nameContains=_')).toEqual([odd.body.id]);
    expect(await ids('status=active&externalKeyPrefix=connectwise:')).toEqual(accountIds);
    for (const query of ['status=open', 'externalKey=Not a key', 'limit=-1', 'afterId=0']) {
      expect({ query, status: (await call('GET', `/api/v1/accounts?${query}`)).status }).toEqual({ query, status: 400 });
    }
  });
});

describe('GET /api/v1/audit-entries', () => {
  it('reads the trail in the order it was written, filtered by entity, id, actor, action and time', async () => {
    const { items } = await readAll(AuditEntryPageSchema, '/api/v1/audit-entries', { limit: 3 });
    expect(items.map((e) => e.id)).toEqual([...items.map((e) => e.id)].sort((a, b) => a - b));
    const accountCreated = items.filter((e) => e.entity === 'account' && e.entityId === String(accountIds[1]));
    expect(accountCreated.length).toBeGreaterThan(0);
    const read = async (query: Record<string, string>) =>
      (await readAll(AuditEntryPageSchema, '/api/v1/audit-entries', query)).items.map((e) => e.id);
    expect(await read({ entity: 'account', entityId: String(accountIds[1]) })).toEqual(accountCreated.map((e) => e.id));
    expect(await read({ action: 'charges.add' })).toEqual(items.filter((e) => e.action === 'charges.add').map((e) => e.id));
    expect(await read({ action: 'charges.add' })).not.toEqual([]);
    expect(await read({ actor: 'test admin', entity: 'invoice' })).toEqual(
      items.filter((e) => e.actor === 'test admin' && e.entity === 'invoice').map((e) => e.id),
    );
    // Accounts were opened at 09:00, the charges added at 10:00, the run made at 11:00.
    const at10 = items.filter((e) => e.at === testNow('10:00:00').toISOString()).map((e) => e.id);
    expect(at10.length).toBeGreaterThan(0);
    expect(await read({ from: `${today}T10:00:00Z`, to: `${today}T10:30:00Z` })).toEqual(at10);
    // The same instants written with an offset.
    expect(await read({ from: `${today}T20:00:00+10:00`, to: `${today}T20:00:00+10:00` })).toEqual(at10);
    expect(await read({ from: today, to: today })).toEqual(items.map((e) => e.id));
    expect(await read({ from: addDays(today, 1) })).toEqual([]);
    expect(await read({ to: addDays(today, -1) })).toEqual([]);
    for (const query of ['from=9999-12-31T23:00:00-05:00', 'from=tomorrow', `from=${today}T11:00:00Z&to=${today}T10:00:00Z`, 'entity=']) {
      expect({ query, status: (await call('GET', `/api/v1/audit-entries?${query}`)).status }).toEqual({ query, status: 400 });
    }
  });

  it('needs ConnectWise Settings Management (and the parent)', async () => {
    const integrationOnly = await t.tokenWith([POWERS.integration, POWERS.mappings, POWERS.quarantine]);
    const refused = await call('GET', '/api/v1/audit-entries', { token: integrationOnly });
    expect(refused).toMatchObject({ status: 403, body: { code: 'forbidden', details: { missing: [POWERS.settings] } } });
    const settings = await t.tokenWith([POWERS.integration, POWERS.settings]);
    expect((await call('GET', '/api/v1/audit-entries?limit=1', { token: settings })).status).toBe(200);
  });
});
