import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { ConnectWiseClient } from '../sync/cw/client.js';
import { CwTimeEntrySchema } from '../sync/cw/schemas/time-entry.js';
import { syncMappings } from '../db/schema/index.js';
import { workRoleTypeKey } from '../sync/mappings/mapping-kinds.js';
import { readSetting } from '../sync/settings/settings-store.js';
import { SYNC_OPTIONS_KEY, SyncOptionsSchema } from '../sync/settings/sync-options.js';
import { describeTimeEntry } from './describe-ticket-billing.js';

export interface PreviewTimeEntryInput {
  ticketId?: number;
  workRoleId: number;
  workTypeId: number;
  /** Decimal hours as typed, e.g. "0.7". */
  hours: string;
  billableOption?: 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault';
}

/**
 * What a time entry will bill before it is saved: ConnectWise fills the draft
 * with its own defaults (`POST /time/entries/defaults`: the work role × work
 * type rate, billed hours after minimum and rounding), we say what it amounts
 * to and whether the combination is mapped to a billing product.
 */
export async function previewTimeEntry(db: Db, cw: ConnectWiseClient, input: PreviewTimeEntryInput, now: Date, currency: string) {
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
  const [mapping] = await db.select().from(syncMappings).where(and(eq(syncMappings.kind, 'work_role_type'), eq(syncMappings.cwKey, key))).limit(1);
  const { autoCreateProducts } = await readSetting(db, SYNC_OPTIONS_KEY, SyncOptionsSchema);
  const warning = mapping
    ? null
    : autoCreateProducts
      ? `${entry.workRole ?? 'This work role'} × ${entry.workType ?? 'work type'} has no billing product yet: the sync will create one.`
      : `${entry.workRole ?? 'This work role'} × ${entry.workType ?? 'work type'} is not mapped to a billing product: this entry will wait in the quarantine until an admin maps it.`;
  const { id: _id, notes: _notes, ...preview } = entry;
  return { ...preview, mapped: Boolean(mapping), warning };
}
