// One Manage list request, start to finish: conditions → childConditions →
// customFieldConditions → orderBy → paging → fields (API.md §2), and the
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
  /** How many records matched the filters, across all pages. */
  total: number;
}

/**
 * `baseUrl` is the request URL without its query string (e.g.
 * `https://host/v4_6_release/apis/3.0/company/companies`); Link URLs append the
 * original query from `params.originalQuery` with `page`/`pageId` replaced.
 */
export function listQuery(records: readonly JsonRecord[], params: ListParams, baseUrl: string, options: { idOrdered?: boolean } = {}): ListResult {
  const orderBy = given(params.orderBy);
  const fields = given(params.fields);
  if (params.forwardOnly && orderBy !== undefined) {
    // "orderBy not allowed" with forward-only paging, which orders by id (DG; API.md §2.2).
    throw new QueryError('orderBy cannot be used with forward-only pagination; records are returned in id order.');
  }
  const orderKeys = orderBy === undefined ? undefined : parseOrderBy(orderBy);
  const selection = fields === undefined ? undefined : parseFields(fields);
  const matching = filterRecords(records, params);
  const target: LinkTarget = { baseUrl, query: params.originalQuery ?? queryFromParams(params) };
  const page = params.forwardOnly
    ? forwardOnlyPage(matching, params.pageId, params.pageSize, target, options.idOrdered)
    : // Without orderBy, records stay in the order given: the store lists them by id, as Manage does.
      navigablePage(orderKeys ? sortRecords(matching, orderKeys) : matching, params.page, params.pageSize, target);
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
  try {
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
    // Without filters the (possibly 100,000-record) list is paged as it is, not copied.
    if (filters.length === 0) return records;
    return records.filter((record) => filters.every((filter) => filter(record)));
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
  for (const name of ['conditions', 'childConditions', 'customFieldConditions', 'orderBy', 'fields', 'pageSize', 'page', 'pageId'] as const) {
    const value = params[name];
    if (value !== undefined) query.set(name, String(value));
  }
  return query.toString();
}
