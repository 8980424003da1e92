import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { CwTimeEntrySchema } from '../connectwise/schemas/time-entry.js';
import { syncMappings } from '../db/schema/index.js';
import { workRoleTypeKey } from '../mappings/mapping-kinds.js';
import { readSetting } from '../settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../settings/sync-options.js';
import { describeTimeEntry } from '../sync/describe-time-entry.js';
import type { TimeEntryPreview } from '../../../shared/schemas/ticket-billing.js';

const Id = z.number().int().positive().max(2_147_483_647);
/** The entry being filled in (the body of POST /api/v1/time-entries/preview). */
export const PreviewTimeEntryInput = z.object({
  ticketId: Id.optional(),
  workRoleId: Id,
  workTypeId: Id,
  /** Decimal hours as typed, e.g. "0.7". */
  hours: z
    .string()
    .trim()
    .regex(/^\d{1,3}(\.\d{1,2})?$/, 'hours like 1.25'),
  billableOption: z.enum(['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']).optional(),
});
export type PreviewTimeEntryInput = z.output<typeof PreviewTimeEntryInput>;

/**
 * What a time entry will bill before it is saved: ConnectWise fills the draft
 * with its own defaults (`POST /time/entries/defaults`: the work role × work
 * type rate, billed hours after minimum and rounding), we say what it amounts
 * to and whether the combination is mapped to a billing product.
 */
export async function previewTimeEntry(
  db: Db,
  cw: ConnectWiseClient,
  input: PreviewTimeEntryInput,
  now: Date,
  currency: string,
): Promise<TimeEntryPreview> {
  const draft = await cw.post<unknown>('/time/entries/defaults', {
    timeStart: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    actualHours: Number(input.hours),
    workRole: { id: input.workRoleId },
    workType: { id: input.workTypeId },
    ...(input.ticketId ? { chargeToType: 'ServiceTicket', chargeToId: input.ticketId } : {}),
    ...(input.billableOption ? { billableOption: input.billableOption } : {}),
  });
  const entry = describeTimeEntry(CwTimeEntrySchema.parse({ ...(draft as object), id: 1 }), currency);
  const key = workRoleTypeKey(input.workRoleId, input.workTypeId);
  const [mapping] = await db
    .select()
    .from(syncMappings)
    .where(and(eq(syncMappings.kind, 'work_role_type'), eq(syncMappings.cwKey, key)))
    .limit(1);
  const { autoCreateProducts } = await readSetting(db, SYNC_OPTIONS_KEY, SyncOptionsSchema);
  const warning = mapping
    ? null
    : autoCreateProducts
      ? `${entry.workRole ?? 'This work role'} × ${entry.workType ?? 'work type'} has no billing product yet: the sync will create one.`
      : `${entry.workRole ?? 'This work role'} × ${entry.workType ?? 'work type'} is not mapped to a billing product: this entry will wait in the quarantine until an admin maps it.`;
  const { id: _id, notes: _notes, ...preview } = entry;
  return { ...preview, mapped: Boolean(mapping), warning };
}
