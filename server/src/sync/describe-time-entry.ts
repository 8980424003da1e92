import { formatMoney, lineAmountCents, minorUnitDigits, parseDecimalToCents, parseQuantityMilli } from '../../../shared/money.js';
import { formatHoursMilli } from '../../../shared/hours.js';
import type { BillingState, TicketTimeEntry } from '../../../shared/schemas/ticket-billing.js';
import type { CwTimeEntry } from '../connectwise/schemas/time-entry.js';
import { cwNumberToDecimal } from '../connectwise/decimal.js';

/**
 * How ConnectWise bills one time entry: its own rate × billed hours
 * (`hourlyRate` × `invoiceHours`, as Manage computes `extendedInvoiceAmount`),
 * rounded once, with the sentence that explains it. The sync charges by it and
 * the ticket views show it, so both always say the same thing.
 */
export function describeTimeEntry(entry: CwTimeEntry, currency: string): Omit<TicketTimeEntry, 'billing'> {
  const actual = cwNumberToDecimal(entry.actualHours);
  const billed = cwNumberToDecimal(entry.invoiceHours ?? entry.hoursBilled ?? entry.actualHours);
  const rateCents =
    entry.hourlyRate === null || entry.hourlyRate === undefined
      ? null
      : parseDecimalToCents(cwNumberToDecimal(entry.hourlyRate), minorUnitDigits(currency));
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

function explain(
  entry: CwTimeEntry,
  state: BillingState,
  actual: string,
  billedMilli: number,
  rateCents: number | null,
  amountCents: number,
  currency: string,
): string {
  if (state === 'not-billable') {
    return entry.billableOption === 'DoNotBill'
      ? 'Not billed: the entry is marked "Do Not Bill" in ConnectWise.'
      : 'Not billed: the entry has no billable option set (No Default) in ConnectWise.';
  }
  if (state === 'no-charge') return 'No charge: the entry shows on the invoice at $0 ("No Charge" in ConnectWise).';
  const billed = formatHoursMilli(billedMilli);
  const hoursText =
    billedMilli === parseQuantityMilliSafe(actual)
      ? `${billed} h`
      : `${billed} h billed for ${actual} h worked (work type ${entry.workType?.name ?? 'rules'}: minimum/rounding)`;
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
