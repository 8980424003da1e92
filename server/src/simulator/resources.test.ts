import { describe, expect, it } from 'vitest';
import { generateDataset } from './data/generate.js';
import { CHILD_RESOURCES, RESOURCES, findChildResource, findResource } from './resources.js';

describe('resource registry', () => {
  it('routes every collection the generator produces', () => {
    const dataset = generateDataset({ seed: 1, companies: 5, timeEntries: 20 });
    const routed = new Set([...RESOURCES.map((r) => r.collection), ...CHILD_RESOURCES.map((c) => c.collection)]);
    expect(Object.keys(dataset).filter((collection) => !routed.has(collection))).toEqual([]);
  });

  it.each([
    'company/companies',
    'company/contacts',
    'company/companies/types',
    'company/companies/statuses',
    'company/communicationTypes',
    'service/tickets',
    'time/entries',
    'time/workTypes',
    'time/workRoles',
    'expense/entries',
    'expense/types',
    'procurement/products',
    'procurement/catalog',
    'finance/agreements',
    'finance/invoices',
    'finance/taxCodes',
    'system/members',
    'system/callbacks',
    'system/connectwisehostedsetups',
  ])('serves %s at its Manage path', (path) => {
    expect(findResource(path)?.resource.path.toLowerCase()).toBe(path.toLowerCase());
  });

  it('matches the longest path first and keeps what follows', () => {
    expect(findResource('company/companies/types/3')).toMatchObject({ resource: { collection: 'companyTypes' }, rest: ['3'] });
    expect(findResource('finance/agreements/types/count')).toMatchObject({ resource: { collection: 'agreementTypes' }, rest: ['count'] });
    expect(findResource('COMPANY/Companies/250')).toMatchObject({ resource: { collection: 'companies' }, rest: ['250'] });
  });

  it('finds child resources below a parent id', () => {
    expect(findChildResource('service/tickets/1001/timeentries')).toMatchObject({
      child: { collection: 'timeEntries' },
      parentId: 1001,
      rest: [],
    });
    expect(findChildResource('finance/agreements/7/additions/3')).toMatchObject({
      child: { collection: 'agreementAdditions' },
      parentId: 7,
      rest: ['3'],
    });
    expect(findChildResource('service/boards/1/statuses/count')).toMatchObject({
      child: { collection: 'serviceStatuses' },
      rest: ['count'],
    });
    expect(findChildResource('service/tickets/abc/timeentries')).toBeNull();
  });
});
