import { describe, expect, it } from 'vitest';
import { parseFields, selectFields } from './fields.js';
import { QueryError } from './query-error.js';

const TICKET = {
  id: 7,
  summary: 'Email down',
  status: { id: 1, name: 'New', _info: { status_href: 'https://x/service/boards/1/statuses/1' } },
  company: { id: 250, identifier: 'Acme', name: 'Acme Corp', _info: { company_href: 'https://x/company/companies/250' } },
  contact: null,
  communicationItems: [
    { id: 1, value: 'a@example.com', communicationType: 'Email' },
    { id: 2, value: '555-0100', communicationType: 'Phone' },
  ],
  _info: { lastUpdated: '2024-05-01T12:00:00Z', updatedBy: 'jdoe' },
};

const select = (fields: string) => selectFields(TICKET, parseFields(fields));

describe('fields', () => {
  it("keeps DG's example fields, a nested path keeping only its sub-field, and drops _info", () => {
    expect(select('id,summary,status/id')).toEqual({ id: 7, summary: 'Email down', status: { id: 1 } });
  });

  it('keeps several sub-fields of one reference', () => {
    expect(select('company/id,company/name')).toEqual({ company: { id: 250, name: 'Acme Corp' } });
  });

  it('keeps a whole reference, with its own _info, when named alone', () => {
    expect(select('company')).toEqual({ company: TICKET.company });
  });

  it('a whole reference wins over one of its sub-fields, whichever comes first', () => {
    expect(select('status/id,status')).toEqual({ status: TICKET.status });
    expect(select('status,status/id')).toEqual({ status: TICKET.status });
  });

  it('keeps _info only when asked', () => {
    expect(select('id,_info')).toEqual({ id: 7, _info: TICKET._info });
    expect(select('_info/lastUpdated')).toEqual({ _info: { lastUpdated: '2024-05-01T12:00:00Z' } });
  });

  it("matches names case-insensitively and answers in the record's spelling and key order", () => {
    expect(Object.keys(select('SUMMARY, Id'))).toEqual(['id', 'summary']);
  });

  it('projects each element of a list', () => {
    expect(select('communicationItems/value')).toEqual({ communicationItems: [{ value: 'a@example.com' }, { value: '555-0100' }] });
  });

  it('returns null references as null and leaves out fields the record does not have', () => {
    expect(select('contact/name,doesNotExist,id')).toEqual({ id: 7, contact: null });
  });

  it('ignores empty items', () => {
    expect(select('id,,summary,')).toEqual({ id: 7, summary: 'Email down' });
  });

  it.each(['id,na-me', 'company/', 'id;summary'])('rejects %j', (fields) => {
    expect(() => parseFields(fields)).toThrow(QueryError);
  });
});
