/**
 * Shapes of the billing core's API as the pod's billing desk (plans, subscriptions, usage,
 * exports) reads them. Amounts are integer minor units beside their currency; quantities
 * are thousandths (shared/money.ts).
 */

export type ProductKind = 'recurring' | 'one-off' | 'usage' | 'labour' | 'expense';

export interface PlanPart {
  id: number;
  packagePlanId: number;
  servicePlanId: number;
  mandatory: boolean;
  quantityMilli: number;
  /** Price of the part inside the bundle; null = the service plan's own price, 0 = included. */
  bundlePriceCents: number | null;
}

export interface PlanInclusion {
  id: number;
  planId: number;
  description: string;
  appliesToKind: ProductKind;
  productId: number | null;
  quantityMilli: number;
}

export interface Plan {
  id: number;
  code: string;
  name: string;
  kind: 'service' | 'package';
  currency: string;
  /** Service plan: price of one unit per regular period. Package plan: the access fee. */
  periodPriceCents: number;
  setupFeeCents: number;
  discountBasisPoints: number;
  taxCode: string;
  glCode: string | null;
  parts: PlanPart[];
  inclusions: PlanInclusion[];
}

export interface NewPlan {
  code: string;
  name: string;
  kind: 'service' | 'package';
  currency?: string;
  periodPriceCents: number;
  setupFeeCents?: number;
  discountBasisPoints?: number;
  taxCode?: string;
  glCode?: string | null;
  parts?: Array<{ servicePlanId: number; mandatory: boolean; quantityMilli?: number; bundlePriceCents?: number | null }>;
  inclusions?: Array<{ description: string; appliesToKind: ProductKind; productId?: number | null; quantityMilli: number }>;
}

export interface TaxCode {
  code: string;
  rateBasisPoints: number | null;
  description: string;
}

export interface Product {
  id: number;
  name: string;
  kind: ProductKind;
}

export interface Account {
  id: number;
  externalKey: string | null;
  name: string;
  billingDay: number;
  periodMonths: number;
  openedOn: string;
  currency: string;
  status: 'active' | 'suspended' | 'closed';
}

export interface Subscription {
  id: number;
  accountId: number;
  planId: number;
  /** The bundle's subscription for a part; its own id for a bundle or a standalone one. */
  rootSubscriptionId: number | null;
  serviceIdentifier: string | null;
  startDate: string;
  /** First day no longer served; null while open-ended. */
  endDate: string | null;
  status: 'active' | 'cancelled';
}

export interface SubscribeRequest {
  planId: number;
  startDate: string;
  quantityMilli?: number;
  serviceIdentifier?: string | null;
  unitPriceOverrideCents?: number | null;
  optionalPartPlanIds?: number[];
  partIdentifiers?: Array<{ planId: number; serviceIdentifier: string }>;
}

export interface TermsRequest {
  effectiveFrom: string;
  quantityMilli?: number;
  /** null removes an override. */
  unitPriceOverrideCents?: number | null;
}

/** What the preview is asked about: the same bodies the subscribe, terms and cancel routes take. */
export type SubscriptionChange =
  | ({ change: 'subscribe' } & SubscribeRequest)
  | ({ change: 'terms'; subscriptionId: number } & TermsRequest)
  | { change: 'cancel'; subscriptionId: number; endDate: string };

/** One fee line of a preview: the days it covers of its regular period, and its amount. */
export interface PreviewFeeLine {
  lineKind: 'recurring' | 'discount' | 'adjustment';
  /** Null for a subscription the change would create. */
  subscriptionId: number | null;
  planId: number | null;
  description: string;
  from: string;
  /** Exclusive. */
  to: string;
  servedDays: number;
  periodDays: number;
  prorated: boolean;
  quantityMilli: number;
  unitPriceCents: number;
  amountCents: number;
}

/**
 * The fees of the one account period a change falls in, before and after it, computed by the
 * invoice run's own fee code without writing anything. `differenceCents` is what the change
 * adds to (or, negative, takes from) that period; when the period was already invoiced, the
 * next invoice carries it as an adjustment.
 */
export interface SubscriptionPreview {
  accountId: number;
  currency: string;
  change: SubscriptionChange['change'];
  period: { start: string; end: string; regularStart: string; regularEnd: string; regularDays: number };
  before: PreviewFeeLine[];
  after: PreviewFeeLine[];
  beforeCents: number;
  afterCents: number;
  differenceCents: number;
  /** Fees of this period already on approved invoices of the subscriptions concerned. */
  alreadyInvoicedCents: number;
  /** A new subscription's setup fee, a one-off charge dated on its start. */
  setupFeeCents: number;
  /** The fees of the following period once the change is in; null when nothing runs then. */
  nextPeriod: { start: string; end: string; amountCents: number } | null;
}

export interface Invoice {
  id: number;
  accountId: number;
  kind: 'invoice' | 'credit_note';
  status: 'draft' | 'approved';
  number: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  issuedOn: string;
  currency: string;
  netCents: number;
  taxCents: number;
  totalCents: number;
}

export interface InvoiceLine {
  id: number;
  position: number;
  section: string;
  description: string;
  quantityMilli: number;
  unitPriceCents: number;
  amountCents: number;
  servicePeriodStart: string | null;
  servicePeriodEnd: string | null;
}

export type InvoiceWithLines = Invoice & { lines: InvoiceLine[] };

export interface UsageImport {
  id: number;
  source: 'csv' | 'api';
  fileName: string | null;
  status: 'running' | 'completed' | 'failed';
  linesRead: number;
  recordsAdded: number;
  duplicates: number;
  invalid: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** What a CSV import answers (docs/usage-csv-format.md). */
export interface UsageImportReport {
  importId: number;
  status: 'completed' | 'failed';
  linesRead: number;
  recordsAdded: number;
  duplicates: number;
  invalid: number;
  invalidLines: Array<{ line: number; errors: readonly string[] }>;
  error: string | null;
}

/** A usage item of the quarantine (kind 'usage'): a record that failed a rating stage, or a CSV line that never became one. */
export interface UsageQuarantineItem {
  id: number;
  entity: 'usage_record' | 'usage_line';
  externalId: string;
  reason: 'not_identified' | 'not_bucketed' | 'not_rated' | 'invalid_record';
  status: 'open' | 'resolved' | 'ignored';
  /** `title` and `recommendedFix` (docs/usage-rating.md), then the record's or the line's own fields. */
  details: Record<string, unknown>;
  firstSeenAt: string;
}

export interface RatingRun {
  id: number;
  status: 'running' | 'completed' | 'failed';
  recordsRated: number;
  recordsQuarantined: number;
  chargesAdded: number;
  startedAt: string;
  finishedAt: string | null;
}

export interface RatingRunReport {
  ratingRunId: number;
  recordsRated: number;
  recordsQuarantined: number;
  chargesAdded: number;
}

export type ExportFormat = 'xero' | 'qbo' | 'json';

/** An approved invoice or credit note of a period, with the formats it was already exported in. */
export interface ExportableInvoice {
  invoiceId: number;
  kind: 'invoice' | 'credit_note';
  number: string | null;
  accountName: string;
  issuedOn: string;
  currency: string;
  totalCents: number;
  exported: Array<{ format: ExportFormat; exportId: number; exportedAt: string }>;
}

export interface AccountingExportRow {
  id: number;
  format: ExportFormat;
  fromDate: string;
  toDate: string;
  again: boolean;
  invoiceCount: number;
  actor: string;
  createdAt: string;
}

export interface ExportStatus {
  from: string;
  to: string;
  invoices: ExportableInvoice[];
  /** The exports whose range overlaps this one, newest first. */
  exports: AccountingExportRow[];
}
