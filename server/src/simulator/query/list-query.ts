// One Manage list request, start to finish: conditions → childConditions →
// customFieldConditions → orderBy → paging → fields (docs/connectwise/querying.md), and the
// `/count` variant, which filters the same way and ignores paging (SPEC `Count {count}`).

import { matchesChildConditions, matchesCustomFieldConditions } from './child-conditions.js';
import { ConditionSyntaxError, ConditionTypeError } from './condition-errors.js';
import { matchesConditions, parseConditions } from './conditions.js';
import { parseFields, selectFields } from './fields.js';
import type { ListParams } from './list-params.js';
import { parseOrderBy, sortRecords } from './order-by.js';
import { forwardOnlyPage, navigablePage, type LinkTarget } from './paging.js';
import { QueryError } from './query-error.js';

export { readListParams, type ListParams } from './list-params.js';
export { QueryError, type ManageErrorBody } from './query-error.js';

type JsonRecord = Record<string, unknown>;

export interface ListResult {
  records: JsonRecord[];
  /** The `Link` header value, or null when there is no other page to point to. */
  linkHeader: string | null;
  /**
   * How many records matched the filters, across all pages: navigable paging only. A
   * forward-only page is read lazily (Manage runs `pageId` as one more condition,
   * `id > pageId`, and stops at `pageSize`), so nothing past the page is looked at.
   */
  total?: number;
}

/**
 * `baseUrl` is the request URL without its query string (e.g.
 * `https://host/v4_6_release/apis/3.0/company/companies`); Link URLs append the
 * original query from `params.originalQuery` with `page`/`pageId` replaced.
 */
export function listQuery(
  records: readonly JsonRecord[],
  params: ListParams,
  baseUrl: string,
  options: { idOrdered?: boolean } = {},
): ListResult {
  const orderBy = given(params.orderBy);
  const fields = given(params.fields);
  if (params.forwardOnly && orderBy !== undefined) {
    // "orderBy not allowed" with forward-only paging, which orders by id (DG; docs/connectwise/querying.md#forward-only-paging).
    throw new QueryError('orderBy cannot be used with forward-only pagination; records are returned in id order.');
  }
  const orderKeys = orderBy === undefined ? undefined : parseOrderBy(orderBy);
  const selection = fields === undefined ? undefined : parseFields(fields);
  const target: LinkTarget = { baseUrl, query: params.originalQuery ?? queryFromParams(params) };
  if (params.forwardOnly) {
    // Lazy: from the first record with id > pageId, conditions record by record, stop after the page.
    const filter = buildFilter(params);
    const page = withConditionErrors(() => forwardOnlyPage(records, params.pageId, params.pageSize, target, options.idOrdered, filter));
    return {
      records: selection ? page.records.map((record) => selectFields(record, selection)) : page.records,
      linkHeader: page.linkHeader,
    };
  }
  const matching = filterRecords(records, params);
  // Without orderBy, records stay in the order given: the store lists them by id, as Manage does.
  const page = navigablePage(orderKeys ? sortRecords(matching, orderKeys) : matching, params.page, params.pageSize, target);
  return {
    records: selection ? page.records.map((record) => selectFields(record, selection)) : page.records,
    linkHeader: page.linkHeader,
    total: matching.length,
  };
}

/** The number `GET …/count` reports: `{"count": N}` (SPEC; DJ fixture `API_MEMBER_COUNT`). */
export function countQuery(records: readonly JsonRecord[], params: ListParams): number {
  return filterRecords(records, params).length;
}

function filterRecords(records: readonly JsonRecord[], params: ListParams): readonly JsonRecord[] {
  const filter = buildFilter(params);
  // Without filters the (possibly 100,000-record) list is paged as it is, not copied.
  if (filter === undefined) return records;
  return withConditionErrors(() => records.filter(filter));
}

/** The request's conditions, childConditions and customFieldConditions as one test, or undefined when none is given. */
function buildFilter(params: ListParams): ((record: JsonRecord) => boolean) | undefined {
  return withConditionErrors(() => {
    const filters: Array<(record: JsonRecord) => boolean> = [];
    const conditions = given(params.conditions);
    const childConditions = given(params.childConditions);
    const customFieldConditions = given(params.customFieldConditions);
    if (conditions !== undefined) {
      const node = parseConditions(conditions);
      filters.push((record) => matchesConditions(node, record));
    }
    if (childConditions !== undefined) {
      const node = parseConditions(childConditions);
      filters.push((record) => matchesChildConditions(node, record));
    }
    if (customFieldConditions !== undefined) {
      const node = parseConditions(customFieldConditions);
      filters.push((record) => matchesCustomFieldConditions(node, record));
    }
    if (filters.length === 0) return undefined;
    if (filters.length === 1) return filters[0];
    return (record: JsonRecord) => filters.every((filter) => filter(record));
  });
}

/** Malformed or ill-typed conditions become Manage's 400. */
function withConditionErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof ConditionSyntaxError || error instanceof ConditionTypeError) throw new QueryError(error.message);
    throw error;
  }
}

/** A blank parameter (`?orderBy=`) counts as not given. */
function given(text: string | undefined): string | undefined {
  return text === undefined || text.trim() === '' ? undefined : text;
}

/** For callers that build params by hand: the query Manage would have received. */
function queryFromParams(params: ListParams): string {
  const query = new URLSearchParams();
  for (const name of [
    'conditions',
    'childConditions',
    'customFieldConditions',
    'orderBy',
    'fields',
    'pageSize',
    'page',
    'pageId',
  ] as const) {
    const value = params[name];
    if (value !== undefined) query.set(name, String(value));
  }
  return query.toString();
}
