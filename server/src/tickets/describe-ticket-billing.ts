import { formatMoney, lineAmountCents, parseDecimalToCents, parseQuantityMilli } from '../../../shared/money.js';
import { formatHoursMilli } from '../../../shared/hours.js';
import type { BillingState, TicketBilling, TicketTimeEntry } from '../../../shared/schemas/ticket-billing.js';
import type { ConnectWiseClient } from '../sync/cw/client.js';
import { ConnectWiseRejectedError } from '../sync/cw/errors.js';
import { CwTicketSchema, CwTimeEntrySchema, type CwTimeEntry } from '../sync/cw/schemas/time-entry.js';
import { cwNumberToDecimal } from '../sync/cw/decimal.js';
import { NotFoundError } from '../http/errors.js';
import type { DbOrTx } from '../db/client.js';
import { recordBillingStates } from './record-billing-states.js';
import { describeTicketSales } from './describe-ticket-sales.js';
import { readSetting } from '../sync/settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../sync/settings/sync-options.js';

/**
 * Reads a ticket and its time entries from ConnectWise and says how each entry
 * bills. The amount is ConnectWise's own rate × billed hours (`hourlyRate` ×
 * `invoiceHours`, as Manage computes `extendedInvoiceAmount`), rounded once.
 */
export async function describeTicketBilling(db: DbOrTx, cw: ConnectWiseClient, ticketId: number, currency: string): Promise<TicketBilling> {
  let rawTicket: unknown;
  try {
    rawTicket = await cw.get(`/service/tickets/${ticketId}`);
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404) throw new NotFoundError(`Ticket ${ticketId} was not found in ConnectWise.`);
    throw error;
  }
  const ticket = CwTicketSchema.parse(rawTicket);
  const rawEntries = await cw.listAll<unknown>('/time/entries', {
    conditions: `chargeToType = "ServiceTicket" and chargeToId = ${ticketId}`,
  });
  const parsed = rawEntries.map((raw) => CwTimeEntrySchema.parse(raw));
  const states = await recordBillingStates(db, 'time', parsed.map((e) => e.id));
  const { approvedStatuses } = await readSetting(db, SYNC_OPTIONS_KEY, SyncOptionsSchema);
  // Billable work we have not taken yet either waits for approval in ConnectWise or for the next sync.
  const unseen = (entry: CwTimeEntry) =>
    entry.billableOption !== 'DoNotBill' && entry.billableOption !== 'NoDefault' && !(approvedStatuses as string[]).includes(entry.status ?? '')
      ? ({ status: 'waiting-approval' } as const)
      : ({ status: 'not-pushed' } as const);
  const timeEntries = parsed.map((entry) => ({ ...describeTimeEntry(entry, currency), billing: states.get(entry.id) ?? unseen(entry) }));
  const billable = timeEntries.filter((e) => e.state === 'billable');
  const billableMilli = billable.reduce((sum, e) => sum + parseQuantityMilli(e.billedHours), 0);
  const { products, expenses } = await describeTicketSales(db, cw, ticketId, currency);
  return {
    ticket: { id: ticket.id, summary: ticket.summary, companyName: ticket.company?.name ?? null, companyId: ticket.company?.id ?? null },
    timeEntries,
    products,
    expenses,
    totals: {
      billableCents: billable.reduce((sum, e) => sum + e.amountCents, 0),
      currency,
      billableHours: formatHoursMilli(billableMilli),
    },
  };
}

export function describeTimeEntry(entry: CwTimeEntry, currency: string): Omit<TicketTimeEntry, 'billing'> {
  const actual = cwNumberToDecimal(entry.actualHours);
  const billed = cwNumberToDecimal(entry.invoiceHours ?? entry.hoursBilled ?? entry.actualHours);
  const rateCents = entry.hourlyRate === null || entry.hourlyRate === undefined ? null : parseDecimalToCents(cwNumberToDecimal(entry.hourlyRate), 2);
  const state = billingStateOf(entry.billableOption);
  const billedMilli = roundToMilli(billed);
  const amountCents = state === 'billable' && rateCents !== null ? lineAmountCents(rateCents, billedMilli) : 0;
  return {
    id: entry.id,
    memberName: entry.member?.name ?? entry.member?.identifier ?? 'Unknown member',
    date: entry.timeStart.slice(0, 10),
    workType: entry.workType?.name ?? null,
    workRole: entry.workRole?.name ?? null,
    actualHours: actual,
    billedHours: formatHoursMilli(billedMilli),
    hourlyRateCents: rateCents,
    amountCents,
    currency,
    billableOption: entry.billableOption,
    cwStatus: entry.status ?? null,
    notes: entry.notes ?? '',
    state,
    explanation: explain(entry, state, actual, billedMilli, rateCents, amountCents, currency),
  };
}

function billingStateOf(option: CwTimeEntry['billableOption']): BillingState {
  if (option === 'Billable') return 'billable';
  if (option === 'NoCharge') return 'no-charge';
  return 'not-billable';
}

/** Hours are kept in thousandths; ConnectWise rounds billed hours to at most two decimals. */
function roundToMilli(decimal: string): number {
  try {
    return parseQuantityMilli(decimal);
  } catch {
    return Math.round(parseDecimalToCents(decimal, 3));
  }
}

function explain(entry: CwTimeEntry, state: BillingState, actual: string, billedMilli: number, rateCents: number | null, amountCents: number, currency: string): string {
  if (state === 'not-billable') {
    return entry.billableOption === 'DoNotBill'
      ? 'Not billed: the entry is marked "Do Not Bill" in ConnectWise.'
      : 'Not billed: the entry has no billable option set (No Default) in ConnectWise.';
  }
  if (state === 'no-charge') return 'No charge: the entry shows on the invoice at $0 ("No Charge" in ConnectWise).';
  const billed = formatHoursMilli(billedMilli);
  const hoursText = billedMilli === parseQuantityMilliSafe(actual) ? `${billed} h` : `${billed} h billed for ${actual} h worked (work type ${entry.workType?.name ?? 'rules'}: minimum/rounding)`;
  if (rateCents === null) return `${hoursText}; ConnectWise gave no hourly rate, so nothing is charged yet.`;
  const rate = formatMoney({ amountCents: rateCents, currency });
  return `${hoursText} × ${rate}/h (ConnectWise rate for ${entry.workRole?.name ?? 'the work role'} × ${entry.workType?.name ?? 'the work type'}) = ${formatMoney({ amountCents, currency })}`;
}

function parseQuantityMilliSafe(decimal: string): number {
  try {
    return parseQuantityMilli(decimal);
  } catch {
    return 0;
  }
}
