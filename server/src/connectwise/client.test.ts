import { describe, expect, it } from 'vitest';
import { ConnectWiseClient, nextLink } from './client.js';
import { ConnectWiseRejectedError, ConnectWiseUnavailableError } from './errors.js';
import { backoffDelay, classifyStatus, parseRetryAfter } from './retry-policy.js';

const credentials = {
  site: 'https://api-na.example.net',
  codebase: 'v2025_1/',
  companyId: 'acme',
  publicKey: 'pub',
  privateKey: 'priv',
  clientId: 'client-1',
};

function scriptedFetch(responses: Array<() => Response | Promise<Response>>) {
  const seen: Array<{ url: string; init: RequestInit }> = [];
  const impl = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    return next();
  }) as unknown as typeof fetch;
  return { impl, seen };
}

describe('ConnectWiseClient', () => {
  it('sends Basic companyId+publicKey:privateKey, the clientId header and the versioned Accept header', async () => {
    const { impl, seen } = scriptedFetch([() => Response.json({ id: 1 })]);
    const client = new ConnectWiseClient({ credentials, fetch: impl });
    await client.get('/service/tickets/1');
    expect(seen[0].url).toBe('https://api-na.example.net/v2025_1/apis/3.0/service/tickets/1');
    const headers = seen[0].init.headers as Record<string, string>;
    expect(headers.authorization).toBe(`Basic ${Buffer.from('acme+pub:priv').toString('base64')}`);
    expect(headers.clientId).toBe('client-1');
    expect(headers.accept).toMatch(/^application\/vnd\.connectwise\.com\+json; version=/);
  });

  it('honours Retry-After on 429 and retries 5xx and broken bodies', async () => {
    const sleeps: number[] = [];
    const { impl } = scriptedFetch([
      () =>
        new Response(JSON.stringify({ error: 'ConnectWiseAPI', message: 'Too many requests.' }), {
          status: 429,
          headers: { 'retry-after': '3' },
        }),
      () => new Response('oops', { status: 503 }),
      () => new Response('{"id": 1, "trunc', { status: 200 }),
      () => Response.json({ id: 1 }),
    ]);
    const client = new ConnectWiseClient({ credentials, fetch: impl, sleep: async (ms) => void sleeps.push(ms) });
    expect(await client.get('/x')).toEqual({ id: 1 });
    expect(sleeps[0]).toBe(3000);
    expect(sleeps).toHaveLength(3);
  });

  it('does not retry a 4xx and reports ConnectWise code', async () => {
    const { impl, seen } = scriptedFetch([() => Response.json({ code: 'NotFound', message: 'Ticket 5 not found' }, { status: 404 })]);
    const client = new ConnectWiseClient({ credentials, fetch: impl });
    const error = await client.get('/service/tickets/5').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectWiseRejectedError);
    expect((error as ConnectWiseRejectedError).cwCode).toBe('NotFound');
    expect(seen).toHaveLength(1);
  });

  it('gives up after maxAttempts with ConnectWiseUnavailableError', async () => {
    const { impl } = scriptedFetch(Array.from({ length: 3 }, () => () => new Response('', { status: 500 })));
    const client = new ConnectWiseClient({ credentials, fetch: impl, maxAttempts: 3, sleep: async () => {} });
    await expect(client.get('/x')).rejects.toBeInstanceOf(ConnectWiseUnavailableError);
  });

  it('pages forward-only by following the Link header and stops on a short page', async () => {
    const { impl, seen } = scriptedFetch([
      () =>
        Response.json([{ id: 1 }, { id: 2 }], {
          headers: { link: '<https://api-na.example.net/v2025_1/apis/3.0/time/entries?pageSize=2&pageId=2>; rel="next"' },
        }),
      () =>
        Response.json([{ id: 3 }], {
          headers: { link: '<https://api-na.example.net/v2025_1/apis/3.0/time/entries?pageSize=2&pageId=3>; rel="next"' },
        }),
    ]);
    const client = new ConnectWiseClient({ credentials, fetch: impl });
    const pages: number[][] = [];
    for await (const page of client.pages<{ id: number }>('/time/entries', {}, 2)) pages.push(page.map((r) => r.id));
    expect(pages).toEqual([[1, 2], [3]]);
    expect((seen[0].init.headers as Record<string, string>)['pagination-type']).toBe('forward-only');
    expect(seen).toHaveLength(2);
  });
});

describe('retry policy', () => {
  it('classifies statuses as ConnectWise recommends', () => {
    expect(classifyStatus(200, null).kind).toBe('ok');
    expect(classifyStatus(429, '30')).toEqual({ kind: 'retry', reason: 'rate limited (429)', retryAfterMs: 30_000 });
    expect(classifyStatus(502, null).kind).toBe('retry');
    for (const status of [400, 401, 403, 404, 409]) expect(classifyStatus(status, null).kind).toBe('fail');
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('5')).toBe(5000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('keeps backoff within its ceiling', () => {
    expect(backoffDelay(10, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.999)).toBeLessThan(1000);
    expect(backoffDelay(0, { baseDelayMs: 100, maxDelayMs: 1000 }, () => 0.5)).toBe(50);
  });

  it('finds the next link among several rels', () => {
    expect(nextLink('<https://x/a?page=1>; rel="first", <https://x/a?page=3>; rel="next"')).toBe('https://x/a?page=3');
    expect(nextLink('<https://x/a?page=1>; rel="first"')).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});
