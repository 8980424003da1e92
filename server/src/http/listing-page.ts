import { z } from 'zod';
import { LISTING_LIMIT, type Page } from '../../../shared/schemas/listings.js';

/**
 * The paging of the listings (shared/schemas/listings.ts): `?after=<cursor>&limit=`, rows in
 * ascending id order. The cursor is opaque to clients: base64url of `<listing>:<last id>`.
 * Keyed on the id alone, it needs no snapshot and stays valid while rows are added (new
 * rows get larger ids), and each page is a walk of the primary key from where the last one
 * stopped. It carries the listing's name so that one listing's cursor given to another is
 * refused rather than read as a position there. Anything that does not decode to exactly
 * that form, written the way this module writes it, is a 400.
 */
export type ListingName = 'charges' | 'invoices' | 'accounts' | 'audit-entries';

export function encodeCursor(listing: ListingName, lastId: number): string {
  return Buffer.from(`${listing}:${lastId}`, 'utf8').toString('base64url');
}

/** `after`: a cursor of this listing, parsed to the id to continue after. */
export function cursorSchema(listing: ListingName) {
  return z
    .string()
    .max(100)
    .transform((cursor, ctx) => {
      const id = decodeCursor(listing, cursor);
      if (id === null) {
        ctx.addIssue({ code: 'custom', message: `is not a cursor of the ${listing} listing (pass back a nextCursor as it came)` });
        return z.NEVER;
      }
      return id;
    })
    .describe('The `nextCursor` of the previous page; leave it out for the first page.');
}

function decodeCursor(listing: ListingName, cursor: string): number | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^([a-z-]+):([1-9][0-9]{0,15})$/.exec(text);
  if (!match || match[1] !== listing) return null;
  const id = Number(match[2]);
  // Only the spelling this module writes: no padding variants, no other bytes that decode alike.
  return Number.isSafeInteger(id) && encodeCursor(listing, id) === cursor ? id : null;
}

/** More than the maximum is refused (400), not clamped: a job that asked for 5,000 would otherwise miscount its pages. */
export const LimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(LISTING_LIMIT.max)
  .default(LISTING_LIMIT.default)
  .describe(`Items per page, 1–${LISTING_LIMIT.max} (default ${LISTING_LIMIT.default}); more is a 400.`);

/**
 * The page of a listing from `rows`, read with `limit + 1` so that the extra row tells
 * whether another page follows without a count.
 */
export function pageFrom<Row extends { id: number }>(listing: ListingName, rows: Row[], limit: number): Page<Row> {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  return { items, nextCursor: encodeCursor(listing, items[items.length - 1].id) };
}

/** A listing's query: the paging parameters and its filters; any other parameter is a 400. */
export function listingQuery<Filters extends z.ZodRawShape>(listing: ListingName, filters: Filters) {
  return z.strictObject({ after: cursorSchema(listing).optional(), limit: LimitSchema, ...filters });
}

/** For a `from`/`to` pair of calendar dates (YYYY-MM-DD, which compare as text): `from` after `to` is a 400, not an empty page. */
export function fromNotAfterTo(query: { from?: string; to?: string }): boolean {
  return query.from === undefined || query.to === undefined || query.from <= query.to;
}
export const FROM_AFTER_TO = { message: 'must not be before from', path: ['to'] };
