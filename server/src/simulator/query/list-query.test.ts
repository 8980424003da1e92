import { describe, expect, it } from 'vitest';
import { countQuery, listQuery, QueryError, readListParams, type ListParams } from './list-query.js';

const BASE = 'https://sim.test/v4_6_release/apis/3.0/company/contacts';

const CONTACTS: Record<string, unknown>[] = [
  { id: 1, firstName: 'Ann', inactiveFlag: false, company: { id: 250, name: 'Acme' }, _info: { lastUpdated: '2024-03-01T00:00:00Z' } },
  { id: 2, firstName: 'bob', inactiveFlag: false, company: { id: 251, name: 'Globex' }, _info: { lastUpdated: '2024-01-01T00:00:00Z' } },
  { id: 3, firstName: 'Cy', inactiveFlag: true, company: { id: 250, name: 'Acme' }, _info: { lastUpdated: '2024-02-01T00:00:00Z' } },
  {
    id: 4,
    firstName: 'Dee',
    inactiveFlag: false,
    company: { id: 250, name: 'Acme' },
    communicationItems: [{ value: 'dee@acme.test', communicationType: 'Email' }],
    customFields: [{ id: 1, caption: 'TomNumber', value: 'T-1' }],
    _info: { lastUpdated: '2024-04-01T00:00:00Z' },
  },
  {
    id: 5,
    firstName: 'Eve',
    inactiveFlag: false,
    company: { id: 250, name: 'Acme' },
    communicationItems: [{ value: 'eve@acme.test', communicationType: 'Email' }],
    customFields: [{ id: 1, caption: 'TomNumber', value: null }],
    _info: { lastUpdated: '2024-05-01T00:00:00Z' },
  },
];

function request(query: string, headers: Record<string, string> = {}): ListParams {
  return readListParams(new URLSearchParams(query), new Headers(headers));
}

function queryError(run: () => unknown): QueryError {
  try {
    run();
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error('expected a QueryError');
}

describe('readListParams', () => {
  it('reads every list parameter, names in any case', () => {
    const params = request(
      'CONDITIONS=id>1&childconditions=a/b="x"&CustomFieldConditions=caption="c"&orderby=id desc&FIELDS=id&Page=2&PAGESIZE=10&pageid=4',
    );
    expect(params).toEqual({
      conditions: 'id>1',
      childConditions: 'a/b="x"',
      customFieldConditions: 'caption="c"',
      orderBy: 'id desc',
      fields: 'id',
      page: 2,
      pageSize: 10,
      pageId: 4,
      forwardOnly: false,
      originalQuery:
        'CONDITIONS=id%3E1&childconditions=a%2Fb%3D%22x%22&CustomFieldConditions=caption%3D%22c%22&orderby=id+desc&FIELDS=id&Page=2&PAGESIZE=10&pageid=4',
    });
  });

  it('turns on forward-only paging from the pagination-type header', () => {
    expect(request('', { 'Pagination-Type': 'Forward-Only' }).forwardOnly).toBe(true);
    expect(request('', { 'pagination-type': 'navigable' }).forwardOnly).toBe(false);
  });

  it('ignores blank parameters and takes the first of repeated ones', () => {
    const params = request('conditions=&orderBy=%20&page=&pageSize=5&pagesize=7');
    expect([params.conditions, params.orderBy, params.page, params.pageSize]).toEqual([undefined, undefined, undefined, 5]);
  });

  it.each(['page=abc', 'pageSize=1.5', 'pageId=9999999999'])('rejects %s with a 400', (query) => {
    const error = queryError(() => request(query));
    expect(error.status).toBe(400);
    expect(error.body.code).toBe('InvalidObject');
  });
});

describe('listQuery', () => {
  it('filters, orders, pages, then selects fields', () => {
    const params = request('conditions=company/id=250 and inactiveFlag=false&orderBy=firstName desc&fields=id,firstName&pageSize=2');
    const result = listQuery(CONTACTS, params, BASE);
    expect(result.records).toEqual([
      { id: 5, firstName: 'Eve' },
      { id: 4, firstName: 'Dee' },
    ]);
    expect(result.total).toBe(3);
    const query = 'conditions=company%2Fid%3D250+and+inactiveFlag%3Dfalse&orderBy=firstName+desc&fields=id%2CfirstName&pageSize=2';
    expect(result.linkHeader).toBe(`<${BASE}?${query}&page=2>; rel="next", <${BASE}?${query}&page=2>; rel="last"`);
  });

  it('applies childConditions and customFieldConditions after conditions', () => {
    const params = request(
      'conditions=inactiveFlag=false&childConditions=communicationItems/value like "%@acme.test"&customFieldConditions=caption="TomNumber" and value != null',
    );
    expect(listQuery(CONTACTS, params, BASE).records.map((contact) => contact.id)).toEqual([4]);
  });

  it('orders by lastUpdated through _info', () => {
    const result = listQuery(CONTACTS, request('orderBy=lastUpdated asc&fields=id'), BASE);
    expect(result.records).toEqual([{ id: 2 }, { id: 3 }, { id: 1 }, { id: 4 }, { id: 5 }]);
    expect(result.linkHeader).toBeNull();
  });

  it('keeps the given order without orderBy', () => {
    const reversed = [...CONTACTS].reverse();
    expect(listQuery(reversed, request(''), BASE).records.map((contact) => contact.id)).toEqual([5, 4, 3, 2, 1]);
  });

  it('pages forward-only by id with a pageId link', () => {
    const params = request('conditions=inactiveFlag=false&pageSize=2&pageId=1', { 'pagination-type': 'forward-only' });
    const result = listQuery([...CONTACTS].reverse(), params, BASE);
    expect(result.records.map((contact) => contact.id)).toEqual([2, 4]);
    expect(result.linkHeader).toBe(`<${BASE}?conditions=inactiveFlag%3Dfalse&pageSize=2&pageId=4>; rel="next"`);
  });

  it('refuses orderBy with forward-only paging', () => {
    const error = queryError(() => listQuery(CONTACTS, request('orderBy=id asc', { 'pagination-type': 'forward-only' }), BASE));
    expect(error.status).toBe(400);
    expect(error.body).toEqual({
      code: 'InvalidObject',
      message: 'orderBy cannot be used with forward-only pagination; records are returned in id order.',
      errors: [],
    });
  });

  it("answers a literal of the wrong kind with Manage's message in a 400 body", () => {
    const error = queryError(() => listQuery(CONTACTS, request('conditions=inactiveFlag = 1'), BASE));
    expect(error.status).toBe(400);
    expect(error.body).toEqual({
      code: 'InvalidObject',
      message:
        'Expected a boolean value, not a numeric. String values should be enclosed with double or single quotes; ' +
        'DateTime values should be enclosed in square brackets; numbers should consist of only digits, and optionally ' +
        'a decimal point and a negation sign; boolean values should be indicated with the keywords true or false; ' +
        'null values should be indicated by the keyword null.',
      errors: [],
    });
  });

  it('answers a literal of the wrong kind with a 400 on forward-only pages too, and a malformed condition with no records', () => {
    const forwardOnly = { 'pagination-type': 'forward-only' };
    expect(queryError(() => listQuery(CONTACTS, request('conditions=inactiveFlag = 1&pageSize=2', forwardOnly), BASE)).status).toBe(400);
    expect(queryError(() => listQuery([], request('conditions=firstName = Ann', forwardOnly), BASE)).status).toBe(400);
  });

  it.each([
    ['conditions', 'conditions=firstName = Ann'],
    ['childConditions', 'childConditions=communicationItems/value like'],
    ['customFieldConditions', 'customFieldConditions=(caption = "x"'],
    ['orderBy', 'orderBy=firstName upwards'],
    ['fields', 'fields=id,first name'],
  ])('reports malformed %s as a 400 even with no records', (_name, query) => {
    const error = queryError(() => listQuery([], request(query), BASE));
    expect(error.status).toBe(400);
    expect(error.body.code).toBe('InvalidObject');
    expect(error.body.errors).toEqual([]);
  });

  it('builds Link URLs from hand-made params when there is no original query', () => {
    const result = listQuery(CONTACTS, { conditions: 'id > 1', pageSize: 2, page: 1, forwardOnly: false }, BASE);
    expect(result.linkHeader).toBe(
      `<${BASE}?conditions=id+%3E+1&pageSize=2&page=2>; rel="next", <${BASE}?conditions=id+%3E+1&pageSize=2&page=2>; rel="last"`,
    );
  });
});

describe('countQuery', () => {
  it('counts what the filters match, ignoring paging', () => {
    expect(countQuery(CONTACTS, request('conditions=company/name="acme"&pageSize=1&page=3'))).toBe(4);
    expect(countQuery(CONTACTS, request(''))).toBe(5);
  });

  it('fails like the list does', () => {
    expect(() => countQuery(CONTACTS, request('conditions=id = "1"'))).toThrow(QueryError);
  });
});
