import { z } from 'zod';
import { formatMoney, minorUnitDigits, parseDecimalToCents } from '../../../../shared/money.js';
import { cwNumberToDecimal } from '../../connectwise/decimal.js';
import type { StreamDef } from '../stream-def.js';
import { chargeSource } from '../stream-def.js';
import { applyChargePlans, type ChargePlan } from './charge-apply.js';
import { ticketOfCharge } from './time-entries.js';

/** Expense entries (`GET /expense/entries`, docs/connectwise/records.md#expense-entries; ConnectWise's `ExpenseEntry`). */
const Ref = z.looseObject({ id: z.number().int(), name: z.string().optional(), identifier: z.string().optional() });
export const CwExpenseSchema = z.looseObject({
  id: z.number().int().positive(),
  type: Ref,
  company: Ref.optional().nullable(),
  amount: z.number(),
  invoiceAmount: z.number().optional().nullable(),
  billableOption: z.enum(['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']).optional().nullable(),
  status: z.string().optional().nullable(),
  date: z.string(),
  notes: z.string().optional().nullable(),
  ticket: Ref.optional().nullable(),
  _info: z.looseObject({ lastUpdated: z.string().optional() }).optional(),
});
export type CwExpense = z.infer<typeof CwExpenseSchema>;

export interface ExpenseRow {
  id: number;
  companyId: number | null;
  type: { id: number; name: string };
  /** What Manage invoices (`invoiceAmount`, which includes the type's markup), else `amount`. */
  amountCents: number;
  billableOption: string;
  status: string | null;
  date: string;
  notes: string;
  ticketId: number | null;
}

/** `currency`: what the amount is billed in, so ConnectWise's decimal becomes its minor units (yen for JPY, fils for BHD). */
export function expenseToRow(raw: CwExpense, currency: string): ExpenseRow {
  return {
    id: raw.id,
    companyId: raw.company?.id ?? null,
    type: { id: raw.type.id, name: raw.type.name ?? String(raw.type.id) },
    amountCents: parseDecimalToCents(cwNumberToDecimal(raw.invoiceAmount ?? raw.amount), minorUnitDigits(currency)),
    billableOption: raw.billableOption ?? 'NoDefault',
    status: raw.status ?? null,
    date: raw.date.slice(0, 10),
    notes: (raw.notes ?? '').trim(),
    ticketId: raw.ticket?.id ?? null,
  };
}

export function planExpenseCharge(
  row: ExpenseRow,
  options: { billableOptions: readonly string[]; approvedStatuses: readonly string[] },
  currency: string,
): ChargePlan {
  if (!options.billableOptions.includes(row.billableOption))
    return { kind: 'skip', why: `billable option ${row.billableOption} is not let through` };
  if (!row.status || !options.approvedStatuses.includes(row.status))
    return { kind: 'skip', why: `status ${row.status ?? 'none'} is not approved to bill` };
  const noCharge = row.billableOption === 'NoCharge';
  return {
    kind: 'charge',
    source: chargeSource('expense', row.id),
    companyId: row.companyId,
    product: {
      mappingKind: 'expense_type',
      cwKey: String(row.type.id),
      cwName: row.type.name,
      unmappedReason: 'unmapped_expense_type',
      create: {
        externalKey: `connectwise:expense-type:${row.type.id}`,
        name: `Expense: ${row.type.name}`,
        kind: 'expense',
        unitPriceCents: 0,
        unit: 'each',
      },
    },
    build() {
      const unitPriceCents = noCharge ? 0 : row.amountCents;
      const explanation = noCharge
        ? 'No charge: shown at $0 ("No Charge" in ConnectWise).'
        : `Expense ${row.type.name}: ${formatMoney({ amountCents: unitPriceCents, currency })} as invoiced by ConnectWise`;
      const description = `${row.type.name}${row.ticketId ? ` (ticket #${row.ticketId})` : ''}${row.notes ? ` — ${row.notes}` : ''}`.slice(
        0,
        500,
      );
      return { charge: { kind: 'expense', description, chargeDate: row.date, quantityMilli: 1000, unitPriceCents }, explanation };
    },
  };
}

export const expensesStream: StreamDef<CwExpense, ExpenseRow> = {
  name: 'expenses',
  entity: 'expense',
  path: '/expense/entries',
  fields:
    'id,type/id,type/name,company/id,amount,invoiceAmount,billableOption,status,date,notes,ticket/id,chargeToId,chargeToType,_info/lastUpdated',
  schema: CwExpenseSchema,
  key: (raw) => raw.id,
  ticketRecord: { kind: 'expense', ticketOf: (raw) => ticketOfCharge(raw as Parameters<typeof ticketOfCharge>[0]) },
  toRow: expenseToRow,
  async apply(items, ctx) {
    const plans = items.map((item) => planExpenseCharge(item.row, ctx.options, ctx.currency));
    return applyChargePlans(items, plans, ctx, (row) => `expense ${row.id} (${row.type.name})`);
  },
};
