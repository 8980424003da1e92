import type { Db } from '../db/client.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { ConnectWiseRejectedError } from '../connectwise/errors.js';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError } from '../errors/domain-errors.js';
import { recordAudit } from '../audit/record-audit.js';
import { CwTimeEntrySchema } from '../connectwise/schemas/time-entry.js';
import { partialRecord } from '../connectwise/partial-record.js';
import { keepTicketRecords } from '../sync/synced-ticket-records.js';
import { ticketOfCharge, timeEntriesStream } from '../sync/streams/time-entries.js';

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
 * (`PATCH /time/entries/{id}`, `billableOption` is writable: docs/connectwise/records.md#time-entries and docs/connectwise/billed-in-manage.md),
 * and records the write in the audit trail.
 */
export async function flagTimeEntry(input: FlagTimeEntryInput) {
  if (input.sessionExpired) throw new UnauthorizedError('Your ConnectWise session has ended. Reload the screen to sign in again.');
  let before: unknown;
  try {
    before = await input.cw.get(`/time/entries/${input.timeEntryId}`);
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404)
      throw new NotFoundError(`Time entry ${input.timeEntryId} was not found in ConnectWise.`);
    throw asMemberRefusal(error);
  }
  const entry = CwTimeEntrySchema.parse(before);
  if (entry.billableOption === input.billableOption) return { id: entry.id, billableOption: entry.billableOption, changed: false };
  if (entry.status === 'Billed' || entry.invoice) {
    throw new ConflictError(`Time entry ${entry.id} is already billed in ConnectWise; correct it with a credit note instead.`);
  }
  let after: unknown;
  try {
    after = await input.cw.patch(`/time/entries/${entry.id}`, [{ op: 'replace', path: 'billableOption', value: input.billableOption }]);
  } catch (error) {
    throw asMemberRefusal(error);
  }
  const updated = CwTimeEntrySchema.parse(after);
  // The ticket view shows the flag at once: Manage's answer is the entry as it now is.
  await keepTicketRecords(
    input.db,
    'time',
    [{ externalId: updated.id, ticketId: ticketOfCharge(updated), record: partialRecord(updated, timeEntriesStream.fields) }],
    input.clock().toISOString(),
  );
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
    return new ForbiddenError('ConnectWise refused this change for your member (security role).');
  }
  return error;
}
