import type { DbOrTx } from '../db/client.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { ConnectWiseRejectedError } from '../connectwise/errors.js';
import { NotFoundError } from '../errors/domain-errors.js';
import { minorUnitDigits, parseDecimalToCents } from '../../../shared/money.js';
import { cwNumberToDecimal } from '../connectwise/decimal.js';
import { describeCompanyBilling } from '../companies/describe-company-billing.js';
import type { AgreementBilling } from '../../../shared/schemas/connectwise-invoices.js';

type Addition = { id: number; product?: { identifier?: string }; quantity?: number; unitPrice?: number; billCustomer?: string };

/**
 * An agreement seen from both sides: the additions ConnectWise bills through it,
 * beside the subscriptions and unbilled work our billing has for the same
 * company, so a service manager sees anything billed twice (docs/connectwise/product.md: integrations
 * that own agreement additions break when users edit them; we compare, never write).
 */
export async function describeAgreementBilling(
  db: DbOrTx,
  cw: ConnectWiseClient,
  agreementId: number,
  today: string,
  defaultCurrency: string,
): Promise<AgreementBilling> {
  let agreement: { id: number; name?: string; company?: { id?: number; name?: string } };
  try {
    agreement = await cw.get(`/finance/agreements/${agreementId}`, { fields: 'id,name,company' });
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404)
      throw new NotFoundError(`ConnectWise agreement ${agreementId} was not found.`);
    throw error;
  }
  const additions = await cw.listAll<Addition>(`/finance/agreements/${agreementId}/additions`, {
    fields: 'id,product,quantity,unitPrice,billCustomer',
  });
  const companyId = agreement.company?.id ?? null;
  const company = companyId === null ? null : await describeCompanyBilling(db, companyId, today);
  // ConnectWise's prices are decimals of the company's currency: its minor units make them ours (docs/money.md).
  const currency = company?.account?.currency ?? defaultCurrency;
  const digits = minorUnitDigits(currency);
  return {
    agreement: { id: agreement.id, name: agreement.name ?? '', companyId, companyName: agreement.company?.name ?? null },
    additions: additions.map((a) => ({
      id: a.id,
      product: a.product?.identifier ?? `addition ${a.id}`,
      quantity: a.quantity ?? 0,
      unitPriceCents: parseDecimalToCents(cwNumberToDecimal(a.unitPrice), digits),
      billCustomer: a.billCustomer ?? 'Billable',
    })),
    currency,
    company,
  };
}
