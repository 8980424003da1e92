// Manage's two kinds of paging (DG "Pagination", docs/connectwise/querying.md).

import { formatLinkHeader, urlWithParam, type PageLink } from './page-links.js';

// "pageSize default 25, max 1000 (raised to 1000 in 2016.2)" (DG; PYCW README).
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

/** Where Link URLs point: the request path and its original query string. */
export interface LinkTarget {
  readonly baseUrl: string;
  readonly query: string;
}

export interface Page<T> {
  readonly records: T[];
  readonly linkHeader: string | null;
}

/**
 * Sizes above the maximum are served at the maximum; behaviour above 1000 is
 * not documented (docs/connectwise/simulator-gaps.md#known-gaps "Gaps"), clamping is our choice. Zero or negative
 * sizes fall back to the default [inferred].
 */
export function effectivePageSize(requested: number | undefined): number {
  if (requested === undefined || requested < 1) return DEFAULT_PAGE_SIZE;
  return Math.min(requested, MAX_PAGE_SIZE);
}

/**
 * Navigable paging: `page` counts from 1. The Link header offers first/prev
 * only past page 1 and next/last only before the last page: DG's example for
 * page 1 carries just `next` and `last` [inferred for the mirror case]. A page
 * past the end is empty, which is how clients notice the end (DJ; docs/connectwise/querying.md#navigable-paging).
 */
export function navigablePage<T>(
  records: readonly T[],
  page: number | undefined,
  pageSize: number | undefined,
  target: LinkTarget,
): Page<T> {
  const size = effectivePageSize(pageSize);
  const current = page === undefined || page < 1 ? 1 : page; // [inferred] page 0 or below reads as page 1
  const lastPage = Math.max(1, Math.ceil(records.length / size));
  const link = (rel: PageLink['rel'], number: number): PageLink => ({
    rel,
    url: urlWithParam(target.baseUrl, target.query, 'page', number),
  });
  const links: PageLink[] = [];
  if (current > 1) links.push(link('first', 1), link('prev', current - 1));
  if (current < lastPage) links.push(link('next', current + 1), link('last', lastPage));
  return { records: records.slice((current - 1) * size, current * size), linkHeader: formatLinkHeader(links) };
}

/**
 * Forward-only paging (since 2018.5): `pageId` "treated like an additional
 * condition of Id > pageId" (LAZY), records in id order, the Link header's
 * `next` carrying the last id returned (DG). CTC's Invoke-CWMAllResult follows
 * that link until none comes back, so none is sent once nothing is left.
 *
 * With `matches` (the request's conditions), the page is read lazily, as a database
 * would run `… and id > pageId order by id` with a row limit: from the first record
 * with id > pageId, each record is tested in turn, and the scan stops at the first
 * match past the page (the look-ahead that says whether a next page exists). A
 * ConditionTypeError is thus raised by a record the scan reaches, not by one further on.
 */
export function forwardOnlyPage<T extends Record<string, unknown>>(
  records: readonly T[],
  pageId: number | undefined,
  pageSize: number | undefined,
  target: LinkTarget,
  /** The caller vouches the records are in ascending id order (the store's lists are), sparing a check per page. */
  idOrdered = false,
  matches?: (record: T) => boolean,
): Page<T> {
  const size = effectivePageSize(pageSize);
  // The store lists records in id order, so the page starts where a binary search
  // puts pageId; anything else is filtered and sorted first.
  const ordered =
    idOrdered || isIdOrdered(records)
      ? records
      : (records.filter((record) => typeof record.id === 'number') as T[]).sort((a, b) => (a.id as number) - (b.id as number));
  const start = pageId === undefined ? 0 : firstIndexAfter(ordered, pageId);
  let page: T[];
  let more: boolean;
  if (matches === undefined) {
    page = ordered.slice(start, start + size);
    more = ordered.length - start > size;
  } else {
    page = [];
    more = false;
    for (let i = start; i < ordered.length; i++) {
      const record = ordered[i];
      if (!matches(record)) continue;
      if (page.length === size) {
        more = true;
        break;
      }
      page.push(record);
    }
  }
  const lastId = page.length > 0 ? (page[page.length - 1].id as number) : undefined;
  const links: PageLink[] =
    more && lastId !== undefined ? [{ rel: 'next', url: urlWithParam(target.baseUrl, target.query, 'pageId', lastId) }] : [];
  return { records: page, linkHeader: formatLinkHeader(links) };
}

function isIdOrdered(records: readonly Record<string, unknown>[]): boolean {
  for (let i = 0; i < records.length; i++) {
    const id = records[i].id;
    if (typeof id !== 'number' || (i > 0 && id <= (records[i - 1].id as number))) return false;
  }
  return true;
}

/** Index of the first record whose id is greater than `pageId`, in an id-ordered list. */
function firstIndexAfter(records: readonly Record<string, unknown>[], pageId: number): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((records[mid].id as number) <= pageId) low = mid + 1;
    else high = mid;
  }
  return low;
}
