import type { Db } from '../db/client.js';
import type { ConnectWiseClient } from '../sync/cw/client.js';
import { ConnectWiseRejectedError } from '../sync/cw/errors.js';
import { AppError, NotFoundError, UnauthorizedError } from '../http/errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { CwTimeEntrySchema } from '../sync/cw/schemas/time-entry.js';

export interface FlagTimeEntryInput {
  db: Db;
  /** Acting as the signed-in member where there is one, so Manage's security roles apply. */
  cw: ConnectWiseClient;
  clock: () => Date;
  actor: string;
  requestId: string;
  timeEntryId: number;
  billableOption: 'Billable' | 'DoNotBill' | 'NoCharge';
  /** A pod session whose member credentials were lost (server restart): sign in again. */
  sessionExpired: boolean;
}

/**
 * Writes a time entry's billable option back to ConnectWise
 * (`PATCH /time/entries/{id}`, `billableOption` is writable: API.md §4.1 and §6),
 * and records the write in the audit trail.
 */
export async function flagTimeEntry(input: FlagTimeEntryInput) {
  if (input.sessionExpired) throw new UnauthorizedError('Your ConnectWise session has ended. Reload the screen to sign in again.');
  let before: unknown;
  try {
    before = await input.cw.get(`/time/entries/${input.timeEntryId}`);
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404) throw new NotFoundError(`Time entry ${input.timeEntryId} was not found in ConnectWise.`);
    throw asMemberRefusal(error);
  }
  const entry = CwTimeEntrySchema.parse(before);
  if (entry.billableOption === input.billableOption) return { id: entry.id, billableOption: entry.billableOption, changed: false };
  if (entry.status === 'Billed' || entry.invoice) {
    throw new AppError(409, 'conflict', `Time entry ${entry.id} is already billed in ConnectWise; correct it with a credit note instead.`);
  }
  let after: unknown;
  try {
    after = await input.cw.patch(`/time/entries/${entry.id}`, [{ op: 'replace', path: 'billableOption', value: input.billableOption }]);
  } catch (error) {
    throw asMemberRefusal(error);
  }
  const updated = CwTimeEntrySchema.parse(after);
  await recordAudit(input.db, {
    at: input.clock(),
    actor: input.actor,
    action: 'connectwise.time_entry.billable_option',
    entity: 'cw_time_entry',
    entityId: String(entry.id),
    details: { from: entry.billableOption, to: updated.billableOption },
    requestId: input.requestId,
  });
  return { id: updated.id, billableOption: updated.billableOption, changed: true };
}

function asMemberRefusal(error: unknown): unknown {
  if (error instanceof ConnectWiseRejectedError && (error.status === 401 || error.status === 403)) {
    return new AppError(403, 'forbidden', 'ConnectWise refused this change for your member (security role).');
  }
  return error;
}
