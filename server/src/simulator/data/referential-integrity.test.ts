import { describe, expect, it } from 'vitest';
import { demoDataset } from './demo.js';
import { findDanglingReferences } from './referential-integrity.js';

describe('findDanglingReferences', () => {
  it('reports a reference to a record that does not exist', () => {
    const dataset = demoDataset();
    dataset.timeEntries[0] = {
      ...dataset.timeEntries[0],
      member: { id: 999, identifier: 'ghost', name: 'Ghost', _info: { member_href: 'x/system/members/999' } },
    };
    expect(findDanglingReferences(dataset)).toEqual(['timeEntries 1 member: no members 999']);
  });

  it('reports a reference that misnames its target or links to another id', () => {
    const dataset = demoDataset();
    const company = dataset.tickets[0].company!;
    dataset.tickets[0] = {
      ...dataset.tickets[0],
      company: { ...company, name: 'Wrong Name', _info: { company_href: 'x/company/companies/1' } },
    };
    expect(findDanglingReferences(dataset)).toEqual([
      'tickets 1001 company: name "Wrong Name" but companies 250 has "Contoso Pty Ltd"',
      'tickets 1001 company: company_href x/company/companies/1 does not name id 250',
    ]);
  });

  it('reports bare ids and duplicate ids', () => {
    const dataset = demoDataset();
    dataset.agreementAdditions[0] = { ...dataset.agreementAdditions[0], agreementId: 77 };
    dataset.companies.push(dataset.companies[0]);
    expect(findDanglingReferences(dataset)).toEqual(['companies: duplicate id 250', 'agreementAdditions 1 agreementId: no agreements 77']);
  });

  it('reports time charged to one ticket but naming another', () => {
    const dataset = demoDataset();
    dataset.timeEntries[0] = { ...dataset.timeEntries[0], chargeToId: 1002 };
    expect(findDanglingReferences(dataset)).toEqual(['timeEntries 1: ticket 1001 is not chargeToId 1002']);
  });
});
