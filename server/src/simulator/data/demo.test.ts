import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_NOW, demoDataset, demoShiftMs } from './demo.js';
import { findEdgeCases } from './edge-cases.js';
import { findDanglingReferences } from './referential-integrity.js';

const demo = demoDataset();

describe('demoDataset', () => {
  it('is deterministic', () => {
    const hash = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
    expect(demoDataset()).toEqual(demo);
    expect(hash(demoDataset())).toBe(hash(demo));
  });

  it('is small and hand-readable: six companies with two or three contacts each', () => {
    expect(demo.companies.map((c) => c.id)).toEqual([250, 251, 252, 253, 254, 255]);
    expect(demo.companies[0].name).toBe('Contoso Pty Ltd');
    for (const company of demo.companies) {
      const contacts = demo.contacts.filter((c) => c.company!.id === company.id);
      expect(contacts.length).toBeGreaterThanOrEqual(2);
      expect(contacts.length).toBeLessThanOrEqual(3);
      expect(company.defaultContact!.id).toBe(contacts[0].id);
    }
  });

  it('has five members including admin and jsmith, and no member hashes', () => {
    expect(demo.members.map((m) => m.identifier)).toEqual(['admin', 'jsmith', 'mchen', 'pnatarajan', 'tkowalski']);
    expect(demo.members.map((m) => m.id)).toEqual([150, 151, 152, 153, 154]);
    for (const member of demo.members) expect(Object.keys(member).some((k) => /hash|password/i.test(k))).toBe(false);
  });

  it('has four work types, including Regular and After Hours (x1.5, 0.5 h minimum, rounded to 0.25 h), and three work roles', () => {
    expect(demo.workTypes.map((t) => t.name)).toEqual(['Regular', 'After Hours', 'Remote Support', 'Onsite']);
    expect(demo.workTypes[1]).toMatchObject({
      name: 'After Hours',
      rateType: 'Multiplier',
      rate: 1.5,
      hoursMin: 0.5,
      roundBillHoursTo: 0.25,
    });
    expect(new Set(demo.workTypes.map((t) => t.rateType))).toEqual(new Set(['Multiplier', 'AdjAmount', 'Custom']));
    expect(demo.workRoles.map((r) => r.name)).toEqual(['Help Desk', 'Technician', 'Senior Engineer']);
    expect(demo.workRoles.every((r) => r.hourlyRate! > 0)).toBe(true);
  });

  it('has ten service tickets numbered from 1001, each with three to six time entries', () => {
    expect(demo.tickets.map((t) => t.id)).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010]);
    for (const ticket of demo.tickets) {
      const entries = demo.timeEntries.filter((e) => e.chargeToType === 'ServiceTicket' && e.chargeToId === ticket.id);
      expect(entries.length).toBeGreaterThanOrEqual(3);
      expect(entries.length).toBeLessThanOrEqual(6);
      expect(entries.every((e) => e.notes!.length > 20)).toBe(true);
    }
  });

  it('gives ticket 1001 (Contoso) at least four entries of mixed billable options', () => {
    const ticket = demo.tickets[0];
    expect(ticket).toMatchObject({ id: 1001, company: { name: 'Contoso Pty Ltd' }, billingMethod: 'ActualRates', closedFlag: false });
    const entries = demo.timeEntries.filter((e) => e.chargeToId === 1001);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(new Set(entries.map((e) => e.billableOption)).size).toBeGreaterThanOrEqual(3);
    expect(entries.map((e) => e.billableOption)).toContain('Billable');
    expect(entries.some((e) => e.workType!.name === 'After Hours')).toBe(true);
  });

  it('prices the After Hours entry on 1001 by the work type rules', () => {
    const afterHours = demo.timeEntries.find((e) => e.chargeToId === 1001 && e.workType!.name === 'After Hours')!;
    // 40 minutes = 0.67 h → 0.75 h billed; Senior Engineer 175 × 1.5 = 262.50; 0.75 × 262.50 = 196.88
    expect(afterHours).toMatchObject({
      actualHours: 0.67,
      hoursBilled: 0.75,
      invoiceHours: 0.75,
      hourlyRate: 262.5,
      extendedInvoiceAmount: 196.88,
    });
  });

  it('has a few expenses, products (one cancelled) and agreements with additions', () => {
    expect(demo.expenseEntries.length).toBeGreaterThanOrEqual(3);
    expect(demo.products.length).toBeGreaterThanOrEqual(3);
    expect(demo.products.some((p) => p.cancelledFlag && p.quantityCancelled! > 0)).toBe(true);
    expect(demo.agreements.length).toBeGreaterThanOrEqual(2);
    expect(demo.agreementAdditions.every((a) => demo.agreements.some((x) => x.id === a.agreementId))).toBe(true);
  });

  it('includes the awkward name and the contact without email', () => {
    const edges = findEdgeCases(demo);
    expect(edges.awkwardNameCompanyIds).toEqual([253]);
    expect(edges.contactWithoutEmailIds).toHaveLength(1);
  });

  it('keeps every reference pointing at an existing record, and nothing after the demo "now"', () => {
    expect(findDanglingReferences(demo)).toEqual([]);
    const latest = [
      ...demo.timeEntries.map((e) => e.timeEnd!),
      ...demo.timeEntries.map((e) => e._info!.lastUpdated),
      ...demo.tickets.map((t) => t._info!.lastUpdated),
    ]
      .sort()
      .at(-1)!;
    expect(latest <= DEMO_NOW).toBe(true);
  });

  it('dated from another "now": every date moves by the same whole weeks, none after it', () => {
    for (const now of ['2026-11-16T09:00:00Z', '2028-02-29T09:00:00Z', '2026-01-15T09:00:00Z']) {
      const shift = demoShiftMs(now);
      expect(Number.isInteger(shift / (7 * 86_400_000))).toBe(true);
      expect(Date.parse(DEMO_NOW) + shift).toBeLessThanOrEqual(Date.parse(now));
      expect(Date.parse(DEMO_NOW) + shift).toBeGreaterThan(Date.parse(now) - 7 * 86_400_000);
      // GST's start (2000-07-01, the tax codes' effective date) is a fact, not part of the story.
      const moved = (iso: string) => (iso < '2001' ? iso : new Date(Date.parse(iso) + shift).toISOString().replace(/\.\d{3}Z$/, 'Z'));
      const expected = JSON.stringify(demo).replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g, moved);
      expect(JSON.stringify(demoDataset({ now }))).toBe(expected);
    }
    expect(demoDataset({ now: DEMO_NOW })).toEqual(demo);
    expect(() => demoDataset({ now: 'not a date' })).toThrow(RangeError);
  });

  it('lets the simulator point hrefs at itself', () => {
    const local = demoDataset({ apiBaseUrl: 'http://127.0.0.1:9000/v4_6_release/apis/3.0' });
    expect(local.tickets[0].company!._info!.company_href).toBe('http://127.0.0.1:9000/v4_6_release/apis/3.0/company/companies/250');
  });
});
