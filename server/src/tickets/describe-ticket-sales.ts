import type { DbOrTx } from '../db/client.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { lineAmountCents } from '../../../shared/money.js';
import { formatHoursMilli } from '../../../shared/hours.js';
import type { TicketSale } from '../../../shared/schemas/ticket-billing.js';
import { CwProductItemSchema, productToRow } from '../sync/streams/products.js';
import { CwExpenseSchema, expenseToRow } from '../sync/streams/expenses.js';
import { recordBillingStates } from './record-billing-states.js';

/**
 * The products sold and the expenses entered on a ticket, with how each bills,
 * read the way the sync reads them (same parsing, same amounts): products at
 * price × quantity less what was cancelled, expenses at ConnectWise's invoice
 * amount (which includes the expense type's markup).
 */
export async function describeTicketSales(
  db: DbOrTx,
  cw: ConnectWiseClient,
  ticketId: number,
  currency: string,
): Promise<{ products: TicketSale[]; expenses: TicketSale[] }> {
  const [rawProducts, rawExpenses] = await Promise.all([
    cw.listAll<unknown>(`/service/tickets/${ticketId}/products`),
    cw.listAll<unknown>('/expense/entries', { conditions: `chargeToType = "ServiceTicket" and chargeToId = ${ticketId}` }),
  ]);
  const products = rawProducts.flatMap((raw) => {
    const parsed = CwProductItemSchema.safeParse(raw);
    return parsed.success ? [productToRow(parsed.data)] : [];
  });
  const expenses = rawExpenses.flatMap((raw) => {
    const parsed = CwExpenseSchema.safeParse(raw);
    return parsed.success ? [expenseToRow(parsed.data)] : [];
  });
  const [productStates, expenseStates] = await Promise.all([
    recordBillingStates(
      db,
      'product',
      products.map((p) => p.id),
    ),
    recordBillingStates(
      db,
      'expense',
      expenses.map((e) => e.id),
    ),
  ]);
  return {
    products: products.map((p) => ({
      id: p.id,
      description: p.cancelled ? `${p.description} (cancelled)` : p.description,
      quantity: formatHoursMilli(p.quantityMilli),
      amountCents: p.billableOption === 'Billable' && !p.cancelled ? lineAmountCents(p.priceCents, p.quantityMilli) : 0,
      currency,
      billableOption: p.billableOption,
      billing: productStates.get(p.id) ?? { status: 'not-pushed' },
    })),
    expenses: expenses.map((e) => ({
      id: e.id,
      description: e.type.name,
      quantity: '1',
      amountCents: e.billableOption === 'Billable' ? e.amountCents : 0,
      currency,
      billableOption: e.billableOption,
      billing: expenseStates.get(e.id) ?? { status: 'not-pushed' },
    })),
  };
}
