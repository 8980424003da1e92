import { z } from 'zod';

/**
 * The module's options (docs/connectwise/product.md "What Emersion's module does"), behind the
 * ConnectWise Settings Management power. Statuses are chosen by name from Manage's
 * closed enum (docs/connectwise/records.md#time-entries `status`), never baked into code.
 */
export const TIME_ENTRY_STATUSES = [
  'Open',
  'Rejected',
  'PendingApproval',
  'ErrorsCorrected',
  'PendingProjectApproval',
  'ApprovedByTierOne',
  'RejectBySecondTier',
  'ApprovedByTierTwo',
  'ReadyToBill',
  'Billed',
  'WrittenOff',
  'BilledAgreement',
] as const;
export const BILLABLE_OPTIONS = ['Billable', 'DoNotBill', 'NoCharge', 'NoDefault'] as const;
const Direction = z.enum(['pull', 'push']);

export const SyncOptionsSchema = z.object({
  directions: z
    .object({ companiesAndContacts: Direction.default('pull'), products: Direction.default('pull'), invoices: Direction.default('push') })
    .default({ companiesAndContacts: 'pull', products: 'pull', invoices: 'push' }),
  /** Billable options that become charges. NoCharge lines are kept at $0 so the invoice shows them. */
  billableOptions: z.array(z.enum(BILLABLE_OPTIONS)).default(['Billable', 'NoCharge']),
  /** Time/expense statuses that count as "approved to bill". */
  approvedStatuses: z.array(z.enum(TIME_ENTRY_STATUSES)).default(['ReadyToBill']),
  rateSource: z.enum(['connectwise', 'rate-card']).default('connectwise'),
  autoCreateProducts: z.boolean().default(true),
  /** Fire Account Created (event id 2) for accounts the sync creates. */
  fireAccountCreatedEvent: z.boolean().default(false),
  /** How a billed record is marked in ConnectWise; null = not written back. */
  writeBack: z
    .object({ kind: z.literal('customField'), customFieldId: z.number().int().positive(), caption: z.string().min(1).max(100) })
    .nullable()
    .default(null),
  /** Minutes between scheduled syncs; 0 = no schedule. */
  scheduleMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(0),
  /** How to match a company with no account linked yet: by name, by identifier (account name), or not at all. */
  companyMatchRule: z.enum(['none', 'name']).default('none'),
});
export type SyncOptions = z.infer<typeof SyncOptionsSchema>;
export const SYNC_OPTIONS_KEY = 'connectwise.options';
