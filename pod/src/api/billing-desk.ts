import { ApiClientError } from '../../../shared/api-client.js';
import { isApiErrorBody } from '../../../shared/api-errors.js';
import type { CompanyBilling } from '../../../shared/schemas/company-billing.js';
import type {
  Account,
  ExportFormat,
  ExportStatus,
  InvoiceWithLines,
  Invoice,
  NewPlan,
  Plan,
  Product,
  RatingRun,
  RatingRunReport,
  SubscribeRequest,
  Subscription,
  SubscriptionChange,
  SubscriptionPreview,
  TaxCode,
  TermsRequest,
  UsageImport,
  UsageImportReport,
  UsageQuarantineItem,
} from '../../../shared/schemas/billing-desk.js';

/**
 * The billing core's API as the billing desk tabs call it (plans, subscriptions, usage,
 * exports). Failures throw the shared client's ApiClientError with the envelope, so
 * describe-api-error.ts words them like every other failure in the pod.
 */
export interface BillingDeskOptions {
  baseUrl: string;
  getToken: () => string | null;
  fetch?: typeof fetch;
  /** For uploads with progress; the browser's XMLHttpRequest unless a test gives another. */
  xhr?: () => XMLHttpRequest;
}

/** An upload's answer: the import report, or why the file was refused (with its report when the server sent one). */
export type UsageImportOutcome = { report: UsageImportReport; error: null } | { report: UsageImportReport | null; error: ApiClientError };

export type ExportFile = { fileName: string; body: Blob; invoiceCount: number };

export function createBillingDeskClient(options: BillingDeskOptions) {
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const base = options.baseUrl.replace(/\/+$/, '');
  const auth = (): Record<string, string> => {
    const token = options.getToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  };

  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(base + path, {
        method,
        headers: { accept: 'application/json', ...auth(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiClientError(0, null);
    }
    if (!response.ok) throw new ApiClientError(response.status, envelopeOf(parseJson(await response.text())));
    return response;
  }
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const text = await (await send(method, path, body)).text();
    return parseJson(text) as T;
  };
  const post = <T>(path: string, body: unknown = {}) => call<T>('POST', path, body);

  return {
    plans: async () => (await call<{ plans: Plan[] }>('GET', '/api/v1/plans')).plans,
    createPlan: (plan: NewPlan) => post<Plan>('/api/v1/plans', plan),
    updatePlan: (planId: number, changes: { name?: string; glCode?: string | null; taxCode?: string }) =>
      call<Plan>('PATCH', `/api/v1/plans/${planId}`, changes),
    taxCodes: async () => (await call<{ taxCodes: TaxCode[] }>('GET', '/api/v1/tax-codes')).taxCodes,
    products: async () => (await call<{ products: Product[] }>('GET', '/api/v1/products')).products,
    /** The plan's usage rate card, or null when it has none. */
    ratingPlan: async (planId: number): Promise<unknown | null> => {
      try {
        return await call<unknown>('GET', `/api/v1/usage/rating-plans/${planId}`);
      } catch (error) {
        if (error instanceof ApiClientError && error.status === 404) return null;
        throw error;
      }
    },
    saveRatingPlan: (planId: number, ratingPlan: unknown) => call<unknown>('PUT', `/api/v1/usage/rating-plans/${planId}`, ratingPlan),

    accounts: async (limit = 500) => listed<Account>(await call('GET', `/api/v1/accounts?limit=${limit}`), 'accounts'),
    companyAccountId: async (companyId: number) =>
      (await call<CompanyBilling>('GET', `/api/v1/companies/${companyId}/billing`)).account?.id ?? null,
    subscriptions: async (accountId: number) =>
      (await call<{ subscriptions: Subscription[] }>('GET', `/api/v1/accounts/${accountId}/subscriptions`)).subscriptions,
    previewChange: (accountId: number, change: SubscriptionChange) =>
      post<SubscriptionPreview>(`/api/v1/accounts/${accountId}/subscriptions/preview`, change),
    subscribe: (accountId: number, request: SubscribeRequest) => post<Subscription>(`/api/v1/accounts/${accountId}/subscriptions`, request),
    changeTerms: (subscriptionId: number, request: TermsRequest) => post<unknown>(`/api/v1/subscriptions/${subscriptionId}/terms`, request),
    cancel: (subscriptionId: number, endDate: string) => post<unknown>(`/api/v1/subscriptions/${subscriptionId}/cancel`, { endDate }),
    invoices: async (accountId: number) =>
      listed<Invoice>(await call('GET', `/api/v1/invoices?accountId=${accountId}&limit=20`), 'invoices'),
    invoice: (invoiceId: number) => call<InvoiceWithLines>('GET', `/api/v1/invoices/${invoiceId}`),

    usageImports: async () => (await call<{ items: UsageImport[] }>('GET', '/api/v1/usage/imports?limit=10')).items,
    ratingRuns: async () => (await call<{ items: RatingRun[] }>('GET', '/api/v1/usage/rating-runs?limit=10')).items,
    rateNow: () => post<RatingRunReport>('/api/v1/usage/rating-runs'),
    usageQuarantine: async () =>
      (await call<{ items: UsageQuarantineItem[] }>('GET', '/api/v1/usage/quarantine?status=open&limit=1000')).items,
    reprocessUsage: (ids: number[]) => post<{ items: number; rating: RatingRunReport }>('/api/v1/usage/quarantine/reprocess', { ids }),
    writeOffUsage: (ids: number[]) => post<{ items: number }>('/api/v1/usage/quarantine/write-off', { ids }),
    /**
     * Streams the file to the import (docs/usage-csv-format.md) with XMLHttpRequest, the one
     * browser API that reports upload progress; the server reads as the bytes arrive, so the
     * bytes sent are the import's progress.
     */
    uploadUsageCsv: (file: Blob, fileName: string, onProgress: (sent: number, total: number) => void) =>
      new Promise<UsageImportOutcome>((resolve) => {
        const xhr = options.xhr?.() ?? new XMLHttpRequest();
        xhr.open('POST', `${base}/api/v1/usage/imports?fileName=${encodeURIComponent(fileName)}`);
        xhr.setRequestHeader('content-type', 'text/csv');
        xhr.setRequestHeader('accept', 'application/json');
        for (const [name, value] of Object.entries(auth())) xhr.setRequestHeader(name, value);
        xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
        xhr.onload = () =>
          resolve(readUsageImportAnswer(xhr.status, parseJson(xhr.responseText), xhr.getResponseHeader('x-request-id') ?? ''));
        xhr.onerror = () => resolve({ report: null, error: new ApiClientError(0, null) });
        xhr.send(file);
      }),

    exportStatus: (from: string, to: string) => call<ExportStatus>('GET', `/api/v1/accounting/export-status?from=${from}&to=${to}`),
    /** The export file; the call marks its invoices exported in that format (docs/accounting-export.md). */
    exportFile: async (format: ExportFormat, from: string, to: string, again: boolean): Promise<ExportFile> => {
      const response = await send('GET', `/api/v1/accounting/exports?format=${format}&from=${from}&to=${to}&again=${again}`);
      const disposition = response.headers.get('content-disposition') ?? '';
      return {
        fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? `invoices-${from}-to-${to}.${format === 'json' ? 'json' : 'csv'}`,
        body: await response.blob(),
        invoiceCount: Number(response.headers.get('x-exported-invoices') ?? 0),
      };
    },
  };
}

export type BillingDeskClient = ReturnType<typeof createBillingDeskClient>;

/**
 * The import's answer in any of the shapes the server has given: the report (201); a refused
 * file as the error envelope (422) carrying the import record in `details.import` or as
 * `details`; or, from older servers, the failed report itself with a 422.
 */
export function readUsageImportAnswer(status: number, body: unknown, requestId: string): UsageImportOutcome {
  if (status >= 200 && status < 300 && isImportReport(body)) return { report: body, error: null };
  if (isApiErrorBody(body)) {
    const details = body.details as { import?: unknown } | undefined;
    const report = isImportReport(details?.import) ? details.import : isImportReport(details) ? details : null;
    return { report, error: new ApiClientError(status, body) };
  }
  if (isImportReport(body)) {
    const message = `The usage file was refused: ${body.error ?? `the server answered ${status}`}`;
    return {
      report: body,
      error: new ApiClientError(status, { code: 'validation_failed', message, details: { import: body }, requestId }),
    };
  }
  return { report: null, error: new ApiClientError(status, null) };
}

function isImportReport(value: unknown): value is UsageImportReport {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v.importId === 'number' && typeof v.linesRead === 'number';
}

/** A listing's rows, whether it answers `{<name>: [...]}` or the paged `{items, nextCursor}`. */
function listed<T>(body: unknown, name: string): T[] {
  const v = body as Record<string, unknown>;
  return (Array.isArray(v.items) ? v.items : Array.isArray(v[name]) ? v[name] : []) as T[];
}

function envelopeOf(value: unknown) {
  return isApiErrorBody(value) ? value : null;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
