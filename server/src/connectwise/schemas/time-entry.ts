import { z } from 'zod';

/**
 * A ConnectWise time entry as `GET /time/entries` returns it
 * (docs/connectwise/records.md#time-entries; ConnectWise's `TimeEntry` schema).
 * Lenient: unknown fields pass through, optional fields may be missing, so a
 * new Manage release does not break the sync; what we rely on is checked.
 */
const Ref = z.object({ id: z.number().int(), name: z.string().optional(), identifier: z.string().optional() }).passthrough();

export const CwTimeEntrySchema = z
  .object({
    id: z.number().int().positive(),
    company: Ref.optional().nullable(),
    chargeToId: z.number().int().optional().nullable(),
    chargeToType: z.string().optional().nullable(),
    member: Ref.optional().nullable(),
    workType: Ref.optional().nullable(),
    workRole: Ref.optional().nullable(),
    timeStart: z.string(),
    timeEnd: z.string().optional().nullable(),
    actualHours: z.number().optional().nullable(),
    hoursBilled: z.number().optional().nullable(),
    invoiceHours: z.number().optional().nullable(),
    hourlyRate: z.number().optional().nullable(),
    billableOption: z.enum(['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']),
    status: z.string().optional().nullable(),
    notes: z.string().optional().nullable(),
    invoice: Ref.optional().nullable(),
    ticket: z.object({ id: z.number().int(), summary: z.string().optional() }).passthrough().optional().nullable(),
    _info: z.object({ lastUpdated: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

export type CwTimeEntry = z.infer<typeof CwTimeEntrySchema>;

export const CwTicketSchema = z
  .object({
    id: z.number().int().positive(),
    summary: z.string(),
    company: Ref.optional().nullable(),
    billTime: z.string().optional().nullable(),
    billingMethod: z.string().optional().nullable(),
  })
  .passthrough();

export type CwTicket = z.infer<typeof CwTicketSchema>;

const isSafeInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isOptionalString = (v: unknown) => v === undefined || typeof v === 'string';
const isNullish = (v: unknown) => v === undefined || v === null;
const isOptionalRef = (v: unknown) =>
  isNullish(v) || (isObject(v) && isSafeInt(v.id) && isOptionalString(v.name) && isOptionalString(v.identifier));
const isOptionalNumber = (v: unknown) => isNullish(v) || (typeof v === 'number' && Number.isFinite(v));
const isOptionalText = (v: unknown) => isNullish(v) || typeof v === 'string';
const BILLABLE_OPTIONS: ReadonlySet<unknown> = new Set(['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']);

/**
 * The same check as CwTimeEntrySchema, written out by hand for the sync's hot loop (a full
 * sync reads 100,000 entries; zod's parse and copy cost more than mapping them). Never
 * looser than the schema (a property test holds it to that): when it says no, the schema
 * runs and says why.
 */
export function isWellFormedTimeEntry(raw: unknown): raw is CwTimeEntry {
  if (!isObject(raw)) return false;
  const ticket = raw.ticket;
  const info = raw._info;
  return (
    isSafeInt(raw.id) &&
    raw.id > 0 &&
    typeof raw.timeStart === 'string' &&
    BILLABLE_OPTIONS.has(raw.billableOption) &&
    isOptionalRef(raw.company) &&
    isOptionalRef(raw.member) &&
    isOptionalRef(raw.workType) &&
    isOptionalRef(raw.workRole) &&
    isOptionalRef(raw.invoice) &&
    (isNullish(raw.chargeToId) || isSafeInt(raw.chargeToId)) &&
    isOptionalText(raw.chargeToType) &&
    isOptionalText(raw.timeEnd) &&
    isOptionalText(raw.status) &&
    isOptionalText(raw.notes) &&
    isOptionalNumber(raw.actualHours) &&
    isOptionalNumber(raw.hoursBilled) &&
    isOptionalNumber(raw.invoiceHours) &&
    isOptionalNumber(raw.hourlyRate) &&
    (isNullish(ticket) || (isObject(ticket) && isSafeInt(ticket.id) && isOptionalString(ticket.summary))) &&
    (info === undefined || (isObject(info) && isOptionalString(info.lastUpdated)))
  );
}
