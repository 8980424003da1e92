/**
 * What the API says about the billing of one ConnectWise company; the company
 * pod and the extension's company panel render exactly this. Amounts in cents.
 */
export interface CompanyBilling {
  company: { id: number; externalKey: string };
  account: null | {
    id: number;
    name: string;
    status: string;
    currency: string;
    billingDay: number;
    periodMonths: number;
    accountType: string;
    currentPeriod: { start: string; end: string };
  };
  unbilled: Array<{ kind: string; count: number; amountCents: number }>;
  unbilledTotalCents: number;
  subscriptions: Array<{
    id: number;
    planName: string;
    planKind: string;
    serviceIdentifier: string | null;
    startDate: string;
    endDate: string | null;
    status: string;
    inclusions: Array<{ description: string; appliesToKind: string; includedMilli: number; usedMilli: number }>;
  }>;
  invoices: Array<{
    id: number;
    number: string | null;
    kind: string;
    status: string;
    issuedOn: string;
    totalCents: number;
    currency: string;
    documentPath: string;
  }>;
  contacts: Array<{ id: number; name: string; email: string | null; phone: string | null; locked: boolean }>;
}
