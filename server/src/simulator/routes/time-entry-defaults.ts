import type { Context } from 'hono';
import type { ManageStore } from '../store.js';
import type { SimulatorEnv } from '../sim-env.js';
import { manageErrors } from '../manage-errors.js';
import { actualHoursBetween, billedHours, extendedInvoiceAmount, timeEntryHourlyRate } from '../data/time-entry-billing.js';

/**
 * `POST /time/entries/defaults` (SPEC, docs/connectwise/records.md#time-entries): Manage fills a draft time
 * entry with its defaults — the hourly rate of the work role × work type, the
 * billed hours after the work type's minimum and rounding — without saving it.
 */
export async function handleTimeEntryDefaults(c: Context<SimulatorEnv>, store: ManageStore): Promise<Response> {
  let body: Record<string, unknown>;
  try {
    body = (await c.req.json()) as Record<string, unknown>;
  } catch {
    return c.json(manageErrors.invalidObject('timeEntry', []), 400);
  }
  if (typeof body !== 'object' || body === null || typeof body.timeStart !== 'string') {
    return c.json(
      manageErrors.invalidObject('timeEntry', [
        { code: 'MissingRequiredField', message: 'The timeStart field is required.', resource: 'timeEntry', field: 'timeStart' },
      ]),
      400,
    );
  }
  const workRole = findById(store, 'workRoles', body.workRole);
  const workType = findById(store, 'workTypes', body.workType);
  const actual =
    typeof body.actualHours === 'number'
      ? body.actualHours
      : typeof body.timeEnd === 'string'
        ? actualHoursBetween(Date.parse(body.timeStart), Date.parse(body.timeEnd))
        : 0;
  const billed = billedHours(actual, (workType ?? {}) as never, typeof body.hoursDeduct === 'number' ? body.hoursDeduct : 0);
  const hourlyRate = timeEntryHourlyRate((workRole ?? {}) as never, (workType ?? {}) as never);
  return c.json({
    ...body,
    id: 0,
    workRole: workRole ? { id: workRole.id, name: workRole.name } : body.workRole,
    workType: workType ? { id: workType.id, name: workType.name } : body.workType,
    billableOption: body.billableOption ?? workType?.billTime ?? 'Billable',
    actualHours: actual,
    hoursBilled: billed,
    invoiceHours: billed,
    hourlyRate,
    extendedInvoiceAmount: extendedInvoiceAmount(billed, hourlyRate),
  });
}

function findById(store: ManageStore, collection: string, ref: unknown) {
  const id = typeof ref === 'object' && ref !== null ? (ref as { id?: unknown }).id : undefined;
  return typeof id === 'number' ? store.get(collection, id) : undefined;
}
