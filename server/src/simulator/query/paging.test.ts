import { describe, expect, it } from 'vitest';
import { effectivePageSize, forwardOnlyPage, navigablePage } from './paging.js';

const BASE = 'https://sim.test/v4_6_release/apis/3.0/company/companies';
const records = (count: number) => Array.from({ length: count }, (_, index) => ({ id: index + 1 }));
const ids = (page: { records: Array<{ id: unknown }> }) => page.records.map((record) => record.id);

describe('navigable paging', () => {
  const hundredTwenty = records(120);
  const target = { baseUrl: BASE, query: 'pageSize=50&page=1' };

  it("page 1 links next and last only, like DG's example", () => {
    const page = navigablePage(hundredTwenty, 1, 50, target);
    expect(ids(page)).toEqual(records(50).map((r) => r.id));
    expect(page.linkHeader).toBe(`<${BASE}?pageSize=50&page=2>; rel="next", <${BASE}?pageSize=50&page=3>; rel="last"`);
  });

  it('a middle page links first, prev, next and last', () => {
    const page = navigablePage(hundredTwenty, 2, 50, target);
    expect(page.records[0]).toEqual({ id: 51 });
    expect(page.records).toHaveLength(50);
    expect(page.linkHeader).toBe(
      `<${BASE}?pageSize=50&page=1>; rel="first", <${BASE}?pageSize=50&page=1>; rel="prev", ` +
        `<${BASE}?pageSize=50&page=3>; rel="next", <${BASE}?pageSize=50&page=3>; rel="last"`,
    );
  });

  it('the last page links first and prev only', () => {
    const page = navigablePage(hundredTwenty, 3, 50, target);
    expect(ids(page)).toEqual(Array.from({ length: 20 }, (_, index) => 101 + index));
    expect(page.linkHeader).toBe(`<${BASE}?pageSize=50&page=1>; rel="first", <${BASE}?pageSize=50&page=2>; rel="prev"`);
  });

  it('a page past the end is empty', () => {
    const page = navigablePage(hundredTwenty, 4, 50, target);
    expect(page.records).toEqual([]);
    expect(page.linkHeader).toBe(`<${BASE}?pageSize=50&page=1>; rel="first", <${BASE}?pageSize=50&page=3>; rel="prev"`);
  });

  it('appends page when the request had none, keeping the other parameters as sent', () => {
    const page = navigablePage(hundredTwenty, undefined, 50, { baseUrl: BASE, query: 'conditions=closedFlag%3Dfalse&pageSize=50' });
    expect(page.linkHeader).toBe(
      `<${BASE}?conditions=closedFlag%3Dfalse&pageSize=50&page=2>; rel="next", <${BASE}?conditions=closedFlag%3Dfalse&pageSize=50&page=3>; rel="last"`,
    );
  });

  it('replaces page whatever its case, where it stood', () => {
    const page = navigablePage(records(30), 2, 10, { baseUrl: BASE, query: 'PAGE=2&pageSize=10' });
    expect(page.linkHeader).toBe(
      `<${BASE}?page=1&pageSize=10>; rel="first", <${BASE}?page=1&pageSize=10>; rel="prev", ` +
        `<${BASE}?page=3&pageSize=10>; rel="next", <${BASE}?page=3&pageSize=10>; rel="last"`,
    );
  });

  it('defaults to 25 records a page', () => {
    const page = navigablePage(hundredTwenty, undefined, undefined, { baseUrl: BASE, query: '' });
    expect(page.records).toHaveLength(25);
    expect(page.linkHeader).toBe(`<${BASE}?page=2>; rel="next", <${BASE}?page=5>; rel="last"`);
  });

  it('serves at most 1000 records a page', () => {
    const page = navigablePage(records(1500), 1, 5000, { baseUrl: BASE, query: 'pageSize=5000' });
    expect(page.records).toHaveLength(1000);
    expect(page.linkHeader).toBe(`<${BASE}?pageSize=5000&page=2>; rel="next", <${BASE}?pageSize=5000&page=2>; rel="last"`);
  });

  it('sends no Link header when everything fits on one page', () => {
    expect(navigablePage(records(3), 1, 25, { baseUrl: BASE, query: '' }).linkHeader).toBeNull();
    expect(navigablePage([], 1, 25, { baseUrl: BASE, query: '' }).linkHeader).toBeNull();
  });

  it('clamps page sizes', () => {
    expect([
      effectivePageSize(undefined),
      effectivePageSize(0),
      effectivePageSize(1),
      effectivePageSize(1000),
      effectivePageSize(1001),
    ]).toEqual([25, 25, 1, 1000, 1000]);
  });
});

describe('forward-only paging', () => {
  const shuffled = [3, 1, 7, 5, 9, 2, 8].map((id) => ({ id }));
  const target = { baseUrl: BASE, query: 'pageSize=3' };

  it('starts at the lowest id and links the last id returned as the next pageId', () => {
    const page = forwardOnlyPage(shuffled, undefined, 3, target);
    expect(ids(page)).toEqual([1, 2, 3]);
    expect(page.linkHeader).toBe(`<${BASE}?pageSize=3&pageId=3>; rel="next"`);
  });

  it('reads pageId as id > pageId', () => {
    const page = forwardOnlyPage(shuffled, 3, 3, { baseUrl: BASE, query: 'pageSize=3&pageId=3' });
    expect(ids(page)).toEqual([5, 7, 8]);
    expect(page.linkHeader).toBe(`<${BASE}?pageSize=3&pageId=8>; rel="next"`);
  });

  it('sends no Link header once nothing is left', () => {
    expect(forwardOnlyPage(shuffled, 8, 3, target)).toEqual({ records: [{ id: 9 }], linkHeader: null });
    expect(forwardOnlyPage(shuffled, 7, 2, target)).toEqual({ records: [{ id: 8 }, { id: 9 }], linkHeader: null });
    expect(forwardOnlyPage(shuffled, 9, 3, target)).toEqual({ records: [], linkHeader: null });
  });

  it('ignores page', () => {
    const page = forwardOnlyPage(shuffled, 3, 3, { baseUrl: BASE, query: 'page=2&pageSize=3&PageId=3' });
    expect(ids(page)).toEqual([5, 7, 8]);
    expect(page.linkHeader).toBe(`<${BASE}?page=2&pageSize=3&pageId=8>; rel="next"`);
  });

  it('pages an id-ordered list by binary search with the same answer as the general path', () => {
    const gappy = [2, 3, 7, 10, 11, 15, 20, 21].map((id) => ({ id }));
    const target = { baseUrl: BASE, query: 'pageSize=3' };
    for (const pageId of [undefined, 0, 2, 4, 11, 20, 21, 99]) {
      const fast = forwardOnlyPage(gappy, pageId, 3, target, true);
      const general = forwardOnlyPage([...gappy].reverse(), pageId, 3, target);
      expect(fast, `pageId ${pageId}`).toEqual(general);
    }
  });
  it('reads the conditions lazily with the same pages as filtering everything first', () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ id: i * 2 + 1, even: i % 3 === 0 }));
    const matches = (record: { even: boolean }) => record.even;
    for (const size of [1, 2, 3, 7, 14, 50]) {
      for (const pageId of [undefined, 0, 1, 2, 6, 7, 40, 73, 75, 79, 80, 200]) {
        const eager = forwardOnlyPage(records.filter(matches), pageId, size, target, true);
        expect(forwardOnlyPage(records, pageId, size, target, true, matches), `size ${size}, pageId ${pageId}`).toEqual(eager);
        expect(
          forwardOnlyPage([...records].reverse(), pageId, size, target, false, matches),
          `unordered, size ${size}, pageId ${pageId}`,
        ).toEqual(eager);
      }
    }
  });

  it('stops testing records at the first match past the page', () => {
    const records = Array.from({ length: 100 }, (_, i) => ({ id: i + 1 }));
    const tested: number[] = [];
    const page = forwardOnlyPage(records, 10, 3, target, true, (record) => {
      tested.push(record.id);
      return record.id % 2 === 0;
    });
    expect(ids(page)).toEqual([12, 14, 16]);
    expect(page.linkHeader).toBe(`<${BASE}?pageSize=3&pageId=16>; rel="next"`);
    expect(tested).toEqual([11, 12, 13, 14, 15, 16, 17, 18]);
  });
});
