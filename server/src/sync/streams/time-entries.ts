import { formatMoney, lineAmountCents, minorUnitDigits, parseDecimalToCents, parseQuantityMilli } from '../../../../shared/money.js';
import { formatHoursMilli } from '../../../../shared/hours.js';
import { describeTimeEntry } from '../describe-time-entry.js';
import { CwTimeEntrySchema, isWellFormedTimeEntry, type CwTimeEntry } from '../../connectwise/schemas/time-entry.js';
import { cwNumberToDecimal } from '../../connectwise/decimal.js';
import { workRoleTypeKey } from '../../mappings/mapping-kinds.js';
import type { StreamDef } from '../stream-def.js';
import { chargeSource } from '../stream-def.js';
import { applyChargePlans, type ChargePlan } from './charge-apply.js';

/**
 * Time entries on service tickets → labour charges (`GET /time/entries`, docs/connectwise/records.md#time-entries;
 * ConnectWise's `TimeEntry` schema, lenient zod in ../cw/schemas/time-entry.ts).
 */
export interface TimeEntryRow {
  id: number;
  companyId: number | null;
  ticketId: number | null;
  ticketSummary: string;
  memberName: string;
  workRole: { id: number; name: string } | null;
  workType: { id: number; name: string } | null;
  billableOption: CwTimeEntry['billableOption'];
  status: string | null;
  date: string;
  notes: string;
  actualHours: string;
  billedMilli: number;
  /** ConnectWise's own rate (`hourlyRate`), in cents; null when Manage gave none. */
  cwRateCents: number | null;
  /** describeTimeEntry's explanation (ConnectWise rate × billed hours). */
  cwExplanation: string;
}

export function timeEntryToRow(raw: CwTimeEntry, currency = 'AUD'): TimeEntryRow {
  const described = describeTimeEntry(raw, currency);
  const billed = cwNumberToDecimal(raw.invoiceHours ?? raw.hoursBilled ?? raw.actualHours);
  let billedMilli: number;
  try {
    billedMilli = parseQuantityMilli(billed);
  } catch {
    billedMilli = parseDecimalToCents(billed, 3);
  }
  return {
    id: raw.id,
    companyId: raw.company?.id ?? null,
    ticketId: raw.ticket?.id ?? raw.chargeToId ?? null,
    ticketSummary: raw.ticket?.summary ?? '',
    memberName: described.memberName,
    workRole: raw.workRole ? { id: raw.workRole.id, name: raw.workRole.name ?? String(raw.workRole.id) } : null,
    workType: raw.workType ? { id: raw.workType.id, name: raw.workType.name ?? String(raw.workType.id) } : null,
    billableOption: raw.billableOption,
    status: raw.status ?? null,
    date: raw.timeStart.slice(0, 10),
    notes: (raw.notes ?? '').trim(),
    actualHours: described.actualHours,
    billedMilli,
    cwRateCents:
      raw.hourlyRate === null || raw.hourlyRate === undefined
        ? null
        : parseDecimalToCents(cwNumberToDecimal(raw.hourlyRate), minorUnitDigits(currency)),
    cwExplanation: described.explanation,
  };
}

export function planTimeEntryCharge(
  row: TimeEntryRow,
  options: { billableOptions: readonly string[]; approvedStatuses: readonly string[]; rateSource: 'connectwise' | 'rate-card' },
  currency: string,
): ChargePlan {
  if (!options.billableOptions.includes(row.billableOption))
    return { kind: 'skip', why: `billable option ${row.billableOption} is not let through` };
  if (!row.status || !options.approvedStatuses.includes(row.status))
    return { kind: 'skip', why: `status ${row.status ?? 'none'} is not approved to bill` };
  if (!row.workRole || !row.workType)
    return { kind: 'quarantine', reason: 'unmapped_work_role_type', details: { workRole: row.workRole, workType: row.workType } };
  const cwKey = workRoleTypeKey(row.workRole.id, row.workType.id);
  const cwName = `${row.workRole.name} × ${row.workType.name}`;
  const noCharge = row.billableOption === 'NoCharge';
  return {
    kind: 'charge',
    source: chargeSource('time', row.id),
    companyId: row.companyId,
    product: {
      mappingKind: 'work_role_type',
      cwKey,
      cwName,
      unmappedReason: 'unmapped_work_role_type',
      create: {
        externalKey: `connectwise:work-role-type:${row.workRole.id}:${row.workType.id}`,
        name: `Labour: ${cwName}`,
        kind: 'labour',
        unitPriceCents: row.cwRateCents ?? 0,
        unit: 'hour',
      },
    },
    build(product) {
      const hours = formatHoursMilli(row.billedMilli);
      let unitPriceCents: number;
      let explanation: string;
      if (noCharge) {
        unitPriceCents = 0;
        explanation = `No charge: ${hours} h shown at $0 ("No Charge" in ConnectWise).`;
      } else if (options.rateSource === 'connectwise') {
        if (row.cwRateCents === null) return null;
        unitPriceCents = row.cwRateCents;
        explanation = row.cwExplanation;
      } else {
        unitPriceCents = product.unitPriceCents;
        if (unitPriceCents <= 0) return null;
        const amount = lineAmountCents(unitPriceCents, row.billedMilli);
        explanation = `${hours} h × ${formatMoney({ amountCents: unitPriceCents, currency })}/h (rate card: product "${product.name}") = ${formatMoney({ amountCents: amount, currency })}`;
      }
      const summary = row.ticketId ? `Ticket #${row.ticketId} ${row.ticketSummary}`.trim() : 'Time';
      return {
        charge: {
          kind: 'labour',
          description: `${summary}${row.notes ? ` — ${row.notes}` : ''}`.slice(0, 500),
          chargeDate: row.date,
          quantityMilli: row.billedMilli,
          unitPriceCents,
          ticketNumber: row.ticketId ? String(row.ticketId) : null,
          memberName: row.memberName.slice(0, 200) || null,
          workRole: row.workRole!.name.slice(0, 200),
          workType: row.workType!.name.slice(0, 200),
        },
        explanation,
      };
    },
  };
}

/** The service ticket a time entry or an expense is charged to (docs/connectwise/records.md#time-entries), or null. */
export function ticketOfCharge(raw: { chargeToType?: unknown; chargeToId?: number | null; ticket?: { id: number } | null }): number | null {
  if (raw.chargeToType !== undefined && raw.chargeToType !== null && raw.chargeToType !== 'ServiceTicket') return null;
  return raw.chargeToId ?? raw.ticket?.id ?? null;
}

export const timeEntriesStream: StreamDef<CwTimeEntry, TimeEntryRow> = {
  name: 'time_entries',
  entity: 'time_entry',
  path: '/time/entries',
  // Only time on service tickets becomes labour charges: time charged to projects or
  // charged to nothing is not ticket labour (docs/connectwise/records.md#time-entries).
  conditions: 'chargeToType = "ServiceTicket"',
  fields:
    'id,company/id,chargeToId,chargeToType,member/id,member/name,member/identifier,workRole/id,workRole/name,workType/id,workType/name,timeStart,actualHours,hoursBilled,invoiceHours,hourlyRate,billableOption,status,notes,ticket/id,ticket/summary,_info/lastUpdated',
  schema: CwTimeEntrySchema as never,
  isWellFormed: isWellFormedTimeEntry,
  inScope: (raw) => raw.chargeToType === undefined || raw.chargeToType === null || raw.chargeToType === 'ServiceTicket',
  key: (raw) => raw.id,
  ticketRecord: { kind: 'time', ticketOf: (raw) => ticketOfCharge(raw) },
  toRow: (raw, currency) => timeEntryToRow(raw, currency),
  async apply(items, ctx) {
    const plans = items.map((item) => planTimeEntryCharge(item.row, ctx.options, ctx.currency));
    return applyChargePlans(items, plans, ctx, (row) => `time entry ${row.id} (${row.date}, ${row.memberName})`);
  },
};
