import { z } from 'zod';

/**
 * A ConnectWise time entry as `GET /time/entries` returns it
 * (../shared/connectwise/API.md §4.1; ConnectWise's `TimeEntry` schema).
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
