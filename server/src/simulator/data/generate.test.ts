import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findEdgeCases } from './edge-cases.js';
import { DEFAULT_NOW, generateDataset } from './generate.js';
import type { ManageDataset, TimeEntryRecord } from './manage-records.js';
import { findDanglingReferences } from './referential-integrity.js';
import { actualHoursBetween, billedHours, extendedInvoiceAmount, timeEntryHourlyRate } from './time-entry-billing.js';

const SMALL = { seed: 42, companies: 12, timeEntries: 300 } as const;
const MEDIUM = { seed: 1, companies: 200, timeEntries: 20_000 } as const;

const fingerprint = (dataset: ManageDataset) => createHash('sha256').update(JSON.stringify(dataset)).digest('hex');
const loadSample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`./samples/${name}`, import.meta.url), 'utf8'));
const share = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length / items.length;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const medium = generateDataset(MEDIUM);

describe('generateDataset is deterministic', () => {
  it('returns deep-equal data sets, with the same hash, for the same options', () => {
    const a = generateDataset(SMALL);
    const b = generateDataset(SMALL);
    expect(a).toEqual(b);
    expect(fingerprint(a)).toBe(fingerprint(b));
  });

  it('pins the output for one seed, so any change to what is generated is deliberate', () => {
    // Update this hash only when you mean to change the generated data (and say so in the commit).
    expect(fingerprint(generateDataset(SMALL))).toBe('0d045d543b0c82c99b32b14edfed5ff32f9a608d934798eebc91cf967d5fcd19');
  });

  it('differs between seeds', () => {
    const a = generateDataset(SMALL);
    const b = generateDataset({ ...SMALL, seed: 43 });
    expect(fingerprint(a)).not.toBe(fingerprint(b));
    expect(a.timeEntries.map((e) => e.timeStart)).not.toEqual(b.timeEntries.map((e) => e.timeStart));
    expect(a.companies.map((c) => c.name)).not.toEqual(b.companies.map((c) => c.name));
  });

  it('draws each part from its own stream: more products leave the time entries unchanged', () => {
    const a = generateDataset(SMALL);
    const b = generateDataset({ ...SMALL, products: 50, expenses: 3 });
    expect(b.products).toHaveLength(50);
    expect(b.timeEntries).toEqual(a.timeEntries);
  });

  it('dates everything relative to `now`: moving now by whole days moves the time by as much', () => {
    const days = 185;
    const base = generateDataset(SMALL);
    const later = generateDataset({ ...SMALL, now: Date.parse(DEFAULT_NOW) + days * 86_400_000 });
    const shifts = later.timeEntries.map((e, i) => (Date.parse(e.timeStart) - Date.parse(base.timeEntries[i].timeStart)) / 86_400_000);
    expect(new Set(shifts)).toEqual(new Set([days]));
  });
});

describe('records have the shapes Manage returns', () => {
  const dataset = generateDataset(SMALL);

  /** Every key must exist in the sample (or be listed), with the same JSON type, recursively. */
  const shapeProblems = (actual: unknown, sample: unknown, allowedExtra: ReadonlySet<string>, path = ''): string[] => {
    const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    const problems: string[] = [];
    for (const [key, value] of Object.entries(actual as Record<string, unknown>)) {
      const sampleValue = (sample as Record<string, unknown>)[key];
      if (sampleValue === undefined) {
        if (!allowedExtra.has(path + key)) problems.push(`${path}${key} is not in the sample`);
        continue;
      }
      if (kind(value) !== kind(sampleValue)) problems.push(`${path}${key}: ${kind(value)}, sample has ${kind(sampleValue)}`);
      else if (kind(value) === 'object') problems.push(...shapeProblems(value, sampleValue, allowedExtra, `${path}${key}.`));
    }
    return problems;
  };

  it('time entries: keys and value types of samples/time-entry.json', () => {
    const sample = loadSample('time-entry.json');
    // `notes` and `_info` are absent from the saved sample only because its notes were empty
    // (Manage omits empty fields) and the sample was saved without `_info` (docs/connectwise/records.md#common-conventions, docs/connectwise/records.md#time-entries).
    const allowed = new Set(['notes', '_info']);
    for (const entry of dataset.timeEntries) expect(shapeProblems(entry, sample, allowed)).toEqual([]);

    // ...and everything the sample has, except the project fields a service-ticket entry lacks.
    const notEmitted = ['projectActivity', 'timeSheet', 'project', 'phase'];
    expect(Object.keys(dataset.timeEntries[0]).sort()).toEqual(
      [...Object.keys(sample).filter((k) => !notEmitted.includes(k)), ...allowed].sort(),
    );
  });

  it('procurement products: keys and value types of samples/product-item.json', () => {
    const sample = loadSample('product-item.json');
    // The company reference's `mobileGuid` is in samples/time-entry.json's company reference
    // (a later fetch from a newer Manage) but not in this older sample's.
    const allowed = new Set(['ticket', '_info', 'company._info.mobileGuid']);
    for (const product of dataset.products) expect(shapeProblems(product, sample, allowed)).toEqual([]);
    const cancelled = generateDataset({ ...SMALL, products: 200 }).products.find((p) => p.cancelledFlag && p.ticket)!;
    const notEmitted = ['opportunity', 'forecastDetailId'];
    expect(Object.keys(cancelled).sort()).toEqual(
      [...Object.keys(sample).filter((k) => !notEmitted.includes(k)), 'ticket', '_info'].sort(),
    );
  });

  it('writes every datetime as UTC with Z and no fractional seconds, and nothing after now', () => {
    const now = DEFAULT_NOW;
    const datetimes: string[] = [];
    for (const records of Object.values(dataset) as { _info?: Record<string, string> }[][]) {
      for (const record of records) {
        if (record._info?.lastUpdated) datetimes.push(record._info.lastUpdated);
        if (record._info?.dateEntered) datetimes.push(record._info.dateEntered);
      }
    }
    for (const e of dataset.timeEntries) datetimes.push(e.timeStart, e.timeEnd!, e.dateEntered!);
    for (const t of dataset.tickets) if (t.closedDate) datetimes.push(t.closedDate);
    for (const x of dataset.expenseEntries) {
      datetimes.push(x.date);
      expect(x.date).toMatch(/T00:00:00Z$/);
    }
    expect(datetimes.length).toBeGreaterThan(1000);
    for (const value of datetimes) {
      expect(value).toMatch(ISO_UTC);
      expect(value <= now).toBe(true);
    }
  });

  it('carries references as small objects with hrefs', () => {
    const entry = dataset.timeEntries[0];
    expect(Object.keys(entry.company!)).toEqual(['id', 'identifier', 'name', '_info']);
    expect(entry.company!._info!.company_href).toMatch(/\/company\/companies\/\d+$/);
    expect(Object.keys(entry.member!)).toEqual(['id', 'identifier', 'name', '_info']);
    expect(entry.member!._info!.member_href).toMatch(/\/system\/members\/\d+$/);
    expect(Object.keys(entry.workType!)).toEqual(['id', 'name', '_info']);
    expect(Object.keys(entry.workRole!)).toEqual(['id', 'name', '_info']);
    expect(Object.keys(entry.ticket!)).toEqual(['id', 'summary', '_info']);
    expect(entry.hourlyCost).toMatch(/^\d+\.\d{2}$/);
    expect(entry.chargeToType).toBe('ServiceTicket');
    expect(Object.isFrozen(entry.company)).toBe(true);
  });

  it('gives contacts Email and Direct communication items', () => {
    const contact = dataset.contacts.find((c) => c.communicationItems!.length === 2)!;
    expect(contact.communicationItems).toEqual([
      expect.objectContaining({
        type: { id: 1, name: 'Email' },
        communicationType: 'Email',
        defaultFlag: true,
        domain: expect.stringMatching(/^@/),
      }),
      expect.objectContaining({ type: { id: 2, name: 'Direct' }, communicationType: 'Phone', defaultFlag: true }),
    ]);
  });

  it('derives billed hours, rate and amount from the work type and role on every entry', () => {
    const workTypes = new Map(medium.workTypes.map((t) => [t.id, t]));
    const workRoles = new Map(medium.workRoles.map((r) => [r.id, r]));
    const wrong = medium.timeEntries.filter((e: TimeEntryRecord) => {
      const type = workTypes.get(e.workType!.id!)!;
      const role = workRoles.get(e.workRole!.id!)!;
      const hours = billedHours(e.actualHours!, type);
      const rate = timeEntryHourlyRate(role, type);
      return (
        e.actualHours !== actualHoursBetween(Date.parse(e.timeStart), Date.parse(e.timeEnd!)) ||
        e.hoursBilled !== hours ||
        e.invoiceHours !== hours ||
        e.hourlyRate !== rate ||
        e.extendedInvoiceAmount !== extendedInvoiceAmount(hours, rate) ||
        e.hoursBilled! < e.actualHours! - 1e-9
      );
    });
    expect(wrong).toEqual([]);
  });

  it('keeps time inside its ticket: after it opened, before it closed, and sums it on the ticket', () => {
    const tickets = new Map(medium.tickets.map((t) => [t.id, t]));
    const sums = new Map<number, number>();
    const outside = medium.timeEntries.filter((e) => {
      const ticket = tickets.get(e.chargeToId!)!;
      sums.set(ticket.id, (sums.get(ticket.id) ?? 0) + e.actualHours!);
      return (
        e.timeStart < ticket._info!.dateEntered ||
        e.timeEnd! <= e.timeStart ||
        (ticket.closedDate !== undefined && e.timeEnd! > ticket.closedDate)
      );
    });
    expect(outside).toEqual([]);
    expect(medium.tickets.filter((t) => Math.abs(t.actualHours! - (sums.get(t.id) ?? 0)) > 1e-6)).toEqual([]);
  });
});

describe('referential integrity', () => {
  it.each([
    ['small', SMALL],
    ['medium', MEDIUM],
    ['one company', { seed: 'tiny', companies: 1, timeEntries: 20, contactsPerCompany: 1, ticketsPerCompany: 1 }],
    ['no activity', { seed: 3, companies: 5, timeEntries: 0, expenses: 0, products: 0, agreements: 0 }],
  ] as const)('every reference in the %s data set points at a record that exists and matches it', (_, options) => {
    const dataset = options === MEDIUM ? medium : generateDataset(options);
    expect(findDanglingReferences(dataset)).toEqual([]);
  });
});

describe('proportions are realistic', () => {
  const entries = medium.timeEntries;

  it('time is mostly billable, with every other billable option present', () => {
    expect(share(entries, (e) => e.billableOption === 'Billable')).toBeGreaterThan(0.65);
    expect(share(entries, (e) => e.billableOption === 'Billable')).toBeLessThan(0.85);
    for (const option of ['DoNotBill', 'NoCharge', 'NoDefault'] as const) {
      expect(share(entries, (e) => e.billableOption === option)).toBeGreaterThan(0.005);
      expect(share(entries, (e) => e.billableOption === option)).toBeLessThan(0.2);
    }
  });

  it('time moves through Manage statuses with age: old time billed, recent time open or in approval', () => {
    expect(share(entries, (e) => e.status === 'Billed')).toBeGreaterThan(0.5);
    expect(share(entries, (e) => e.status === 'Billed')).toBeLessThan(0.8);
    expect(share(entries, (e) => e.status === 'ReadyToBill')).toBeGreaterThan(0.05);
    expect(share(entries, (e) => e.status === 'WrittenOff')).toBeGreaterThan(0.03);
    expect(share(entries, (e) => e.status === 'WrittenOff')).toBeLessThan(0.2);
    for (const status of ['Open', 'PendingApproval', 'ApprovedByTierOne', 'ApprovedByTierTwo', 'Rejected', 'ErrorsCorrected'] as const) {
      expect(share(entries, (e) => e.status === status)).toBeGreaterThan(0);
    }
    const now = Date.parse(DEFAULT_NOW);
    const lastWeek = entries.filter((e) => now - Date.parse(e.timeStart) < 7 * 86_400_000);
    expect(lastWeek.length).toBeGreaterThan(100);
    expect(lastWeek.some((e) => e.status === 'Billed')).toBe(false);
    expect(share(lastWeek, (e) => e.status === 'Open' || e.status === 'PendingApproval')).toBeGreaterThan(0.5);
    expect(entries.some((e) => e.billableOption === 'DoNotBill' && e.status === 'Billed')).toBe(false);
  });

  it('uses every work type, Regular most', () => {
    const regular = share(entries, (e) => e.workType!.name === 'Regular');
    for (const type of medium.workTypes) expect(share(entries, (e) => e.workType!.id === type.id)).toBeLessThanOrEqual(regular);
    expect(new Set(entries.map((e) => e.workType!.id)).size).toBe(medium.workTypes.length);
  });

  it('tickets mostly bill at actual rates; companies are mostly active clients', () => {
    expect(share(medium.tickets, (t) => t.billingMethod === 'ActualRates')).toBeGreaterThan(0.85);
    expect(medium.tickets.every((t) => t.billingMethod === 'ActualRates' || t.billingAmount! > 0)).toBe(true);
    expect(share(medium.companies, (c) => c.status!.name === 'Active')).toBeGreaterThan(0.9);
    expect(share(medium.companies, (c) => c.types![0].name === 'Client')).toBeGreaterThan(0.85);
  });

  it('some products are cancelled, never more than ordered', () => {
    const cancelled = medium.products.filter((p) => p.cancelledFlag);
    expect(cancelled.length / medium.products.length).toBeGreaterThan(0.02);
    expect(cancelled.length / medium.products.length).toBeLessThan(0.12);
    for (const p of cancelled) {
      expect(p.quantityCancelled).toBeGreaterThan(0);
      expect(p.quantityCancelled).toBeLessThanOrEqual(p.quantity!);
      expect(p.cancelledReason).toBeTruthy();
    }
    expect(medium.products.filter((p) => !p.cancelledFlag).every((p) => p.quantityCancelled === 0 && p.cancelledReason === undefined)).toBe(
      true,
    );
  });

  it('expenses are mostly billable and dated to the day', () => {
    expect(share(medium.expenseEntries, (x) => x.billableOption === 'Billable')).toBeGreaterThan(0.65);
    expect(medium.expenseEntries.every((x) => x.amount! > 0 && x.chargeToType === 'ServiceTicket')).toBe(true);
  });
});

describe('edge cases a sync engine must survive', () => {
  it.each([
    ['small', () => generateDataset(SMALL)],
    ['medium', () => medium],
  ])('are all present in the %s data set', (_, make) => {
    const dataset = make();
    const edges = findEdgeCases(dataset);
    expect(edges.unmappedTypeCompanyIds).toHaveLength(1);
    expect(edges.inactiveCompanyIds.length).toBeGreaterThanOrEqual(1);
    expect(edges.awkwardNameCompanyIds).toHaveLength(1);
    expect(dataset.companies.find((c) => c.id === edges.awkwardNameCompanyIds[0])!.name).toBe(`O'Brien & Sons "Premium" Plumbing`);
    expect(edges.contactWithoutEmailIds.length).toBeGreaterThanOrEqual(1);
    expect(edges.inactiveMembersWithTimeIds).toHaveLength(1);

    const consultant = dataset.workRoles.find((r) => r.name === 'Consultant')!;
    const afterHours = dataset.workTypes.find((t) => t.name === 'After Hours')!;
    expect(edges.singleUseRoleTypePairs).toContainEqual(expect.objectContaining({ workRoleId: consultant.id, workTypeId: afterHours.id }));
    // Both halves of that pair are common on their own.
    expect(dataset.timeEntries.filter((e) => e.workRole!.id === consultant.id).length).toBeGreaterThan(1);
    expect(dataset.timeEntries.filter((e) => e.workType!.id === afterHours.id).length).toBeGreaterThan(1);

    const zebra = dataset.catalogItems.find((i) => i.identifier === 'ZEBRA-ZD421')!;
    expect(edges.singleUseCatalogItems).toContainEqual(expect.objectContaining({ catalogItemId: zebra.id }));
  });

  it('an inactive member only has time from before they left', () => {
    const member = medium.members.find((m) => m.inactiveFlag)!;
    const theirs = medium.timeEntries.filter((e) => e.member!.id === member.id);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((e) => e.timeEnd! <= member.inactiveDate!)).toBe(true);
  });

  it('includes the members the demo and the auth layer expect', () => {
    expect(medium.members.map((m) => m.identifier)).toEqual(expect.arrayContaining(['admin', 'jsmith']));
    expect(new Set(medium.members.map((m) => m.identifier.toLowerCase())).size).toBe(medium.members.length);
    expect(medium.members.every((m) => m.identifier.length <= 15)).toBe(true);
    expect(new Set(medium.companies.map((c) => c.identifier.toLowerCase())).size).toBe(medium.companies.length);
    expect(medium.companies.every((c) => c.identifier.length <= 30 && c.name.length <= 50)).toBe(true);
  });
});

describe('options', () => {
  it('applies the documented defaults', () => {
    const dataset = generateDataset({ seed: 9, companies: 10, timeEntries: 100 });
    expect(dataset.contacts).toHaveLength(20);
    expect(dataset.tickets).toHaveLength(50);
    expect(dataset.expenseEntries).toHaveLength(5);
    expect(dataset.products).toHaveLength(20);
    expect(dataset.agreements).toHaveLength(4);
    expect(dataset.tickets[0].id).toBe(1001);
  });

  it('honours explicit counts', () => {
    const dataset = generateDataset({
      seed: 9,
      companies: 3,
      contactsPerCompany: 3,
      ticketsPerCompany: 2,
      timeEntries: 40,
      expenses: 7,
      products: 9,
      agreements: 3,
    });
    expect(
      [
        dataset.companies,
        dataset.contacts,
        dataset.tickets,
        dataset.timeEntries,
        dataset.expenseEntries,
        dataset.products,
        dataset.agreements,
      ].map((a) => a.length),
    ).toEqual([3, 9, 6, 40, 7, 9, 3]);
    expect(dataset.agreementAdditions.every((a) => dataset.agreements.some((x) => x.id === a.agreementId))).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => generateDataset({ seed: 1, companies: 0, timeEntries: 1 })).toThrow(RangeError);
    expect(() => generateDataset({ seed: 1, companies: 2.5, timeEntries: 1 })).toThrow(RangeError);
    expect(() => generateDataset({ seed: 1, companies: 2, timeEntries: 1, agreements: 3 })).toThrow(RangeError);
    expect(() => generateDataset({ seed: 1, companies: 2, timeEntries: 1, ticketsPerCompany: 0 })).toThrow(RangeError);
    expect(() => generateDataset({ seed: 1, companies: 2, timeEntries: 1, now: 'not a date' })).toThrow(RangeError);
  });

  it('points hrefs at the given API base URL', () => {
    const dataset = generateDataset({ ...SMALL, apiBaseUrl: 'http://127.0.0.1:8123/v4_6_release/apis/3.0/' });
    expect(dataset.timeEntries[0].company!._info!.company_href).toMatch(
      /^http:\/\/127\.0\.0\.1:8123\/v4_6_release\/apis\/3\.0\/company\/companies\/\d+$/,
    );
  });
});

describe('scale', () => {
  it('generates 2,000 companies and 100,000 time entries', () => {
    const dataset = generateDataset({ seed: 2026, companies: 2_000, timeEntries: 100_000 });
    expect(dataset.companies).toHaveLength(2_000);
    expect(dataset.contacts).toHaveLength(4_000);
    expect(dataset.tickets).toHaveLength(10_000);
    expect(dataset.timeEntries).toHaveLength(100_000);
    expect(dataset.expenseEntries).toHaveLength(5_000);
    expect(dataset.products).toHaveLength(4_000);
    expect(dataset.agreements).toHaveLength(800);
    expect(dataset.timeEntries[99_999].id).toBe(100_000);
  });
});
