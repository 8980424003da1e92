// The list-query parameters of a Manage GET, read from the query string and headers.
// Every list/count operation takes `conditions`, `childConditions`,
// `customFieldConditions`, `orderBy`, `fields`, `page`, `pageSize`, `pageId`
// (SPEC `cw-api.json`, docs/connectwise/querying.md), and forward-only paging is asked for with the
// header `pagination-type: forward-only` (DG "Pagination", docs/connectwise/querying.md#forward-only-paging).

import { QueryError } from './query-error.js';

export interface ListParams {
  conditions?: string;
  childConditions?: string;
  customFieldConditions?: string;
  orderBy?: string;
  fields?: string;
  page?: number;
  pageSize?: number;
  pageId?: number;
  forwardOnly: boolean;
  /**
   * The request's query string (without `?`), from which Link header URLs are
   * built with only `page`/`pageId` replaced; rebuilt from the fields above when absent.
   */
  originalQuery?: string;
}

type TextParam = 'conditions' | 'childConditions' | 'customFieldConditions' | 'orderBy' | 'fields';
type NumberParam = 'page' | 'pageSize' | 'pageId';

const TEXT_PARAMS: readonly TextParam[] = ['conditions', 'childConditions', 'customFieldConditions', 'orderBy', 'fields'];
const NUMBER_PARAMS: readonly NumberParam[] = ['page', 'pageSize', 'pageId'];

/**
 * Parameter names are matched case-insensitively, as Manage does: DG writes
 * `childconditions`, CTC/LAZY write `PageSize`/`PageID` [inferred for the rest].
 * The first occurrence of a repeated parameter wins.
 */
export function readListParams(searchParams: URLSearchParams, headers: Headers): ListParams {
  const firstValues = new Map<string, string>();
  for (const [name, value] of searchParams) {
    const lower = name.toLowerCase();
    if (!firstValues.has(lower)) firstValues.set(lower, value);
  }
  const params: ListParams = {
    forwardOnly: headers.get('pagination-type')?.trim().toLowerCase() === 'forward-only',
    originalQuery: searchParams.toString(),
  };
  for (const name of TEXT_PARAMS) {
    const value = firstValues.get(name.toLowerCase());
    if (value !== undefined && value.trim() !== '') params[name] = value;
  }
  for (const name of NUMBER_PARAMS) {
    const value = firstValues.get(name.toLowerCase());
    if (value !== undefined && value.trim() !== '') params[name] = wholeNumber(name, value);
  }
  return params;
}

const INT32_MAX = 2_147_483_647;

// SPEC types page, pageSize and pageId as int32.
function wholeNumber(name: NumberParam, value: string): number {
  const trimmed = value.trim();
  if (!/^[-+]?\d+$/.test(trimmed) || Math.abs(Number(trimmed)) > INT32_MAX) {
    throw new QueryError(`The value '${value}' is not valid for ${name}: expected a whole number.`);
  }
  return Number(trimmed);
}
