import type { CompanyBilling } from './company-billing.js';

/**
 * Which records of a ConnectWise invoice are also charges of ours ("billed once,
 * on both sides"); the extension shows it on Manage's invoice screen.
 */
export interface InvoiceOverlap {
  invoice: { id: number; number: string | null };
  items: Array<{
    kind: 'time' | 'product' | 'expense';
    id: number;
    /** Our charge for the same ConnectWise record, when there is one: billed twice if so. */
    ourCharge: null | {
      chargeId: number;
      amountCents: number;
      currency: string;
      invoiceNumber: string | null;
      status: 'pending' | 'draft' | 'approved';
    };
  }>;
  billedByUsToo: number;
}

/** An agreement's additions (billed by ConnectWise) beside what billing has for the same company. */
export interface AgreementBilling {
  agreement: { id: number; name: string; companyId: number | null; companyName: string | null };
  /** What ConnectWise bills through the agreement (additions, minor units of `currency` per unit). */
  additions: Array<{ id: number; product: string; quantity: number; unitPriceCents: number; billCustomer: string }>;
  /** The currency the additions' prices were read in: the company's account's, else the server's default. */
  currency: string;
  /** What our billing invoices the same company. */
  company: CompanyBilling | null;
}
