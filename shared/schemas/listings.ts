import { z } from 'zod';

/**
 * The paged listings of charges, invoices, accounts and audit entries
 * (`GET /api/v1/charges`, `/invoices`, `/accounts`, `/audit-entries`): one shape for all
 * four. Items come in ascending id order; `nextCursor` is passed back as `?after=` for the
 * next page and is null on the last page. Ids only grow, so a cursor stays valid while rows
 * are added: the rows it has passed are never shown again and none after it is skipped.
 * The schemas are the responses the OpenAPI document describes (their `id`s name its
 * components); tests parse real responses with them.
 */
export const LISTING_LIMIT = { default: 100, max: 1000 } as const;

export interface Page<Item> {
  items: Item[];
  /** Opaque; null when this page is the last one. */
  nextCursor: string | null;
}

function pageOf<Item extends z.ZodType>(item: Item) {
  return z.strictObject({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass it back as `after` for the next page; null on the last page.'),
  });
}

const Id = z.number().int().positive();
const Cents = z.number().int();
const IsoDate = z.string().describe('YYYY-MM-DD');
const Instant = z.string().describe('ISO 8601 instant, UTC');

export const CHARGE_LISTING_KINDS = ['labour', 'product', 'expense', 'usage', 'adjustment', 'one-off'] as const;
/** pending: on no invoice yet; draft: held by a draft invoice (which a later run may rebuild); invoiced: on an approved invoice. */
export const CHARGE_STATUSES = ['pending', 'draft', 'invoiced'] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

export const ChargeItemSchema = z
  .strictObject({
    id: Id,
    /** The natural key of what the charge bills, e.g. `connectwise:time:123`. */
    source: z.string(),
    accountId: Id,
    kind: z.enum(CHARGE_LISTING_KINDS),
    status: z.enum(CHARGE_STATUSES),
    productId: Id.nullable(),
    description: z.string(),
    chargeDate: IsoDate,
    quantityMilli: z.number().int().describe('thousandths: 1.25 hours = 1250'),
    unitPriceCents: Cents,
    amountCents: Cents,
    currency: z.string(),
    taxCode: z.string().nullable(),
    glCode: z.string().nullable(),
    ticketNumber: z.string().nullable(),
    memberName: z.string().nullable(),
    workRole: z.string().nullable(),
    workType: z.string().nullable(),
    invoiceId: Id.nullable(),
    createdAt: Instant,
  })
  .meta({ id: 'Charge' });
export type ChargeItem = z.infer<typeof ChargeItemSchema>;
export const ChargePageSchema = pageOf(ChargeItemSchema).meta({ id: 'ChargePage' });

export const INVOICE_LISTING_KINDS = ['invoice', 'credit_note'] as const;
export const INVOICE_STATUSES = ['draft', 'approved'] as const;

export const InvoiceItemSchema = z
  .strictObject({
    id: Id,
    accountId: Id,
    kind: z.enum(INVOICE_LISTING_KINDS),
    status: z.enum(INVOICE_STATUSES),
    /** Given on approval, gapless per kind; null on drafts. */
    number: z.string().nullable(),
    periodStart: IsoDate.nullable(),
    periodEnd: IsoDate.nullable(),
    issuedOn: IsoDate,
    currency: z.string(),
    netCents: Cents,
    taxCents: Cents,
    totalCents: Cents,
    /** Changes whenever a draft's lines change. */
    contentHash: z.string(),
    creditedInvoiceId: Id.nullable(),
    reason: z.string().nullable(),
    approvedAt: Instant.nullable(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Invoice' });
export type InvoiceItem = z.infer<typeof InvoiceItemSchema>;
export const InvoicePageSchema = pageOf(InvoiceItemSchema).meta({ id: 'InvoicePage' });

export const ACCOUNT_LISTING_STATUSES = ['active', 'suspended', 'closed'] as const;

export const AccountItemSchema = z
  .strictObject({
    id: Id,
    /** The record the account mirrors, e.g. `connectwise:company:250`; null for accounts made here. */
    externalKey: z.string().nullable(),
    name: z.string(),
    billingDay: z.number().int(),
    periodMonths: z.number().int(),
    anchor: IsoDate,
    openedOn: IsoDate,
    currency: z.string(),
    taxExempt: z.boolean(),
    taxRateBasisPoints: z.number().int(),
    taxCode: z.string().nullable(),
    accountType: z.string(),
    accountProfile: z.string().nullable(),
    status: z.enum(ACCOUNT_LISTING_STATUSES),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Account' });
export type AccountItem = z.infer<typeof AccountItemSchema>;
export const AccountPageSchema = pageOf(AccountItemSchema).meta({ id: 'AccountPage' });

export const AuditEntryItemSchema = z
  .strictObject({
    id: Id,
    at: Instant,
    /** Who made the change: a token's or member's name, or the sync. */
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    details: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntryItem = z.infer<typeof AuditEntryItemSchema>;
export const AuditEntryPageSchema = pageOf(AuditEntryItemSchema).meta({ id: 'AuditEntryPage' });

/** The filters each listing takes, as the API client sends them (the server validates them: docs in the OpenAPI document). */
interface PageQuery {
  after?: string;
  limit?: number;
}
export interface ChargeListingQuery extends PageQuery {
  accountId?: number;
  kind?: (typeof CHARGE_LISTING_KINDS)[number];
  status?: ChargeStatus;
  source?: string;
  sourcePrefix?: string;
  from?: string;
  to?: string;
}
export interface InvoiceListingQuery extends PageQuery {
  accountId?: number;
  kind?: (typeof INVOICE_LISTING_KINDS)[number];
  status?: (typeof INVOICE_STATUSES)[number];
  periodStart?: string;
  from?: string;
  to?: string;
}
export interface AccountListingQuery extends PageQuery {
  status?: (typeof ACCOUNT_LISTING_STATUSES)[number];
  externalKey?: string;
  externalKeyPrefix?: string;
  nameContains?: string;
}
export interface AuditEntryListingQuery extends PageQuery {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  requestId?: string;
  from?: string;
  to?: string;
}
