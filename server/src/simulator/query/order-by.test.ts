import { describe, expect, it } from 'vitest';
import { parseOrderBy, sortRecords } from './order-by.js';
import { QueryError } from './query-error.js';

const COMPANIES: Record<string, unknown>[] = [
  { id: 1, name: 'banana', contact: { name: 'Zed' }, revenue: 300, dateAcquired: '2023-05-01T00:00:00Z', vip: true },
  { id: 2, name: 'Apple', contact: null, revenue: 100, dateAcquired: '2021-01-01T00:00:00Z', vip: false },
  { id: 3, name: 'cherry', contact: { name: 'amy' }, revenue: 300, dateAcquired: null, vip: true },
  { id: 4, name: 'apple', contact: { name: 'Bob' }, revenue: 50, dateAcquired: '2022-07-15T12:00:00Z', vip: false },
  { id: 5, name: 'Date', revenue: 100, dateAcquired: '2020-12-31T23:59:59Z', vip: true },
];

const sortedIds = (orderBy: string) => sortRecords(COMPANIES, parseOrderBy(orderBy)).map((company) => company.id);

const CASES: ReadonlyArray<readonly [string, string, readonly number[]]> = [
  ["DG's form, nested path, nulls first", 'contact/name asc', [2, 5, 3, 4, 1]],
  ['desc puts nulls last', 'contact/name desc', [1, 4, 3, 2, 5]],
  ['direction defaults to asc', 'contact/name', [2, 5, 3, 4, 1]],
  ['strings ignore case; ties keep input order', 'name asc', [2, 4, 1, 3, 5]],
  ['numbers, ties stable', 'revenue', [4, 2, 5, 1, 3]],
  ['numbers descending, ties stable', 'revenue desc', [1, 3, 2, 5, 4]],
  ['datetimes by instant', 'dateAcquired asc', [3, 5, 2, 4, 1]],
  ['booleans: false before true', 'vip', [2, 4, 1, 3, 5]],
  ['several keys', 'revenue desc, name asc', [1, 3, 2, 5, 4]],
  ['field name and direction in any case', 'REVENUE DESC,Name ASC', [1, 3, 2, 5, 4]],
  ['an unknown field is null everywhere: input order', 'nothing asc', [1, 2, 3, 4, 5]],
];

describe('orderBy', () => {
  it.each(CASES)('%s: %s', (_why, orderBy, expected) => {
    expect(sortedIds(orderBy)).toEqual(expected);
  });

  it('does not change its input', () => {
    sortedIds('name desc');
    expect(COMPANIES.map((company) => company.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it.each(['name sideways', 'name asc desc', 'name,', ', name', 'na-me asc', 'company/ asc', ''])('rejects %j', (orderBy) => {
    expect(() => parseOrderBy(orderBy)).toThrow(QueryError);
  });

  it('refuses to order by a whole reference', () => {
    expect(() => sortRecords(COMPANIES, parseOrderBy('contact'))).toThrow(/contact\/name/);
  });
});
