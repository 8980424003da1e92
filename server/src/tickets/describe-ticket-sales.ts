import { lineAmountCents } from '../../../shared/money.js';
import { formatHoursMilli } from '../../../shared/hours.js';
import type { TicketSale, TimeEntryBillingStatus } from '../../../shared/schemas/ticket-billing.js';
import { productToRow, type CwProductItem } from '../sync/streams/products.js';
import { expenseToRow, type CwExpense } from '../sync/streams/expenses.js';

/**
 * The products sold and the expenses entered on a ticket, with how each bills,
 * read the way the sync reads them (same mapping, same amounts): products at
 * price × quantity less what was cancelled, expenses at ConnectWise's invoice
 * amount (which includes the expense type's markup).
 */
export function describeTicketSales(
  sold: readonly CwProductItem[],
  spent: readonly CwExpense[],
  states: { product: Map<number, TimeEntryBillingStatus>; expense: Map<number, TimeEntryBillingStatus> },
  currency: string,
): { products: TicketSale[]; expenses: TicketSale[] } {
  return {
    products: sold
      .map((raw) => productToRow(raw, currency))
      .map((p) => ({
        id: p.id,
        description: p.cancelled ? `${p.description} (cancelled)` : p.description,
        quantity: formatHoursMilli(p.quantityMilli),
        amountCents: p.billableOption === 'Billable' && !p.cancelled ? lineAmountCents(p.priceCents, p.quantityMilli) : 0,
        currency,
        billableOption: p.billableOption,
        billing: states.product.get(p.id) ?? { status: 'not-pushed' },
      })),
    expenses: spent
      .map((raw) => expenseToRow(raw, currency))
      .map((e) => ({
        id: e.id,
        description: e.type.name,
        quantity: '1',
        amountCents: e.billableOption === 'Billable' ? e.amountCents : 0,
        currency,
        billableOption: e.billableOption,
        billing: states.expense.get(e.id) ?? { status: 'not-pushed' },
      })),
  };
}
