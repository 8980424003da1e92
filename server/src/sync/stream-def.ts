import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { DbOrTx } from '../db/client.js';
import type { syncRecords } from '../db/schema/index.js';
import type { BillingPort } from './billing-port.js';
import type { MappingSet } from '../mappings/mapping-store.js';
import type { QuarantineRow } from '../quarantine/quarantine-store.js';
import type { QuarantineEntity, QuarantineReason } from '../quarantine/reasons.js';
import type { SyncOptions } from '../settings/sync-options.js';
import type { TicketRecordKind } from './synced-ticket-records.js';

export type SyncRecordRow = typeof syncRecords.$inferSelect;
export type StreamName = 'companies' | 'contacts' | 'time_entries' | 'products' | 'expenses';

export interface SyncContext {
  /** The database; inside processPage, the page's transaction (a page commits as one). */
  db: DbOrTx;
  now: Date;
  currency: string;
  options: SyncOptions;
  mappings: MappingSet;
  /** The billing core, on the same database or transaction as `db`. */
  billing: BillingPort;
  /** Lookups that hold for the whole run (no N+1 per record). */
  cache: RunCache;
  /** account id per ConnectWise company id, for companies that synced (or were linked). */
  accountForCompany(companyIds: number[]): Promise<Map<number, number>>;
  saveMapping(kind: 'work_role_type' | 'catalog_item' | 'expense_type', cwKey: string, cwName: string, productId: number): Promise<void>;
  /** The same context, writing through `db` (a transaction). */
  within(db: DbOrTx): SyncContext;
  /** Forgets the run's cached lookups and reloads the mappings (after a page rolled back). */
  forget(): Promise<void>;
}

export interface ResolvedProduct {
  id: number;
  unitPriceCents: number;
  name: string;
}

/** Per-run memo of what every page asks again: positive answers only, from committed rows. */
export interface RunCache {
  accountByCompany: Map<number, number>;
  /** `id:<productId>` or `<mapping kind>:<cwKey>` → the product, null when there is none. */
  products: Map<string, ResolvedProduct | null>;
}

export interface ApplyItem<Row> {
  externalId: number;
  row: Row;
  hash: string;
  existing: SyncRecordRow | undefined;
  /** The admin's standing decision (ignore, link), if any. */
  decision: QuarantineRow | undefined;
}

/**
 * What one record became. `replaced`: its pending charge was brought up to date; `released`:
 * what it had become (a pending charge) was removed, so the record no longer points at it.
 */
export type ApplyOutcome =
  | { externalId: number; outcome: 'synced'; target: string; explanation?: string; created: boolean; replaced?: boolean }
  | { externalId: number; outcome: 'skipped'; why: string; released?: true }
  | { externalId: number; outcome: 'quarantined'; reason: QuarantineReason; details: Record<string, unknown>; released?: true };

/**
 * One ConnectWise entity, one stream: the lenient raw schema, the key,
 * a pure `toRow`, and `apply`, which turns changed rows into billing data or quarantine.
 */
export interface StreamDef<Raw extends { id: number }, Row> {
  name: StreamName;
  entity: QuarantineEntity;
  /** REST path (docs/connectwise/records.md). */
  path: string;
  /** Conditions every page carries (e.g. only service-ticket time). */
  conditions?: string;
  /**
   * The fields `toRow` reads, asked for as a partial response (`fields=`, docs/connectwise/querying.md#orderby-fields-and-count): a
   * generated time entry is ~2.4 KB of JSON, its fields ~0.4 KB, so ConnectWise serializes
   * and we parse a sixth. Anything `toRow` reads must be listed, or it reads undefined.
   */
  fields: string;
  schema: z.ZodType<Raw>;
  /**
   * The single-record twin of `conditions`: a record fetched by id (callback, retry, push now)
   * bypasses the list's conditions, so it is checked here. `fields` must carry what it reads.
   */
  inScope?(raw: Record<string, unknown>): boolean;
  /** Optional hand-written twin of `schema` for a hot stream: never looser; a no runs the schema for its reasons. */
  isWellFormed?(raw: unknown): raw is Raw;
  key(raw: Raw): number;
  /**
   * For the records a ticket carries: how the ticket billing view names them and the ticket a
   * record is on (null: none). What a page reads of a held ticket is kept for the view
   * (synced-ticket-records.ts); `fields` must carry what the view reads, too.
   */
  ticketRecord?: { kind: TicketRecordKind; ticketOf(raw: Raw): number | null };
  toRow(raw: Raw, currency: string): Row;
  apply(items: ApplyItem<Row>[], ctx: SyncContext): Promise<ApplyOutcome[]>;
}

/** Content hash of a mapped row: unchanged rows are never written again. */
export function contentHash(row: unknown): string {
  // crypto.hash (Node ≥ 20.12) skips the Hash object: the same digest, cheaper per record.
  return hashOnce ? hashOnce('sha1', JSON.stringify(row), 'base64url') : createHash('sha1').update(JSON.stringify(row)).digest('base64url');
}
const hashOnce = (crypto as { hash?: (algorithm: string, data: string, encoding: 'base64url') => string }).hash;

export interface CursorState {
  maxSeen: string | null;
  afterId: number;
}

/** Pure: the cursor after one record (max `_info.lastUpdated` seen, last id). */
export function nextCursor(state: CursorState, record: { id: number; _info?: { lastUpdated?: string } | null }): CursorState {
  const lastUpdated = record._info?.lastUpdated ?? null;
  const maxSeen = lastUpdated !== null && (state.maxSeen === null || lastUpdated > state.maxSeen) ? lastUpdated : state.maxSeen;
  return { maxSeen, afterId: Math.max(state.afterId, record.id) };
}

/** ConnectWise decimals → cents without a float multiplication (docs/connectwise/records.md#time-entries: rates are JSON numbers). */
export { cwNumberToDecimal } from '../connectwise/decimal.js';

export const companyKey = (id: number) => `connectwise:company:${id}`;
export const chargeSource = (kind: 'time' | 'product' | 'expense', id: number) => `connectwise:${kind}:${id}`;
