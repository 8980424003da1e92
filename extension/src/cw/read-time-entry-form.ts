import { CHARGE_TO_TICKET_PATTERN, SELECTORS } from './selectors.js';

export interface TimeEntryFormValues {
  ticketId?: number;
  workRoleId: number;
  workTypeId: number;
  hours: string;
}

/** What the technician has entered so far, or null while the form is incomplete. */
export function readTimeEntryForm(doc: Document): TimeEntryFormValues | null {
  const role = Number(doc.querySelector<HTMLSelectElement>(SELECTORS.timeEntryWorkRole)?.value);
  const type = Number(doc.querySelector<HTMLSelectElement>(SELECTORS.timeEntryWorkType)?.value);
  const hours = doc.querySelector<HTMLInputElement>(SELECTORS.timeEntryHours)?.value.trim() ?? '';
  if (!Number.isInteger(role) || role <= 0 || !Number.isInteger(type) || type <= 0 || !/^\d{1,3}(\.\d{1,2})?$/.test(hours)) return null;
  const chargeTo = CHARGE_TO_TICKET_PATTERN.exec(doc.querySelector<HTMLInputElement>(SELECTORS.chargeTo)?.value ?? '');
  return { workRoleId: role, workTypeId: type, hours, ...(chargeTo ? { ticketId: Number(chargeTo[1]) } : {}) };
}
