import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from '../db/client.js';
import { syncedTicketRecords, syncedTickets } from '../db/schema/index.js';
import { inJsonList } from '../db/sql-json.js';
import { insertRows } from '../db/insert-rows.js';

/** The records a ticket carries, as the ticket billing view names them. */
export type TicketRecordKind = 'time' | 'product' | 'expense';
export type SyncedTicket = typeof syncedTickets.$inferSelect;
export type SyncedTicketRecord = typeof syncedTicketRecords.$inferSelect;

/** One record as it was read: its ticket (null when it is on none) and its fields. */
export interface TicketRecordRead {
  externalId: number;
  ticketId: number | null;
  record: Record<string, unknown>;
}

/**
 * What a sync page, a callback, a push or one of our own writes read of a ticket's records,
 * kept for the tickets the view holds (`synced_tickets`): the view then shows it without
 * asking Manage. Records of other tickets are not kept (the view reads a ticket live the
 * first time, whole), so a full sync of a large site writes nothing here; a record that moved
 * off a held ticket, or can no longer be read, leaves it.
 */
export async function keepTicketRecords(db: DbOrTx, kind: TicketRecordKind, reads: readonly TicketRecordRead[], at: string): Promise<void> {
  if (reads.length === 0) return;
  const ticketIds = [...new Set(reads.flatMap((r) => (r.ticketId === null ? [] : [r.ticketId])))];
  const held =
    ticketIds.length === 0
      ? new Set<number>()
      : new Set(
          (
            await db.select({ ticketId: syncedTickets.ticketId }).from(syncedTickets).where(inJsonList(syncedTickets.ticketId, ticketIds))
          ).map((row) => row.ticketId),
        );
  const kept: (typeof syncedTicketRecords.$inferInsert)[] = [];
  const elsewhere: number[] = [];
  for (const read of reads) {
    if (read.ticketId !== null && held.has(read.ticketId))
      kept.push({ kind, externalId: read.externalId, ticketId: read.ticketId, record: read.record, syncedAt: at });
    else elsewhere.push(read.externalId);
  }
  if (elsewhere.length > 0) await forgetTicketRecords(db, kind, elsewhere);
  if (kept.length > 0) await insertRows(db as Tx, syncedTicketRecords, kept, UPSERT_RECORDS);
}

// One object for every call: insertRows keeps its statements by it.
const UPSERT_RECORDS = {
  chunkSize: 1000,
  onConflict: {
    doUpdate: {
      target: [syncedTicketRecords.kind, syncedTicketRecords.externalId],
      set: {
        ticketId: sql.raw(`excluded.${syncedTicketRecords.ticketId.name}`),
        record: sql.raw(`excluded.${syncedTicketRecords.record.name}`),
        syncedAt: sql.raw(`excluded.${syncedTicketRecords.syncedAt.name}`),
      },
    },
  },
};

/** Records deleted in Manage, or no longer taken by their stream: no ticket shows them any more. */
export async function forgetTicketRecords(db: DbOrTx, kind: TicketRecordKind, externalIds: readonly number[]): Promise<void> {
  if (externalIds.length === 0) return;
  const where = and(eq(syncedTicketRecords.kind, kind), inJsonList(syncedTicketRecords.externalId, externalIds));
  // Reading first keeps a sync page that touches no held ticket (nearly all of them) free of writes here.
  const [any] = await db.select({ id: syncedTicketRecords.externalId }).from(syncedTicketRecords).where(where).limit(1);
  if (any) await db.delete(syncedTicketRecords).where(where);
}

/** A held ticket and its records (by kind, then id), or null when the view has never read it. */
export async function readSyncedTicket(
  db: DbOrTx,
  ticketId: number,
): Promise<{ ticket: SyncedTicket; records: SyncedTicketRecord[] } | null> {
  const [ticket] = await db.select().from(syncedTickets).where(eq(syncedTickets.ticketId, ticketId)).limit(1);
  if (!ticket) return null;
  const records = await db
    .select()
    .from(syncedTicketRecords)
    .where(eq(syncedTicketRecords.ticketId, ticketId))
    .orderBy(asc(syncedTicketRecords.kind), asc(syncedTicketRecords.externalId));
  return { ticket, records };
}

/**
 * A ticket read whole from Manage (it and every record on it): from now on the view holds
 * it, as of `at`. What it held before for the ticket is replaced, so a record that left the
 * ticket meanwhile goes.
 */
export async function holdSyncedTicket(
  db: Db,
  ticket: Omit<SyncedTicket, 'readAt'>,
  records: readonly (TicketRecordRead & { kind: TicketRecordKind })[],
  at: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(syncedTickets)
      .values({ ...ticket, readAt: at })
      .onConflictDoUpdate({
        target: syncedTickets.ticketId,
        set: { summary: ticket.summary, companyId: ticket.companyId, companyName: ticket.companyName, readAt: at },
      });
    await tx.delete(syncedTicketRecords).where(eq(syncedTicketRecords.ticketId, ticket.ticketId));
    const rows = records.map((r) => ({
      kind: r.kind,
      externalId: r.externalId,
      ticketId: ticket.ticketId,
      record: r.record,
      syncedAt: at,
    }));
    if (rows.length > 0) await insertRows(tx, syncedTicketRecords, rows, UPSERT_RECORDS);
  });
}

/** A ticket Manage no longer has: the view stops holding it. */
export async function forgetSyncedTicket(db: Db, ticketId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(syncedTicketRecords).where(eq(syncedTicketRecords.ticketId, ticketId));
    await tx.delete(syncedTickets).where(eq(syncedTickets.ticketId, ticketId));
  });
}

/**
 * The connection changed (another site, company or key): what was read through the old one
 * is not shown again; each ticket is read live once more.
 */
export async function forgetSyncedTickets(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(syncedTicketRecords);
    await tx.delete(syncedTickets);
  });
}
