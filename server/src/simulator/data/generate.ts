/**
 * A seeded, deterministic generator of a whole Manage site: companies, contacts,
 * members, service tickets, time entries, expenses, procurement products, agreements
 * with additions, and the setup tables they point at. Same options → byte-identical
 * output, always (no clock, no Math.random: every draw comes from `SeededRandom`).
 *
 * Each part of the data set draws from its own forked stream, so asking for more
 * products does not change which time entries are drawn.
 *
 * Deliberate edge cases for a sync engine (find them with `findEdgeCases`):
 * a company whose only type ("Legacy Reseller") maps to nothing; a company with the
 * Inactive status; a company named `O'Brien & Sons "Premium" Plumbing`; a contact with
 * no email address; a work role × work type pair (Consultant × After Hours) on exactly
 * one time entry; a catalog item (ZEBRA-ZD421) on exactly one product; an inactive
 * member who logged time before leaving.
 */
import {
  ManageRecordFactory,
  type AgreementAdditionRecord,
  type AgreementRecord,
  type BillingMethod,
  type BoardRecord,
  type CatalogItemRecord,
  type CompanyRecord,
  type CompanyStatusRecord,
  type CompanyTypeRecord,
  type ContactRecord,
  type DepartmentRecord,
  type EntryStatus,
  type ExpenseEntryRecord,
  type ExpenseTypeRecord,
  type LocationRecord,
  type ManageDataset,
  type MemberRecord,
  type ProductRecord,
  type TaxCodeRecord,
  type TicketRecord,
  type TimeEntryRecord,
  type WorkRoleRecord,
  type WorkTypeRecord,
} from './manage-records.js';
import { SeededRandom, weightedPicker, type Seed } from './random.js';
import { buildSetupTables, type BoardStatusName, type SetupTables } from './setup-tables.js';

export interface GenerateDatasetOptions {
  seed: Seed;
  companies: number;
  /** Contacts on every company (default 2). */
  contactsPerCompany?: number;
  timeEntries: number;
  /** Service tickets on every company (default 5). */
  ticketsPerCompany?: number;
  /** Expense entries (default: one per 20 time entries). */
  expenses?: number;
  /** Procurement products (default: 2 per company). */
  products?: number;
  /** Agreements, each on a different company (default: 40% of companies). */
  agreements?: number;
  /** The site's "now": nothing is dated after it (default 2026-06-30T12:00:00Z). */
  now?: Date | string | number;
  /** Prefix of every href (default https://cw.example.com/v4_6_release/apis/3.0). */
  apiBaseUrl?: string;
}

export const DEFAULT_NOW = '2026-06-30T12:00:00Z';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

type Billable = 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault';
type ProductBillable = 'Billable' | 'DoNotBill' | 'NoCharge';

/** What a time entry, expense or product charged to a ticket inherits from it. */
interface TicketContext {
  ticket: TicketRecord;
  company: CompanyRecord;
  companyType: CompanyTypeRecord;
  taxCode: TaxCodeRecord;
  board: BoardRecord;
  location: LocationRecord;
  department: DepartmentRecord;
  /** Time may be logged between the ticket's opening and its closing (or now). */
  opened: number;
  workEnds: number;
}

interface CompanyContext {
  company: CompanyRecord;
  companyType: CompanyTypeRecord;
  taxCode: TaxCodeRecord;
  contacts: ContactRecord[];
  inactive: boolean;
}

export function generateDataset(options: GenerateDatasetOptions): ManageDataset {
  const companyCount = wholeNumber('companies', options.companies, 1);
  const contactsPerCompany = wholeNumber('contactsPerCompany', options.contactsPerCompany ?? 2, 1);
  const ticketsPerCompany = wholeNumber('ticketsPerCompany', options.ticketsPerCompany ?? 5, 0);
  const timeEntryCount = wholeNumber('timeEntries', options.timeEntries, 0);
  const expenseCount = wholeNumber('expenses', options.expenses ?? Math.ceil(timeEntryCount / 20), 0);
  const productCount = wholeNumber('products', options.products ?? companyCount * 2, 0);
  const agreementCount = wholeNumber('agreements', options.agreements ?? Math.round(companyCount * 0.4), 0);
  if (agreementCount > companyCount) throw new RangeError(`agreements (${agreementCount}) cannot exceed companies (${companyCount})`);
  if (ticketsPerCompany === 0 && timeEntryCount + expenseCount > 0) {
    throw new RangeError('time entries and expenses are charged to tickets: ticketsPerCompany must be at least 1');
  }
  const now = toEpochMs(options.now ?? DEFAULT_NOW);

  const random = new SeededRandom(options.seed);
  const f = new ManageRecordFactory({ apiBaseUrl: options.apiBaseUrl, guidSalt: random.seedText });
  const setup = buildSetupTables(f, now - 400 * DAY);

  const members = generateMembers(f, random.fork('members'), setup, now, memberCountFor(companyCount));
  const { companies, contacts, companyContexts } = generateCompanies(
    f,
    random.fork('companies'),
    setup,
    members,
    now,
    companyCount,
    contactsPerCompany,
  );
  const { tickets, ticketContexts } = generateTickets(f, random.fork('tickets'), setup, members, companyContexts, now, ticketsPerCompany);
  const timeEntries = generateTimeEntries(f, random.fork('timeEntries'), setup, members, ticketContexts, now, timeEntryCount);
  const expenseEntries = generateExpenses(f, random.fork('expenses'), setup, members, ticketContexts, now, expenseCount);
  const products = generateProducts(f, random.fork('products'), setup, members, ticketContexts, companyContexts, now, productCount);
  const { agreements, agreementAdditions } = generateAgreements(f, random.fork('agreements'), setup, companyContexts, now, agreementCount);

  return {
    companies,
    contacts,
    companyTypes: setup.companyTypes,
    companyStatuses: setup.companyStatuses,
    communicationTypes: setup.communicationTypes,
    members,
    workTypes: setup.workTypes,
    workRoles: setup.workRoles,
    locations: setup.locations,
    departments: setup.departments,
    boards: setup.boards,
    serviceStatuses: setup.serviceStatuses,
    priorities: setup.priorities,
    tickets,
    timeEntries,
    expenseTypes: setup.expenseTypes,
    expenseEntries,
    unitsOfMeasure: setup.unitsOfMeasure,
    catalogItems: setup.catalogItems,
    products,
    agreementTypes: setup.agreementTypes,
    agreements,
    agreementAdditions,
    taxCodes: setup.taxCodes,
  };
}

// ---------------------------------------------------------------- members

/** About one technician per 30 clients, at least 6 and at most 60. */
function memberCountFor(companies: number): number {
  return Math.min(60, Math.max(6, Math.round(companies / 30)));
}

function generateMembers(f: ManageRecordFactory, random: SeededRandom, setup: SetupTables, now: number, count: number): MemberRecord[] {
  const { workRole, workType, location, department } = setup.named;
  const pickRole = weightedPicker<WorkRoleRecord>([
    [workRole.helpDesk, 30],
    [workRole.technician, 40],
    [workRole.seniorEngineer, 20],
    [workRole.consultant, 10],
  ]);
  const costOf = new Map<WorkRoleRecord, number>([
    [workRole.helpDesk, 42],
    [workRole.technician, 55],
    [workRole.seniorEngineer, 72],
    [workRole.projectManager, 68],
    [workRole.consultant, 85],
  ]);
  const taken = new Set<string>();
  const members: MemberRecord[] = [];
  const add = (
    first: string,
    last: string,
    identifier: string,
    role: WorkRoleRecord,
    title: string,
    extra: { adminFlag?: boolean; inactiveAt?: number } = {},
  ) => {
    taken.add(identifier);
    const id = 150 + members.length;
    const hired = now - random.int(200, 3000) * DAY;
    members.push(
      f.member({
        id,
        identifier,
        firstName: first,
        lastName: last,
        title,
        email: `${first}.${last}@example-msp.com.au`.toLowerCase().replace(/[^a-z.@-]/g, ''),
        phone: `(02) 8000 ${String(1000 + members.length).slice(-4)}`,
        workRole: role,
        workType: workType.regular,
        location: random.chance(0.7) ? location.sydney : location.melbourne,
        department: department.service,
        hourlyCost: (costOf.get(role) ?? 55) + random.int(-5, 5),
        hired,
        updated: { at: Math.max(hired, now - random.int(10, 300) * DAY), by: 'admin' },
        ...extra,
      }),
    );
  };
  add('Alex', 'Walker', 'admin', workRole.projectManager, 'Service Manager', { adminFlag: true });
  add('John', 'Smith', 'jsmith', workRole.seniorEngineer, 'Senior Engineer');
  while (members.length < count) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const role = pickRole(random);
    const isLast = members.length === count - 1;
    // The last member left 60 days ago: their older time stays in the data set.
    add(
      first,
      last,
      uniqueIdentifier(`${first[0]}${last}`.toLowerCase(), 15, taken),
      role,
      TITLE_BY_ROLE[role.name] ?? 'Technician',
      isLast ? { inactiveAt: now - 60 * DAY } : {},
    );
  }
  return members;
}

const TITLE_BY_ROLE: Record<string, string> = {
  'Help Desk': 'Service Desk Analyst',
  Technician: 'IT Technician',
  'Senior Engineer': 'Senior Systems Engineer',
  'Project Manager': 'Project Manager',
  Consultant: 'Principal Consultant',
};

// ---------------------------------------------------------------- companies

function generateCompanies(
  f: ManageRecordFactory,
  random: SeededRandom,
  setup: SetupTables,
  members: MemberRecord[],
  now: number,
  count: number,
  contactsPerCompany: number,
) {
  const { companyType, companyStatus, taxCode, location, communicationType } = setup.named;
  const pickStatus = weightedPicker<CompanyStatusRecord>([
    [companyStatus.active, 96],
    [companyStatus.creditHold, 3],
    [companyStatus.inactive, 1],
  ]);
  const pickType = weightedPicker<CompanyTypeRecord>([
    [companyType.client, 94],
    [companyType.partner, 4],
    [companyType.prospect, 2],
  ]);
  // Edge cases sit at fixed positions (wrapping for tiny data sets).
  const awkwardNameAt = 1 % count;
  const inactiveAt = 2 % count;
  const unmappedTypeAt = 3 % count;
  const noEmailCompanyAt = 4 % count;

  const takenNames = new Set<string>();
  const takenIdentifiers = new Set<string>();
  const companies: CompanyRecord[] = [];
  const contacts: ContactRecord[] = [];
  const companyContexts: CompanyContext[] = [];
  let nextContactId = 1;
  let nextCommunicationId = 1;

  for (let i = 0; i < count; i++) {
    const name = i === awkwardNameAt ? `O'Brien & Sons "Premium" Plumbing` : uniqueCompanyName(random, takenNames);
    takenNames.add(name);
    const identifier = uniqueIdentifier(identifierFromName(name), 30, takenIdentifiers);
    const domain = `${identifier.toLowerCase()}.com.au`;
    const [city, state, zip] = random.pick(CITIES);
    const status = i === inactiveAt ? companyStatus.inactive : pickStatus(random);
    const type = i === unmappedTypeAt ? companyType.legacyReseller : pickType(random);
    const tax = random.chance(0.95) ? taxCode.gst : taxCode.gstFree;
    const entered = now - random.int(400, 3000) * DAY;
    const updatedAt = entered + random.int(0, Math.floor((now - entered) / DAY)) * DAY;
    const by = random.pick(members).identifier;

    const people = Array.from({ length: contactsPerCompany }, () => ({ first: random.pick(FIRST_NAMES), last: random.pick(LAST_NAMES) }));
    const firstContactId = nextContactId;
    const company = f.company({
      id: 250 + i,
      identifier,
      name,
      status,
      types: [type],
      addressLine1: `${random.int(1, 480)} ${random.pick(STREETS)}`,
      city,
      state,
      zip,
      phoneNumber: `${AREA_CODE[state] ?? '(02)'} ${random.int(8000, 9999)} ${random.int(1000, 9999)}`,
      website: `www.${domain}`,
      territory: state === 'VIC' || state === 'SA' || state === 'TAS' || state === 'WA' ? location.melbourne : location.sydney,
      taxCode: tax,
      defaultContact: { id: firstContactId, firstName: people[0].first, lastName: people[0].last },
      numberOfEmployees: random.pick([3, 5, 8, 12, 15, 20, 25, 40, 60, 120]),
      acquired: entered,
      entered: { at: entered, by },
      updated: { at: updatedAt, by },
    });
    companies.push(company);

    const companyContacts: ContactRecord[] = [];
    people.forEach((person, index) => {
      const id = nextContactId++;
      const withoutEmail = i === noEmailCompanyAt && index === people.length - 1;
      const contact = f.contact({
        id,
        firstName: person.first,
        lastName: person.last,
        title: index === 0 ? random.pick(OWNER_TITLES) : random.pick(STAFF_TITLES),
        company,
        email: withoutEmail
          ? undefined
          : {
              id: nextCommunicationId++,
              value: `${person.first}.${person.last}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
              type: communicationType.email,
            },
        phone: {
          id: nextCommunicationId++,
          value: `${AREA_CODE[state] ?? '(02)'} ${random.int(8000, 9999)} ${random.int(1000, 9999)}`,
          type: communicationType.direct,
        },
        defaultFlag: index === 0,
        defaultBillingFlag: index === Math.min(1, people.length - 1),
        updated: { at: updatedAt, by },
      });
      contacts.push(contact);
      companyContacts.push(contact);
    });

    companyContexts.push({
      company,
      companyType: type,
      taxCode: tax,
      contacts: companyContacts,
      inactive: status === companyStatus.inactive,
    });
  }
  return { companies, contacts, companyContexts };
}

function uniqueCompanyName(random: SeededRandom, taken: Set<string>): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const suffix = random.pick(COMPANY_SUFFIXES);
    const name = `${random.pick(COMPANY_PLACES)} ${random.pick(COMPANY_TRADES)}${suffix ? ` ${suffix}` : ''}`;
    if (!taken.has(name)) return name;
  }
  const base = `${random.pick(COMPANY_PLACES)} ${random.pick(COMPANY_TRADES)}`;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`)) return `${base} ${n}`;
}

/** "Blue Gum Logistics Pty Ltd" → "BlueGumLogistics" (Manage identifiers: ≤30 chars, docs/connectwise/records.md#companies). */
function identifierFromName(name: string): string {
  const words = name
    .replace(/\b(Pty Ltd|Group|Partners|Services|& Co)\b/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join('') || 'Company';
}

function uniqueIdentifier(base: string, maxLength: number, taken: Set<string>): string {
  let candidate = base.slice(0, maxLength);
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = String(n);
    candidate = base.slice(0, maxLength - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

// ---------------------------------------------------------------- tickets

function generateTickets(
  f: ManageRecordFactory,
  random: SeededRandom,
  setup: SetupTables,
  members: MemberRecord[],
  companyContexts: CompanyContext[],
  now: number,
  perCompany: number,
) {
  const { board: boards, priority, statusOf } = setup.named;
  const pickBoard = weightedPicker<BoardRecord>([
    [boards.serviceDesk, 70],
    [boards.fieldServices, 20],
    [boards.alerts, 10],
  ]);
  const pickPriority = weightedPicker([
    [priority.emergency, 3],
    [priority.quick, 17],
    [priority.normal, 65],
    [priority.scheduled, 15],
  ]);
  const pickOpenStatus = weightedPicker<BoardStatusName>([
    ['New', 20],
    ['In Progress', 40],
    ['Waiting on Client', 20],
    ['Scheduled', 10],
    ['Completed', 10],
  ]);
  const pickBillingMethod = weightedPicker<BillingMethod>([
    ['ActualRates', 90],
    ['FixedFee', 7],
    ['NotToExceed', 3],
  ]);
  const pickBillTime = weightedPicker<Billable>([
    ['Billable', 92],
    ['NoCharge', 5],
    ['DoNotBill', 3],
  ]);
  const technicians = members.filter((m) => !m.inactiveFlag && m.identifier !== 'admin');

  const tickets: TicketRecord[] = [];
  const ticketContexts: TicketContext[] = [];
  for (const ctx of companyContexts) {
    for (let t = 0; t < perCompany; t++) {
      const board = pickBoard(random);
      // A company that has left has only old, closed tickets.
      const opened = ctx.inactive
        ? random.dateBetween(now - 400 * DAY, now - 200 * DAY)
        : random.dateBetween(now - 180 * DAY, now - 2 * HOUR);
      const ageDays = (now - opened) / DAY;
      const closes = ctx.inactive || random.chance(ageDays > 14 ? 0.85 : ageDays > 3 ? 0.45 : 0.1);
      const closedAt = closes
        ? Math.min(now, opened + random.dateBetween(2 * HOUR, Math.max(2 * HOUR, Math.min(now - opened, 21 * DAY))))
        : undefined;
      const owner = random.pick(technicians);
      const billingMethod = pickBillingMethod(random);
      const ticket = f.ticket({
        id: 1001 + tickets.length,
        summary: random.pick(SUMMARIES_BY_BOARD[board.name]),
        board,
        status: statusOf(board, closes ? '>Closed' : pickOpenStatus(random)),
        company: ctx.company,
        contact: random.pick(ctx.contacts),
        priority: pickPriority(random),
        owner,
        billingMethod,
        billingAmount:
          billingMethod === 'FixedFee'
            ? random.pick([250, 450, 990])
            : billingMethod === 'NotToExceed'
              ? random.pick([500, 1000])
              : undefined,
        billTime: pickBillTime(random),
        location: setup.locations.find((l) => l.id === board.location?.id)!,
        department: setup.departments.find((d) => d.id === board.department?.id)!,
        closed: closedAt === undefined ? undefined : { at: closedAt, by: owner.identifier },
        entered: { at: opened, by: owner.identifier },
        updated: { at: closedAt ?? random.dateBetween(opened, now), by: owner.identifier },
      });
      tickets.push(ticket);
      ticketContexts.push({
        ticket,
        company: ctx.company,
        companyType: ctx.companyType,
        taxCode: ctx.taxCode,
        board,
        location: setup.locations.find((l) => l.id === board.location?.id)!,
        department: setup.departments.find((d) => d.id === board.department?.id)!,
        opened,
        workEnds: closedAt ?? now,
      });
    }
  }
  return { tickets, ticketContexts };
}

// ---------------------------------------------------------------- time entries

/**
 * Status by how long ago the work was done: recent time is still open or in approval,
 * month-old time is ready to bill or billed, older time is billed (docs/connectwise/billed-in-manage.md). Time
 * nobody will bill (DoNotBill) ends WrittenOff, as Manage's overnight task does (BI).
 */
const pickRecentStatus = weightedPicker<EntryStatus>([
  ['Open', 45],
  ['PendingApproval', 28],
  ['ApprovedByTierOne', 10],
  ['ReadyToBill', 12],
  ['Rejected', 3],
  ['ErrorsCorrected', 2],
]);
const pickMonthOldStatus = weightedPicker<EntryStatus>([
  ['Open', 4],
  ['PendingApproval', 8],
  ['ApprovedByTierOne', 12],
  ['ApprovedByTierTwo', 6],
  ['ReadyToBill', 38],
  ['Billed', 30],
  ['Rejected', 1],
  ['ErrorsCorrected', 1],
]);
const pickOldStatus = weightedPicker<EntryStatus>([
  ['ApprovedByTierTwo', 2],
  ['ReadyToBill', 6],
  ['Billed', 88],
  ['WrittenOff', 4],
]);
const pickOldUnbillableStatus = weightedPicker<EntryStatus>([
  ['ReadyToBill', 15],
  ['WrittenOff', 85],
]);

function statusForAge(random: SeededRandom, ageMs: number, billableOption: Billable): EntryStatus {
  if (ageMs <= 7 * DAY) return pickRecentStatus(random);
  if (billableOption === 'DoNotBill' && ageMs > 30 * DAY) return pickOldUnbillableStatus(random);
  const status = ageMs <= 30 * DAY ? pickMonthOldStatus(random) : pickOldStatus(random);
  // Do-not-bill time never reaches an invoice: where billable time would be Billed, it is written off.
  return billableOption === 'DoNotBill' && status === 'Billed' ? 'WrittenOff' : status;
}

/** When someone last touched an entry in this status, and who. */
function lastTouch(random: SeededRandom, status: EntryStatus, entered: number, now: number, enteredBy: string) {
  if (status === 'Open') return { at: entered, by: enteredBy };
  const days = status === 'Billed' || status === 'WrittenOff' ? random.int(7, 35) : random.int(0, 6);
  return { at: Math.min(now, entered + days * DAY + random.int(1, 480) * MINUTE), by: 'admin' };
}

function generateTimeEntries(
  f: ManageRecordFactory,
  random: SeededRandom,
  setup: SetupTables,
  members: MemberRecord[],
  tickets: TicketContext[],
  now: number,
  count: number,
): TimeEntryRecord[] {
  const entries: TimeEntryRecord[] = [];
  if (count === 0) return entries;
  const { workType, workRole } = setup.named;
  const pickWorkType = weightedPicker<WorkTypeRecord>([
    [workType.regular, 55],
    [workType.remote, 22],
    [workType.onsite, 8],
    [workType.afterHours, 7],
    [workType.travel, 4],
    [workType.internal, 3],
    [workType.emergency, 1],
  ]);
  const pickEntryBillable = weightedPicker<Billable>([
    ['Billable', 86],
    ['DoNotBill', 7],
    ['NoCharge', 5],
    ['NoDefault', 2],
  ]);
  const pickMinutes = weightedPicker<number>([
    [15, 20],
    [30, 25],
    [45, 15],
    [60, 15],
    [90, 10],
    [120, 8],
    [180, 5],
    [240, 2],
  ]);
  const activeMembers = members.filter((m) => !m.inactiveFlag && m.identifier !== 'admin');
  const pickMember = weightedPicker<MemberRecord>(members.map((m) => [m, m.identifier === 'admin' ? 0.2 : 1] as const));
  const inactiveSince = new Map(members.filter((m) => m.inactiveDate).map((m) => [m, Date.parse(m.inactiveDate!)]));
  const roleById = new Map(setup.workRoles.map((r) => [r.id, r]));
  // Edge case: Consultant × After Hours appears on this entry and no other.
  const singleUseAt = random.int(0, count - 1);

  for (let i = 0; i < count; i++) {
    const ctx = tickets[Math.floor(random.next() * tickets.length)];
    const type = i === singleUseAt ? workType.afterHours : pickWorkType(random);

    const [start, end] = workingWindow(
      random,
      type === workType.afterHours || type === workType.emergency,
      type === workType.onsite ? 60 : 0,
      pickMinutes(random),
      ctx.opened,
      ctx.workEnds,
    );

    let member = pickMember(random);
    const leftAt = inactiveSince.get(member);
    if (leftAt !== undefined && end > leftAt) member = activeMembers[Math.floor(random.next() * activeMembers.length)];
    let role = random.chance(0.75) ? (roleById.get(member.workRole?.id ?? 0) ?? workRole.technician) : random.pick(setup.workRoles);
    if (i === singleUseAt) role = workRole.consultant;
    else if (role === workRole.consultant && type === workType.afterHours) role = workRole.seniorEngineer;

    const billableOption: Billable =
      type.billTime !== 'Billable'
        ? (type.billTime ?? 'Billable')
        : ctx.ticket.billTime !== 'Billable'
          ? (ctx.ticket.billTime ?? 'Billable')
          : pickEntryBillable(random);
    const status = statusForAge(random, now - start, billableOption);
    const entered = Math.min(now, end + random.int(1, 90) * MINUTE);

    const entry = f.timeEntry({
      id: i + 1,
      ticket: ctx.ticket,
      board: ctx.board,
      company: ctx.company,
      companyType: ctx.companyType,
      member,
      workType: type,
      workRole: role,
      location: ctx.location,
      department: ctx.department,
      taxCode: ctx.taxCode,
      start,
      end,
      billableOption,
      status,
      notes: timeEntryNote(random),
      addToDetailDescriptionFlag: random.chance(0.7),
      addToInternalAnalysisFlag: random.chance(0.15),
      addToResolutionFlag: random.chance(0.1),
      entered: { at: entered, by: member.identifier },
      updated: lastTouch(random, status, entered, now, member.identifier),
    });
    entries.push(entry);
    f.addTimeToTicket(ctx.ticket, entry);
  }
  return entries;
}

/**
 * A start and end (epoch ms, 5-minute grid) inside [from, until]: business hours
 * 08:00–17:00 UTC on weekdays, or evenings 18:00–22:30 for after-hours work.
 */
function workingWindow(
  random: SeededRandom,
  afterHours: boolean,
  minMinutes: number,
  baseMinutes: number,
  from: number,
  until: number,
): [number, number] {
  let minutes = Math.max(5, minMinutes, baseMinutes + 5 * random.int(-2, 2));
  const day = Math.floor(random.dateBetween(from, until) / DAY) * DAY;
  const minuteOfDay = afterHours ? random.int(18 * 12, 22 * 12 + 6) * 5 : random.int(8 * 12, 17 * 12) * 5;
  let start = day + minuteOfDay * MINUTE;
  const span = Math.floor((until - from) / (5 * MINUTE)) * 5;
  if (minutes > span) minutes = Math.max(5, span);
  if (start < from) start = Math.ceil(from / (5 * MINUTE)) * 5 * MINUTE;
  if (start + minutes * MINUTE > until) start = Math.floor((until - minutes * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
  if (start < from) start = from;
  return [start, Math.min(until, start + minutes * MINUTE)];
}

function timeEntryNote(random: SeededRandom): string {
  const note = random.pick(TIME_NOTES);
  return random.chance(0.35) ? `${note} ${random.pick(TIME_NOTE_FOLLOW_UPS)}` : note;
}

// ---------------------------------------------------------------- expenses

function generateExpenses(
  f: ManageRecordFactory,
  random: SeededRandom,
  setup: SetupTables,
  members: MemberRecord[],
  tickets: TicketContext[],
  now: number,
  count: number,
): ExpenseEntryRecord[] {
  const { expenseType } = setup.named;
  const pickType = weightedPicker<ExpenseTypeRecord>([
    [expenseType.parking, 35],
    [expenseType.travel, 20],
    [expenseType.meals, 12],
    [expenseType.accommodation, 3],
    [expenseType.materials, 30],
  ]);
  const range = new Map<ExpenseTypeRecord, [number, number]>([
    [expenseType.parking, [800, 4500]],
    [expenseType.travel, [1800, 38000]],
    [expenseType.meals, [1200, 6500]],
    [expenseType.accommodation, [15000, 32000]],
    [expenseType.materials, [500, 25000]],
  ]);
  const pickBillable = weightedPicker<Billable>([
    ['Billable', 85],
    ['DoNotBill', 10],
    ['NoCharge', 5],
  ]);
  const technicians = members.filter((m) => !m.inactiveFlag && m.identifier !== 'admin');
  const expenses: ExpenseEntryRecord[] = [];
  for (let i = 0; i < count; i++) {
    const ctx = tickets[Math.floor(random.next() * tickets.length)];
    const type = pickType(random);
    const [low, high] = range.get(type)!;
    const date = Math.floor(random.dateBetween(ctx.opened, ctx.workEnds) / DAY) * DAY;
    const member = random.pick(technicians);
    const billableOption = ctx.ticket.billExpenses !== 'Billable' ? (ctx.ticket.billExpenses ?? 'Billable') : pickBillable(random);
    const status = statusForAge(random, now - date, billableOption);
    const entered = Math.min(now, date + random.int(9 * 60, 20 * 60) * MINUTE);
    expenses.push(
      f.expenseEntry({
        id: i + 1,
        ticket: ctx.ticket,
        company: ctx.company,
        type,
        member,
        amount: random.int(low, high) / 100,
        billableOption,
        date,
        location: ctx.location,
        department: ctx.department,
        notes: random.pick(EXPENSE_NOTES[type.name]),
        status,
        updated: lastTouch(random, status, entered, now, member.identifier),
      }),
    );
  }
  return expenses;
}

// ---------------------------------------------------------------- products

function generateProducts(
  f: ManageRecordFactory,
  random: SeededRandom,
  setup: SetupTables,
  members: MemberRecord[],
  tickets: TicketContext[],
  companies: CompanyContext[],
  now: number,
  count: number,
): ProductRecord[] {
  const { catalogItem, location, department } = setup.named;
  const singleUseItem = catalogItem('ZEBRA-ZD421');
  const pickItem = weightedPicker<CatalogItemRecord>([
    [catalogItem('DELL-LAT5450'), 14],
    [catalogItem('DELL-P2425H'), 16],
    [catalogItem('HP-M479FDW'), 5],
    [catalogItem('UBNT-U6-PRO'), 8],
    [catalogItem('MS-SURFACE-DOCK2'), 6],
    [catalogItem('LOGI-MK540'), 12],
    [catalogItem('APC-BX1400'), 5],
    [catalogItem('SAMSUNG-T7-1TB'), 6],
    [catalogItem('YUBIKEY-5-NFC'), 8],
    [catalogItem('Service - Fixed Fee'), 8],
    [catalogItem('SVC-NEW-PC'), 12],
  ]);
  const pickBillable = weightedPicker<ProductBillable>([
    ['Billable', 88],
    ['DoNotBill', 6],
    ['NoCharge', 6],
  ]);
  const technicians = members.filter((m) => !m.inactiveFlag);
  const singleUseAt = count > 0 ? random.int(0, count - 1) : -1;
  const sequenceByTicket = new Map<number, number>();
  const products: ProductRecord[] = [];

  for (let i = 0; i < count; i++) {
    const onTicket = tickets.length > 0 && random.chance(0.8);
    const ctx = onTicket ? tickets[Math.floor(random.next() * tickets.length)] : undefined;
    const owner = ctx ? undefined : companies[Math.floor(random.next() * companies.length)];
    const item = i === singleUseAt ? singleUseItem : pickItem(random);
    const quantity = item.productClass === 'Service' ? 1 : random.pick([1, 1, 1, 1, 2, 2, 3, 4, 5, 10]);
    const sequenceNumber = ctx ? (sequenceByTicket.get(ctx.ticket.id) ?? 0) + 1 : 1;
    if (ctx) sequenceByTicket.set(ctx.ticket.id, sequenceNumber);
    const at = ctx ? random.dateBetween(ctx.opened, ctx.workEnds) : random.dateBetween(now - 120 * DAY, now);
    const by = random.pick(technicians);
    const cancelled = random.chance(0.06)
      ? {
          quantity: quantity > 1 && random.chance(0.4) ? Math.floor(quantity / 2) : quantity,
          reason: random.pick(CANCEL_REASONS),
          by,
          at: Math.min(now, at + random.int(1, 10) * DAY),
        }
      : undefined;
    products.push(
      f.product({
        id: i + 1,
        catalogItem: item,
        company: ctx?.company ?? owner!.company,
        ticket: ctx?.ticket,
        sequenceNumber,
        quantity,
        billableOption:
          ctx && ctx.ticket.billProducts !== 'Billable' && ctx.ticket.billProducts !== 'NoDefault'
            ? (ctx.ticket.billProducts ?? 'Billable')
            : pickBillable(random),
        priceMethod: 'FlatRateForRange',
        location: ctx?.location ?? location.sydney,
        department: ctx?.department ?? department.service,
        taxCode: ctx?.taxCode ?? owner!.taxCode,
        cancelled,
        updated: { at: cancelled?.at ?? at, by: (cancelled?.by ?? by).identifier },
      }),
    );
  }
  return products;
}

// ---------------------------------------------------------------- agreements

function generateAgreements(
  f: ManageRecordFactory,
  random: SeededRandom,
  setup: SetupTables,
  companies: CompanyContext[],
  now: number,
  count: number,
) {
  const { agreementType, catalogItem, location, department } = setup.named;
  const agreements: AgreementRecord[] = [];
  const agreementAdditions: AgreementAdditionRecord[] = [];
  const chosen = random
    .shuffle(companies.map((_, index) => index))
    .slice(0, count)
    .sort((a, b) => a - b);

  for (const index of chosen) {
    const ctx = companies[index];
    const type = random.chance(0.8) ? agreementType.managed : agreementType.licensing;
    const start = firstOfMonth(now - random.int(30, 1100) * DAY);
    const cancelled =
      ctx.inactive || random.chance(0.05)
        ? { at: Math.min(now, start + random.int(60, 700) * DAY), reason: random.pick(AGREEMENT_CANCEL_REASONS) }
        : undefined;
    const agreement = f.agreement({
      id: agreements.length + 1,
      name: type === agreementType.managed ? 'Managed Services Agreement' : 'Microsoft 365 Licensing',
      type,
      company: ctx.company,
      contact: ctx.contacts[0],
      location: location.sydney,
      department: department.managed,
      taxCode: ctx.taxCode,
      start,
      billAmount: type === agreementType.managed ? random.pick([0, 450, 990, 1500, 2500]) : 0,
      cancelled,
      entered: { at: start - random.int(1, 20) * DAY, by: 'admin' },
      updated: { at: cancelled?.at ?? Math.min(now, start + random.int(0, 300) * DAY), by: 'admin' },
    });
    agreements.push(agreement);

    const lines: [CatalogItemRecord, number][] =
      type === agreementType.managed ? [[catalogItem('MSP-RMM'), random.int(5, 80)]] : [[catalogItem('M365-BP'), random.int(3, 60)]];
    if (type === agreementType.managed && random.chance(0.5)) lines.push([catalogItem('MSP-BACKUP'), random.int(1, 4)]);
    if (type === agreementType.managed && random.chance(0.6)) lines.push([catalogItem('MSP-EDR'), random.int(5, 80)]);
    if (type === agreementType.licensing && random.chance(0.5)) lines.push([catalogItem('M365-BB'), random.int(1, 20)]);
    lines.forEach(([item, quantity], line) => {
      const effective = random.chance(0.7) ? start : firstOfMonth(random.dateBetween(start, Math.max(start, now - 30 * DAY)));
      agreementAdditions.push(
        f.agreementAddition({
          id: agreementAdditions.length + 1,
          agreement,
          catalogItem: item,
          quantity,
          unitPrice: random.chance(0.15) ? Math.round((item.price ?? 0) * 90) / 100 : (item.price ?? 0),
          sequenceNumber: line + 1,
          billCustomer: random.chance(0.95) ? 'Billable' : 'NoCharge',
          effective,
          cancelled: cancelled ? cancelled.at : random.chance(0.05) ? Math.min(now, effective + random.int(30, 300) * DAY) : undefined,
          updated: { at: Math.min(now, effective + random.int(0, 200) * DAY), by: 'admin' },
        }),
      );
    });
  }
  return { agreements, agreementAdditions };
}

function firstOfMonth(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

// ---------------------------------------------------------------- helpers

function wholeNumber(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

function toEpochMs(value: Date | string | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`now is not a valid date: ${String(value)}`);
  return Math.floor(ms / 1000) * 1000;
}

// ---------------------------------------------------------------- word lists

const FIRST_NAMES = [
  'Olivia',
  'Liam',
  'Charlotte',
  'Noah',
  'Amelia',
  'Jack',
  'Isla',
  'William',
  'Mia',
  'Oliver',
  'Ava',
  'Lucas',
  'Grace',
  'Thomas',
  'Chloe',
  'James',
  'Zoe',
  'Ethan',
  'Ruby',
  'Henry',
  'Sophie',
  'Leo',
  'Harper',
  'Mason',
  'Ella',
  'Samuel',
  'Priya',
  'Daniel',
  'Mei',
  'Arjun',
  'Hannah',
  'Lachlan',
  'Emily',
  'Cooper',
  'Georgia',
  'Riley',
  'Matilda',
  'Hamish',
  'Aisha',
  'Connor',
  'Sienna',
  'Tariq',
  'Lily',
  'Ben',
];
const LAST_NAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Brown',
  'Wilson',
  'Taylor',
  'Johnson',
  'White',
  'Martin',
  'Anderson',
  'Thompson',
  'Nguyen',
  'Thomas',
  'Walker',
  'Harris',
  'Lee',
  'Ryan',
  'Robinson',
  'Kelly',
  'King',
  'Davis',
  'Wright',
  'Evans',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Chen',
  'Singh',
  'Kowalski',
  'Papadopoulos',
  'Rossi',
  'Murphy',
  "O'Connor",
  'McDonald',
  'Tran',
  'Khan',
];
const OWNER_TITLES = ['Managing Director', 'Practice Manager', 'Owner', 'General Manager', 'Director', 'Operations Manager'];
const STAFF_TITLES = [
  'Office Manager',
  'Accounts Payable',
  'Receptionist',
  'Finance Manager',
  'Bookkeeper',
  'Team Leader',
  'Administration',
];
const COMPANY_PLACES = [
  'Harbourside',
  'Blue Gum',
  'Redfern',
  'Ironbark',
  'Coastal',
  'Summit',
  'Northshore',
  'Riverbend',
  'Wattle',
  'Granite',
  'Kingsford',
  'Parkview',
  'Southern Cross',
  'Bayside',
  'Highland',
  'Lakeside',
  'Westgate',
  'Eastwood',
  'Silver Oak',
  'Sandstone',
  'Bondi',
  'Pacific',
  'Macquarie',
  'Cedar',
  'Banksia',
  'Jacaranda',
  'Horizon',
  'Meridian',
  'Pinnacle',
  'Sterling',
];
const COMPANY_TRADES = [
  'Dental',
  'Logistics',
  'Legal',
  'Accounting',
  'Engineering',
  'Medical Centre',
  'Architects',
  'Plumbing',
  'Electrical',
  'Realty',
  'Veterinary Clinic',
  'Pharmacy',
  'Freight',
  'Construction',
  'Financial Planning',
  'Physiotherapy',
  'Printing',
  'Catering',
  'Motors',
  'Landscaping',
  'Childcare',
  'Consulting',
  'Insurance Brokers',
  'Joinery',
  'Optometrists',
];
const COMPANY_SUFFIXES = ['Pty Ltd', 'Pty Ltd', '', 'Group', '& Co', 'Partners', 'Services'];
const STREETS = [
  'George St',
  'Pitt St',
  'Collins St',
  'Queen St',
  'Church St',
  'High St',
  'Victoria Rd',
  'Pacific Hwy',
  'King St',
  'Albert Rd',
  'Station St',
  'Military Rd',
];
const CITIES: readonly (readonly [string, string, string])[] = [
  ['Sydney', 'NSW', '2000'],
  ['Parramatta', 'NSW', '2150'],
  ['Newcastle', 'NSW', '2300'],
  ['Chatswood', 'NSW', '2067'],
  ['Melbourne', 'VIC', '3000'],
  ['Geelong', 'VIC', '3220'],
  ['Brisbane', 'QLD', '4000'],
  ['Gold Coast', 'QLD', '4217'],
  ['Perth', 'WA', '6000'],
  ['Adelaide', 'SA', '5000'],
  ['Hobart', 'TAS', '7000'],
  ['Canberra', 'ACT', '2600'],
];
const AREA_CODE: Record<string, string> = { NSW: '(02)', ACT: '(02)', VIC: '(03)', TAS: '(03)', QLD: '(07)', WA: '(08)', SA: '(08)' };

const SUMMARIES_BY_BOARD: Record<string, readonly string[]> = {
  'Service Desk': [
    'Outlook keeps prompting for password',
    'New starter account setup',
    'Printer offline in reception',
    'Cannot access shared drive',
    'MFA reset request',
    'Laptop running slow',
    'Teams calls dropping audio',
    'OneDrive not syncing',
    'Password reset',
    'Email bouncing to external domain',
    'VPN will not connect from home',
    'Scan to email not working',
    'Leaver - disable account and archive mailbox',
    'Install Adobe Acrobat Pro',
    'Phishing email reported by staff',
    'Mailbox full',
    'Excel crashes when opening shared workbook',
    'Wi-Fi dropping in boardroom',
    'Request for second monitor',
    'Calendar permissions for EA',
  ],
  'Field Services': [
    'Onsite - replace failed UPS battery',
    'Install new access points',
    'Office relocation - patch network',
    'Deploy new laptops',
    'Replace faulty switch in comms cabinet',
    'Onsite - printer jam and maintenance',
    'Cabling for new desks',
    'Comms room tidy and labelling',
  ],
  Alerts: [
    'Backup job failed on FS01',
    'Disk space low on SQL01',
    'Server offline - DC01',
    'Antivirus threat quarantined',
    'High CPU on RDS01',
    'Windows updates failed on 4 devices',
    'Certificate expiring on mail gateway',
    'Firewall WAN link down',
  ],
};

const TIME_NOTES = [
  'Remoted in and reviewed the event logs.',
  'Called the user to confirm the issue and gather details.',
  'Reset the password and confirmed sign-in with the user.',
  'Cleared cached credentials in Credential Manager and re-added the account.',
  'Rebuilt the Outlook profile; mail syncing again.',
  'Updated the printer driver and restarted the print spooler.',
  'Checked switch port status and replaced the patch lead.',
  'Applied pending Windows updates and rebooted after hours.',
  'Expanded the data volume by 50 GB and confirmed free space.',
  'Reran the failed backup job; completed successfully.',
  'Quarantined file reviewed - false positive, added exclusion.',
  'Re-registered the device in Intune and synced policies.',
  'Configured the new mailbox and shared calendar permissions.',
  'Disabled the account, converted the mailbox to shared and removed licences.',
  'Installed and activated the application for the user.',
  'Travelled to site.',
  'Onsite: swapped the failed unit and tested.',
  'Patched new desks into the switch and tested each port.',
  'Investigated high CPU - a runaway process was killed and the service restarted.',
  'Renewed the certificate and bound it to the service.',
  'Escalated to the ISP with the test results; awaiting their reply.',
  'Spoke with the vendor; firmware update applied.',
  'Reviewed the phishing email headers, blocked the sender and purged from mailboxes.',
  'Reset MFA methods and walked the user through re-registration.',
  'Imaged and enrolled the new laptop; migrated user data.',
  'Followed up with the client - confirmed resolved, closing ticket.',
  'Documented the change in IT Glue.',
  'Internal: reviewed the alert thresholds for this client.',
];
const TIME_NOTE_FOLLOW_UPS = [
  'User confirmed all working.',
  'Will monitor over the next 24 hours.',
  'Waiting on the client to test.',
  'Scheduled follow-up for tomorrow.',
  'No further action needed.',
  'Advised the user to restart at end of day.',
];

const EXPENSE_NOTES: Record<string, readonly string[]> = {
  Parking: ['Parking - Wilson car park', 'Street parking - meter', 'Parking at client site, 3 hours'],
  Travel: ['Taxi to client site', 'Return flights for onsite visit', 'Uber from airport to client'],
  Meals: ['Lunch during onsite install', 'Dinner - after-hours cutover'],
  Accommodation: ['Hotel - one night for regional onsite'],
  Materials: ['Patch leads and cable ties', 'Replacement UPS battery', 'Rack shelf and screws', 'Toner cartridge for urgent print job'],
};

const CANCEL_REASONS = ['Not needed', 'Client changed their mind', 'Ordered in error', 'Supplier out of stock', 'Duplicate line'];
const AGREEMENT_CANCEL_REASONS = ['Client moved to another provider', 'Business closed', 'Replaced by new agreement'];
