// Manage's two kinds of paging (DG "Pagination", API.md §2.1–2.2).

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
 * not documented (API.md §7 "Gaps"), clamping is our choice. Zero or negative
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
 * past the end is empty, which is how clients notice the end (DJ; API.md §2.1).
 */
export function navigablePage<T>(records: readonly T[], page: number | undefined, pageSize: number | undefined, target: LinkTarget): Page<T> {
  const size = effectivePageSize(pageSize);
  const current = page === undefined || page < 1 ? 1 : page; // [inferred] page 0 or below reads as page 1
  const lastPage = Math.max(1, Math.ceil(records.length / size));
  const link = (rel: PageLink['rel'], number: number): PageLink => ({ rel, url: urlWithParam(target.baseUrl, target.query, 'page', number) });
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
 */
export function forwardOnlyPage<T extends Record<string, unknown>>(
  records: readonly T[],
  pageId: number | undefined,
  pageSize: number | undefined,
  target: LinkTarget,
): Page<T> {
  const size = effectivePageSize(pageSize);
  const after = (records.filter((record) => typeof record.id === 'number' && (pageId === undefined || record.id > pageId)) as T[]).sort(
    (a, b) => (a.id as number) - (b.id as number),
  );
  const page = after.slice(0, size);
  const lastId = page.length > 0 ? (page[page.length - 1].id as number) : undefined;
  const links: PageLink[] =
    after.length > size && lastId !== undefined ? [{ rel: 'next', url: urlWithParam(target.baseUrl, target.query, 'pageId', lastId) }] : [];
  return { records: page, linkHeader: formatLinkHeader(links) };
}
