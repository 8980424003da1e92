import { z } from 'zod';

/**
 * What the API says about the billing of one ConnectWise service ticket; the
 * pod and the extension render exactly this. Amounts are integer cents.
 */
export const BillableOptionSchema = z.enum(['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']);
export type BillableOption = z.infer<typeof BillableOptionSchema>;

export const BillingStateSchema = z.enum(['billable', 'not-billable', 'no-charge']);
export type BillingState = z.infer<typeof BillingStateSchema>;

/** Where the entry stands on the billing side. */
export const TimeEntryBillingStatusSchema = z.object({
  status: z.enum(['not-pushed', 'waiting-approval', 'pending', 'draft-invoice', 'invoiced', 'quarantined']),
  chargeId: z.number().int().optional(),
  chargeAmountCents: z.number().int().optional(),
  invoiceId: z.number().int().optional(),
  invoiceNumber: z.string().nullable().optional(),
  quarantine: z.object({ id: z.number().int(), reason: z.string(), fix: z.string() }).optional(),
});
export type TimeEntryBillingStatus = z.infer<typeof TimeEntryBillingStatusSchema>;

export const TicketTimeEntrySchema = z.object({
  id: z.number().int(),
  memberName: z.string(),
  date: z.string(),
  workType: z.string().nullable(),
  workRole: z.string().nullable(),
  actualHours: z.string(),
  billedHours: z.string(),
  hourlyRateCents: z.number().int().nullable(),
  amountCents: z.number().int(),
  currency: z.string(),
  billableOption: BillableOptionSchema,
  cwStatus: z.string().nullable(),
  notes: z.string(),
  state: BillingStateSchema,
  /** How the amount was derived, in words a technician understands. */
  explanation: z.string(),
  billing: TimeEntryBillingStatusSchema,
});
export type TicketTimeEntry = z.infer<typeof TicketTimeEntrySchema>;

/** What a time entry being filled in will bill, and whether its work role × work type is mapped. */
export const TimeEntryPreviewSchema = TicketTimeEntrySchema.omit({ id: true, notes: true, billing: true }).extend({
  mapped: z.boolean(),
  warning: z.string().nullable(),
});
export type TimeEntryPreview = z.infer<typeof TimeEntryPreviewSchema>;

/** A product sold or an expense entered on the ticket. */
export const TicketSaleSchema = z.object({
  id: z.number().int(),
  description: z.string(),
  quantity: z.string(),
  amountCents: z.number().int(),
  currency: z.string(),
  billableOption: z.string(),
  billing: TimeEntryBillingStatusSchema,
});
export type TicketSale = z.infer<typeof TicketSaleSchema>;

export const TicketBillingSchema = z.object({
  ticket: z.object({
    id: z.number().int(),
    summary: z.string(),
    companyName: z.string().nullable(),
    companyId: z.number().int().nullable(),
  }),
  /**
   * Where ConnectWise's side came from: `live`, read from Manage for this answer; `synced`,
   * the records the server holds, which the sync and callbacks keep current.
   */
  source: z.enum(['synced', 'live']),
  /** When the ticket and all its records were last read from Manage together (ISO 8601): the view is as of then, or newer. */
  syncedAt: z.string(),
  timeEntries: z.array(TicketTimeEntrySchema),
  products: z.array(TicketSaleSchema),
  expenses: z.array(TicketSaleSchema),
  totals: z.object({ billableCents: z.number().int(), currency: z.string(), billableHours: z.string() }),
});
export type TicketBilling = z.infer<typeof TicketBillingSchema>;
