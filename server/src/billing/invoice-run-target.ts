// Which invoice an account's run for a billing date works on: shared by the run itself
// (run-invoices.ts) and its dry run (preview-invoice-run.ts), so the preview can never pick
// other accounts or periods than the run.
import type { AccountCycle, AccountPeriod } from './account-periods.js';
import { accountPeriodContaining } from './account-periods.js';
import type { InvoiceHeader } from './load-invoice-inputs.js';

export type InvoiceRunTarget =
  | { readonly skipped: false; readonly period: AccountPeriod; readonly own: InvoiceHeader | null }
  /** Approved invoices never change, and a later period's invoice settles the earlier ones. */
  | { readonly skipped: 'approved' | 'later-period-invoiced' };

/**
 * The account's period holding `billingDate` and the draft it already has for it (if any),
 * or why the run leaves the account alone: its invoice for that period is approved, or a
 * later period is already invoiced.
 */
export function invoiceRunTarget(account: AccountCycle, billingDate: string, headers: readonly InvoiceHeader[]): InvoiceRunTarget {
  const period = accountPeriodContaining(account, billingDate);
  const periodic = headers.filter((header) => header.kind === 'invoice' && header.periodStart !== null);
  const own = periodic.find((header) => header.periodStart === period.start) ?? null;
  if (own?.status === 'approved') return { skipped: 'approved' };
  if (periodic.some((header) => header.periodStart! > period.start)) return { skipped: 'later-period-invoiced' };
  return { skipped: false, period, own };
}
