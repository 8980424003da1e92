import { backoffDelay, classifyStatus } from './retry-policy.js';
import { ConnectWiseRejectedError, ConnectWiseUnavailableError } from './errors.js';

/**
 * A ConnectWise Manage REST client that speaks the published contract
 * (docs/connectwise/rest-api.md, docs/connectwise/querying.md, docs/connectwise/errors-and-rate-limits.md): Basic `companyId+publicKey:privateKey`,
 * the `clientId` header, the versioned Accept header, forward-only paging, and
 * ConnectWise's retry policy. It works the same against the simulator and a
 * real Manage site.
 */
export interface ConnectWiseCredentials {
  /** Base address of the API host, e.g. https://api-na.myconnectwise.net */
  site: string;
  /** Codebase with its trailing slash, e.g. `v4_6_release/` or `v2025_1/`. */
  codebase: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  clientId: string;
}

export interface ConnectWiseClientOptions {
  credentials: ConnectWiseCredentials;
  /** Alternative to public/private keys: a member's hash (Hosted API), so Manage applies that member's security role. */
  memberAuth?: { memberId: string; memberHash: string };
  fetch?: typeof fetch;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Counts every HTTP request made (benchmarks and tests read it). */
  onRequest?: (method: string, path: string) => void;
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface PagesOptions {
  /** Start after this id (forward-only `pageId`). */
  afterId?: number;
  /** Sees each page's response headers (e.g. `Date`, for a sync watermark). */
  onResponse?: (headers: Headers) => void;
}

const API_VERSION = '2025.1';

export class ConnectWiseClient {
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private authorization = '';

  constructor(private options: ConnectWiseClientOptions) {
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.useCredentials(options.credentials);
  }

  /**
   * Switches this client to other credentials (an admin saved a new connection in Settings),
   * so every part of the server that holds it talks to the new site without a restart.
   */
  useCredentials(credentials: ConnectWiseCredentials): void {
    this.options = { ...this.options, credentials };
    const { companyId, publicKey, privateKey } = credentials;
    const member = this.options.memberAuth;
    const user = member ? `${companyId}+${member.memberId}` : `${companyId}+${publicKey}`;
    const password = member ? member.memberHash : privateKey;
    this.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }

  get credentials(): ConnectWiseCredentials {
    return this.options.credentials;
  }

  /** The same client with extra options; an added `onRequest` runs after the existing one. */
  withOptions(extra: Partial<ConnectWiseClientOptions>): ConnectWiseClient {
    const first = this.options.onRequest;
    const second = extra.onRequest;
    const onRequest =
      first && second
        ? (m: string, p: string) => {
            first(m, p);
            second(m, p);
          }
        : (second ?? first);
    return new ConnectWiseClient({ ...this.options, ...extra, onRequest });
  }

  /** A client for the same site acting as one member (Hosted API member hash). */
  asMember(memberId: string, memberHash: string): ConnectWiseClient {
    return new ConnectWiseClient({ ...this.options, memberAuth: { memberId, memberHash } });
  }

  url(path: string, query?: Query): string {
    const { site, codebase } = this.options.credentials;
    const base = `${site.replace(/\/+$/, '')}/${codebase.replace(/^\/+/, '')}apis/3.0`;
    const url = new URL(base + (path.startsWith('/') ? path : `/${path}`));
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.request<T>('GET', this.url(path, query))).body;
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return (await this.request<T>('POST', this.url(path), body)).body;
  }

  async put<T>(path: string, body: unknown): Promise<T> {
    return (await this.request<T>('PUT', this.url(path), body)).body;
  }

  /** PATCH takes Manage's operation array; objects are replaced whole (docs/connectwise/records.md#common-conventions). */
  async patch<T>(path: string, operations: Array<{ op: 'add' | 'replace' | 'remove'; path: string; value?: unknown }>): Promise<T> {
    return (await this.request<T>('PATCH', this.url(path), operations)).body;
  }

  async delete(path: string): Promise<void> {
    await this.request('DELETE', this.url(path));
  }

  async count(path: string, conditions?: string): Promise<number> {
    const body = await this.get<{ count: number }>(`${path}/count`, { conditions });
    return body.count;
  }

  /**
   * Every record matching the query, page by page, using forward-only paging
   * (`pagination-type: forward-only`, follow the Link header's next `pageId`),
   * which stays correct while records change between pages.
   */
  async *pages<T>(
    path: string,
    query: Omit<Query, 'page' | 'pageId' | 'orderBy'> = {},
    pageSize = 1000,
    options: PagesOptions = {},
  ): AsyncGenerator<T[]> {
    // `pageId` starts after a given id ("treated like an additional condition of Id > pageId", docs/connectwise/querying.md#forward-only-paging): how a killed sync resumes.
    let next: string | null = this.url(path, { ...query, pageSize, pageId: options.afterId || undefined });
    while (next) {
      const response: { body: T[]; headers: Headers } = await this.request<T[]>('GET', next, undefined, {
        'pagination-type': 'forward-only',
      });
      options.onResponse?.(response.headers);
      if (!Array.isArray(response.body))
        throw new ConnectWiseRejectedError(200, path, { code: 'SchemaDrift', message: 'expected an array' });
      if (response.body.length > 0) yield response.body;
      // A short page is the last one: stopping here saves a request per stream.
      next = response.body.length < pageSize ? null : nextLink(response.headers.get('link'));
    }
  }

  async listAll<T>(path: string, query: Omit<Query, 'page' | 'pageId' | 'orderBy'> = {}): Promise<T[]> {
    const all: T[] = [];
    for await (const page of this.pages<T>(path, query)) all.push(...page);
    return all;
  }

  private async request<T>(
    method: string,
    url: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<{ body: T; headers: Headers }> {
    const maxAttempts = this.options.maxAttempts ?? 6;
    const path = new URL(url).pathname;
    let lastReason = 'no attempt made';
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      this.options.onRequest?.(method, path);
      let response: Response;
      let text: string;
      try {
        response = await this.fetchImpl(url, {
          method,
          headers: {
            authorization: this.authorization,
            clientId: this.options.credentials.clientId,
            accept: `application/vnd.connectwise.com+json; version=${API_VERSION}`,
            'cache-control': 'no-cache',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...extraHeaders,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
        });
        text = await response.text();
      } catch (error) {
        lastReason = `network: ${(error as Error).message}`;
        await this.sleep(backoffDelay(attempt, this.backoff()));
        continue;
      }
      const verdict = classifyStatus(response.status, response.headers.get('retry-after'));
      if (verdict.kind === 'retry') {
        lastReason = verdict.reason;
        await this.sleep(verdict.retryAfterMs ?? backoffDelay(attempt, this.backoff()));
        continue;
      }
      const parsed = parseBody(text);
      if (verdict.kind === 'fail') throw new ConnectWiseRejectedError(response.status, path, parsed.ok ? parsed.value : text);
      if (!parsed.ok) {
        // A truncated or garbled 2xx body is a transport fault: fetch it again.
        lastReason = 'unreadable response body';
        await this.sleep(backoffDelay(attempt, this.backoff()));
        continue;
      }
      return { body: parsed.value as T, headers: response.headers };
    }
    throw new ConnectWiseUnavailableError(path, lastReason, maxAttempts);
  }

  private backoff() {
    return { baseDelayMs: this.options.baseDelayMs ?? 250, maxDelayMs: this.options.maxDelayMs ?? 10_000 };
  }
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The first `rel="next"` address in an RFC 5988 Link header. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/i.exec(part.trim());
    if (match) return match[1];
  }
  return null;
}
