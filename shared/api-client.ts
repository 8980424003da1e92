import type { ApiErrorBody } from './api-errors.js';
import type { TicketBilling, TimeEntryPreview } from './schemas/ticket-billing.js';
import type { CompanyBilling } from './schemas/company-billing.js';
import type {
  ConnectionView,
  MappingItem,
  QuarantineActionResult,
  QuarantineItem,
  QuarantineSummary,
  SyncOptions,
  SyncRun,
} from './schemas/module-pages.js';
import type { PushedTicket, PushedTimeEntry } from './schemas/push-to-billing.js';
import type { AgreementBilling, InvoiceOverlap } from './schemas/connectwise-invoices.js';
import type {
  AccountItem,
  AccountListingQuery,
  AuditEntryItem,
  AuditEntryListingQuery,
  ChargeItem,
  ChargeListingQuery,
  InvoiceItem,
  InvoiceListingQuery,
  Page,
} from './schemas/listings.js';

/**
 * The one client the pod and the extension use to talk to our API (never to
 * ConnectWise directly). Errors arrive as the API's envelope.
 */
export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | null,
  ) {
    super(body?.message ?? `The billing server answered ${status}.`);
    this.name = 'ApiClientError';
  }
}

export interface ApiClientOptions {
  baseUrl: string;
  getToken: () => string | null;
  fetch?: typeof fetch;
}

export interface MemberSession {
  token: string;
  expiresAt: string;
  member: { identifier: string; fullName: string };
  powers: string[];
}

export interface WhoAmI {
  name: string;
  kind: 'api' | 'session';
  powers: string[];
}

export function createApiClient(options: ApiClientOptions) {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await callRaw(method, path, body);
    return (text ? safeJson(text) : undefined) as T;
  }

  /** The response text of a successful call; failures throw ApiClientError with the envelope. */
  async function callRaw(method: string, path: string, body?: unknown): Promise<string> {
    const token = options.getToken();
    let response: Response;
    try {
      response = await fetchImpl(base + path, {
        method,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiClientError(0, null);
    }
    const text = await response.text();
    if (!response.ok) {
      const parsed = text ? safeJson(text) : undefined;
      throw new ApiClientError(response.status, isEnvelope(parsed) ? parsed : null);
    }
    return text;
  }

  return {
    signInMember: (auth: { memberid: string; memberHash: string; memberContext?: string; companyid?: string }) =>
      call<MemberSession>('POST', '/api/v1/sessions/member', auth),
    whoAmI: () => call<WhoAmI>('GET', '/api/v1/me'),
    /** `refresh`: have the server read the ticket from ConnectWise now rather than serve what it holds. */
    ticketBilling: (ticketId: number, options: { refresh?: boolean } = {}) =>
      call<TicketBilling>('GET', `/api/v1/tickets/${ticketId}/billing${options.refresh ? '?refresh=true' : ''}`),
    companyBilling: (companyId: number) => call<CompanyBilling>('GET', `/api/v1/companies/${companyId}/billing`),
    quarantine: (query: { status?: string; reason?: string; entity?: string; limit?: number } = {}) =>
      call<{ items: QuarantineItem[]; nextAfterId: number | null }>('GET', `/api/v1/connectwise/quarantine${toQuery(query)}`),
    quarantineAction: (
      action: 'retry' | 'link' | 'create' | 'ignore',
      ids: number[],
      extra: { accountId?: number; productId?: number } = {},
    ) => call<{ items: QuarantineActionResult[] }>('POST', '/api/v1/connectwise/quarantine/actions', { action, ids, ...extra }),
    mappings: (kind: string) =>
      call<{ kind: string; items: MappingItem[] }>('GET', `/api/v1/connectwise/mappings/${encodeURIComponent(kind)}`),
    saveMapping: (kind: string, cwKey: string, cwName: string, value: Record<string, unknown>) =>
      call<unknown>('PUT', `/api/v1/connectwise/mappings/${encodeURIComponent(kind)}/${encodeURIComponent(cwKey)}`, { cwName, value }),
    connection: () => call<ConnectionView>('GET', '/api/v1/connectwise/connection'),
    saveConnection: (input: { site: string; companyId: string; publicKey: string; privateKey?: string; clientId: string }) =>
      call<ConnectionView>('PUT', '/api/v1/connectwise/connection', input),
    testConnection: () => call<{ ok: boolean; message: string; version?: string }>('POST', '/api/v1/connectwise/connection/test'),
    syncOptions: () => call<SyncOptions>('GET', '/api/v1/connectwise/options'),
    saveSyncOptions: (options: SyncOptions) => call<SyncOptions>('PUT', '/api/v1/connectwise/options', options),
    quarantineSummary: () => call<QuarantineSummary>('GET', '/api/v1/connectwise/quarantine-summary'),
    syncRuns: (limit = 20) => call<{ items: SyncRun[] }>('GET', `/api/v1/connectwise/runs?limit=${limit}`),
    syncNow: (mode: 'incremental' | 'full' = 'incremental') => call<SyncRun>('POST', '/api/v1/connectwise/sync', { mode }),
    products: () => call<{ products: Array<{ id: number; name: string; kind: string }> }>('GET', '/api/v1/products'),
    /** The paged listings (shared/schemas/listings.ts): pass a page's `nextCursor` as `after` until it is null. */
    charges: (query: ChargeListingQuery = {}) => call<Page<ChargeItem>>('GET', `/api/v1/charges${toQuery(query)}`),
    invoices: (query: InvoiceListingQuery = {}) => call<Page<InvoiceItem>>('GET', `/api/v1/invoices${toQuery(query)}`),
    accounts: (query: AccountListingQuery = {}) => call<Page<AccountItem>>('GET', `/api/v1/accounts${toQuery(query)}`),
    auditEntries: (query: AuditEntryListingQuery = {}) => call<Page<AuditEntryItem>>('GET', `/api/v1/audit-entries${toQuery(query)}`),
    /** The print-ready HTML of an invoice (it needs the token, so it cannot be a plain link). */
    invoiceDocument: (invoiceId: number) => callRaw('GET', `/api/v1/invoices/${invoiceId}/document`),
    previewTimeEntry: (input: { ticketId?: number; workRoleId: number; workTypeId: number; hours: string }) =>
      call<TimeEntryPreview>('POST', '/api/v1/time-entries/preview', input),
    pushTimeEntry: (timeEntryId: number) => call<PushedTimeEntry>('POST', `/api/v1/connectwise/time-entries/${timeEntryId}/push`),
    pushTicket: (ticketId: number) => call<PushedTicket>('POST', `/api/v1/connectwise/tickets/${ticketId}/push`),
    invoiceOverlap: (cwInvoiceId: number) => call<InvoiceOverlap>('GET', `/api/v1/connectwise/invoices/${cwInvoiceId}/overlap`),
    agreementBilling: (cwAgreementId: number) => call<AgreementBilling>('GET', `/api/v1/connectwise/agreements/${cwAgreementId}/billing`),
    memberGrants: () =>
      call<{ grants: Array<{ memberIdentifier: string; powers: string[]; grantedBy: string; updatedAt: string }> }>(
        'GET',
        '/api/v1/member-grants',
      ),
    grantMember: (identifier: string, powers: string[]) =>
      call<{ memberIdentifier: string; powers: string[] }>('PUT', `/api/v1/member-grants/${encodeURIComponent(identifier)}`, { powers }),
    flagTimeEntry: (timeEntryId: number, billableOption: 'Billable' | 'DoNotBill' | 'NoCharge') =>
      call<{ id: number; billableOption: string; changed: boolean }>('PUT', `/api/v1/time-entries/${timeEntryId}/billable-option`, {
        billableOption,
      }),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function toQuery(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as Array<[string, string | number | undefined]>)
    if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isEnvelope(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiErrorBody).code === 'string' &&
    typeof (value as ApiErrorBody).message === 'string'
  );
}
