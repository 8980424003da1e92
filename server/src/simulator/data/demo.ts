/**
 * The demo site: a small, hand-written Manage data set that reads like a real MSP's
 * June. Six clients, five members (`admin`, `jsmith`, …), four work types, three work
 * roles, ten service tickets (ids 1001–1010) with three to six time entries each, a
 * few expenses, products and agreements. Ticket 1001 (Contoso Pty Ltd) carries time
 * of every kind a billing pod must show: billable, no-charge, do-not-bill, after hours.
 *
 * Records are built by the same factory as the generator (manage-records.ts), so the
 * demo has exactly the shapes Manage returns. Nothing here is random.
 */
import {
  ManageRecordFactory,
  type AgreementAdditionRecord,
  type AgreementRecord,
  type CatalogItemRecord,
  type CompanyRecord,
  type CompanyStatusRecord,
  type CompanyTypeRecord,
  type ContactRecord,
  type EntryStatus,
  type ExpenseEntryRecord,
  type ExpenseTypeRecord,
  type ManageDataset,
  type MemberRecord,
  type ProductRecord,
  type TaxCodeRecord,
  type TicketRecord,
  type TimeEntryRecord,
  type WorkRoleRecord,
  type WorkTypeRecord,
} from './manage-records.js';
import { buildSetupTables, type BoardStatusName } from './setup-tables.js';

export interface DemoDatasetOptions {
  /** Prefix of every href (default https://cw.example.com/v4_6_release/apis/3.0). */
  apiBaseUrl?: string;
  /**
   * The site's "now" (default DEMO_NOW). Every date of the demo moves by the whole weeks
   * that bring DEMO_NOW closest to it without passing it: the same story, on the same
   * weekdays and times, in the weeks before this day.
   */
  now?: Date | string | number;
}

/** The demo site's "now": every date in the demo is before it. */
export const DEMO_NOW = '2026-06-30T12:00:00Z';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const WEEK = 7 * DAY;

/** '2026-06-22 09:10' (UTC) → epoch ms, before the demo is moved (see DemoDatasetOptions.now). */
const demoTime = (text: string): number => Date.parse(`${text.replace(' ', 'T')}:00Z`);

/** How far the demo's dates move for `now`: whole weeks, so DEMO_NOW + shift <= now. */
export function demoShiftMs(now: Date | string | number = DEMO_NOW): number {
  const target = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(target)) throw new RangeError(`demo "now" is not a date: ${String(now)}`);
  return Math.floor((target - Date.parse(DEMO_NOW)) / WEEK) * WEEK;
}

type Billable = 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault';
type MemberId = 'admin' | 'jsmith' | 'mchen' | 'pnatarajan' | 'tkowalski';
type WorkTypeName = 'Regular' | 'After Hours' | 'Remote Support' | 'Onsite';
type WorkRoleName = 'Help Desk' | 'Technician' | 'Senior Engineer';

const DEMO_MEMBERS: readonly {
  id: number;
  identifier: MemberId;
  firstName: string;
  lastName: string;
  title: string;
  role: WorkRoleName;
  hourlyCost: number;
  hired: string;
}[] = [
  {
    id: 150,
    identifier: 'admin',
    firstName: 'Alex',
    lastName: 'Walker',
    title: 'Service Manager',
    role: 'Senior Engineer',
    hourlyCost: 68,
    hired: '2019-02-04 00:00',
  },
  {
    id: 151,
    identifier: 'jsmith',
    firstName: 'John',
    lastName: 'Smith',
    title: 'Senior Systems Engineer',
    role: 'Senior Engineer',
    hourlyCost: 72,
    hired: '2020-08-17 00:00',
  },
  {
    id: 152,
    identifier: 'mchen',
    firstName: 'Mei',
    lastName: 'Chen',
    title: 'IT Technician',
    role: 'Technician',
    hourlyCost: 55,
    hired: '2022-03-07 00:00',
  },
  {
    id: 153,
    identifier: 'pnatarajan',
    firstName: 'Priya',
    lastName: 'Natarajan',
    title: 'Service Desk Analyst',
    role: 'Help Desk',
    hourlyCost: 42,
    hired: '2024-01-15 00:00',
  },
  {
    id: 154,
    identifier: 'tkowalski',
    firstName: 'Tom',
    lastName: 'Kowalski',
    title: 'Field Technician',
    role: 'Technician',
    hourlyCost: 52,
    hired: '2023-05-22 00:00',
  },
];

interface DemoContact {
  firstName: string;
  lastName: string;
  title: string;
  /** Omitted for a contact Manage has no email for. */
  email?: string;
  phone: string;
}

const DEMO_COMPANIES: readonly {
  id: number;
  identifier: string;
  name: string;
  address: [line1: string, city: string, state: string, zip: string];
  phone: string;
  website: string;
  status?: 'Active' | 'Credit Hold';
  type?: 'Client' | 'Partner';
  taxCode?: 'GST' | 'FRE';
  employees: number;
  since: string;
  contacts: readonly DemoContact[];
}[] = [
  {
    id: 250,
    identifier: 'Contoso',
    name: 'Contoso Pty Ltd',
    address: ['Level 4, 100 George St', 'Sydney', 'NSW', '2000'],
    phone: '(02) 9251 4400',
    website: 'www.contoso.com.au',
    employees: 25,
    since: '2021-03-01 09:00',
    contacts: [
      {
        firstName: 'Sarah',
        lastName: 'Mitchell',
        title: 'Managing Director',
        email: 'sarah.mitchell@contoso.com.au',
        phone: '(02) 9251 4401',
      },
      { firstName: 'David', lastName: 'Nguyen', title: 'Office Manager', email: 'david.nguyen@contoso.com.au', phone: '(02) 9251 4402' },
      { firstName: 'Emma', lastName: 'Clarke', title: 'Receptionist', email: 'reception@contoso.com.au', phone: '(02) 9251 4400' },
    ],
  },
  {
    id: 251,
    identifier: 'NorthwindTraders',
    name: 'Northwind Traders',
    address: ['18 Station St', 'Melbourne', 'VIC', '3000'],
    phone: '(03) 9600 1200',
    website: 'www.northwindtraders.com.au',
    employees: 40,
    since: '2019-11-12 10:30',
    contacts: [
      {
        firstName: 'Michael',
        lastName: 'Brown',
        title: 'Director',
        email: 'michael.brown@northwindtraders.com.au',
        phone: '(03) 9600 1201',
      },
      {
        firstName: 'Lisa',
        lastName: 'Tran',
        title: 'Accounts Payable',
        email: 'accounts@northwindtraders.com.au',
        phone: '(03) 9600 1210',
      },
    ],
  },
  {
    id: 252,
    identifier: 'FabrikamDental',
    name: 'Fabrikam Dental Group',
    address: ['3/55 Church St', 'Parramatta', 'NSW', '2150'],
    phone: '(02) 9635 7788',
    website: 'www.fabrikamdental.com.au',
    employees: 18,
    since: '2022-06-20 14:00',
    contacts: [
      {
        firstName: 'Anika',
        lastName: 'Patel',
        title: 'Practice Manager',
        email: 'anika.patel@fabrikamdental.com.au',
        phone: '(02) 9635 7781',
      },
      { firstName: 'Ben', lastName: 'Hall', title: 'Dentist', email: 'ben.hall@fabrikamdental.com.au', phone: '(02) 9635 7782' },
      { firstName: 'Grace', lastName: 'Wood', title: 'Receptionist', email: 'frontdesk@fabrikamdental.com.au', phone: '(02) 9635 7788' },
    ],
  },
  {
    // A name with an apostrophe, an ampersand and double quotes: escaping in conditions, CSV and HTML.
    id: 253,
    identifier: 'OBrienSonsPlumbing',
    name: `O'Brien & Sons "Premium" Plumbing`,
    address: ['7 Industrial Ave', 'Brisbane', 'QLD', '4000'],
    phone: '(07) 3355 9012',
    website: 'www.obrienplumbing.com.au',
    employees: 8,
    since: '2023-09-04 08:15',
    status: 'Credit Hold',
    contacts: [
      { firstName: 'Patrick', lastName: "O'Brien", title: 'Owner', email: 'pat@obrienplumbing.com.au', phone: '0412 555 019' },
      // No email address: billing must fall back to the company or the default contact.
      { firstName: 'Sean', lastName: 'Murphy', title: 'Site Foreman', phone: '0413 555 102' },
    ],
  },
  {
    id: 254,
    identifier: 'BlueGumAccounting',
    name: 'Blue Gum Accounting',
    address: ['22 Elizabeth St', 'Hobart', 'TAS', '7000'],
    phone: '(03) 6231 4545',
    website: 'www.bluegumaccounting.com.au',
    employees: 12,
    since: '2020-01-20 11:00',
    type: 'Partner',
    contacts: [
      { firstName: 'Rachel', lastName: 'Green', title: 'Partner', email: 'rachel@bluegumaccounting.com.au', phone: '(03) 6231 4546' },
      { firstName: 'Tom', lastName: 'Evans', title: 'Office Manager', email: 'tom@bluegumaccounting.com.au', phone: '(03) 6231 4547' },
    ],
  },
  {
    id: 255,
    identifier: 'HarbourviewMedical',
    name: 'Harbourview Medical Centre',
    address: ['140 Hunter St', 'Newcastle', 'NSW', '2300'],
    phone: '(02) 4926 3300',
    website: 'www.harbourviewmedical.com.au',
    employees: 30,
    since: '2018-05-14 09:45',
    taxCode: 'FRE',
    contacts: [
      { firstName: 'James', lastName: 'Lee', title: 'Principal GP', email: 'james.lee@harbourviewmedical.com.au', phone: '(02) 4926 3301' },
      {
        firstName: 'Olivia',
        lastName: 'King',
        title: 'Practice Manager',
        email: 'olivia.king@harbourviewmedical.com.au',
        phone: '(02) 4926 3302',
      },
      { firstName: 'Noah', lastName: 'Wilson', title: 'Reception', email: 'reception@harbourviewmedical.com.au', phone: '(02) 4926 3300' },
    ],
  },
];

/** [member, work type, start (UTC), minutes, billable option, status, notes, work role if not the member's own] */
type DemoEntry = [MemberId, WorkTypeName, string, number, Billable, EntryStatus, string, WorkRoleName?];

const DEMO_TICKETS: readonly {
  id: number;
  company: string;
  contact: string;
  summary: string;
  board: 'Service Desk' | 'Field Services' | 'Alerts';
  status: BoardStatusName;
  owner: MemberId;
  opened: string;
  billingMethod?: 'ActualRates' | 'FixedFee';
  billingAmount?: number;
  entries: readonly DemoEntry[];
}[] = [
  {
    id: 1001,
    company: 'Contoso',
    contact: 'Sarah Mitchell',
    summary: 'Outlook not syncing on MD laptop',
    board: 'Service Desk',
    status: 'In Progress',
    owner: 'jsmith',
    opened: '2026-06-22 08:40',
    entries: [
      [
        'jsmith',
        'Regular',
        '2026-06-22 09:10',
        45,
        'Billable',
        'ReadyToBill',
        "Remoted in to Sarah's laptop. Outlook stuck on 'Updating Inbox'; the OST was corrupt. Rebuilt the Outlook profile and let it resync.",
      ],
      [
        'jsmith',
        'Remote Support',
        '2026-06-22 14:00',
        20,
        'NoCharge',
        'ReadyToBill',
        "Follow-up call: mail flowing again. No charge - caused by last week's Office update we pushed.",
      ],
      [
        'mchen',
        'Regular',
        '2026-06-23 10:00',
        90,
        'Billable',
        'ApprovedByTierOne',
        'Mailbox at 49.5 GB of 50 GB. Enabled the online archive and moved 2019-2022 items into it. Mailbox now at 21 GB.',
      ],
      [
        'jsmith',
        'After Hours',
        '2026-06-24 19:30',
        40,
        'Billable',
        'PendingApproval',
        'After hours (requested by Sarah): ran the mailbox repair while she was offline. Confirmed sync on laptop and phone.',
      ],
      [
        'pnatarajan',
        'Regular',
        '2026-06-25 09:00',
        10,
        'DoNotBill',
        'Open',
        'Internal: documented the archiving policy for Contoso in IT Glue.',
      ],
    ],
  },
  {
    id: 1002,
    company: 'Contoso',
    contact: 'David Nguyen',
    summary: 'New starter - Liam Scott (Accounts)',
    board: 'Service Desk',
    status: 'Completed',
    owner: 'pnatarajan',
    opened: '2026-06-10 11:05',
    entries: [
      [
        'pnatarajan',
        'Regular',
        '2026-06-11 09:30',
        45,
        'Billable',
        'Billed',
        'Created the Microsoft 365 account, assigned Business Premium, added to Accounts and All Staff groups.',
      ],
      [
        'mchen',
        'Regular',
        '2026-06-12 13:00',
        120,
        'Billable',
        'Billed',
        'Imaged the new Latitude 5450, enrolled it in Intune and installed MYOB and the printer.',
      ],
      [
        'mchen',
        'Remote Support',
        '2026-06-15 08:45',
        30,
        'Billable',
        'ReadyToBill',
        "Liam's first day: MFA registration and a walk-through of Teams and OneDrive.",
      ],
    ],
  },
  {
    id: 1003,
    company: 'NorthwindTraders',
    contact: 'Michael Brown',
    summary: 'Onsite - replace failed UPS in comms cabinet',
    board: 'Field Services',
    status: '>Closed',
    owner: 'tkowalski',
    opened: '2026-06-03 07:50',
    entries: [
      [
        'tkowalski',
        'Regular',
        '2026-06-03 08:05',
        25,
        'Billable',
        'Billed',
        'UPS alarming and on bypass. Confirmed the battery has failed; quoted a replacement unit.',
      ],
      [
        'tkowalski',
        'Onsite',
        '2026-06-05 10:00',
        95,
        'Billable',
        'Billed',
        'Onsite: installed the new APC 1400VA, moved the switch and firewall onto it, tested a power-cut failover.',
      ],
      [
        'tkowalski',
        'Regular',
        '2026-06-05 12:00',
        15,
        'Billable',
        'Billed',
        'Installed PowerChute and configured email alerts to the service desk.',
      ],
      ['admin', 'Regular', '2026-06-08 09:00', 10, 'DoNotBill', 'WrittenOff', 'Reviewed the job and closed the ticket.'],
    ],
  },
  {
    id: 1004,
    company: 'NorthwindTraders',
    contact: 'Lisa Tran',
    summary: 'Outlook keeps prompting for password',
    board: 'Service Desk',
    status: '>Closed',
    owner: 'pnatarajan',
    opened: '2026-06-01 09:12',
    entries: [
      [
        'pnatarajan',
        'Remote Support',
        '2026-06-01 09:20',
        15,
        'Billable',
        'Billed',
        'Cleared cached credentials in Credential Manager; the prompt returned after a restart.',
      ],
      [
        'mchen',
        'Remote Support',
        '2026-06-01 11:00',
        35,
        'Billable',
        'Billed',
        'Found a stale conditional access session. Revoked the sessions and re-registered the device in Entra ID.',
      ],
      ['mchen', 'Remote Support', '2026-06-02 09:05', 5, 'NoCharge', 'Billed', 'Checked in with Lisa - no more prompts. Closing.'],
    ],
  },
  {
    id: 1005,
    company: 'FabrikamDental',
    contact: 'Anika Patel',
    summary: 'Backup job failed on FS01',
    board: 'Alerts',
    status: '>Closed',
    owner: 'mchen',
    opened: '2026-06-09 02:14',
    entries: [
      [
        'mchen',
        'Remote Support',
        '2026-06-09 08:30',
        30,
        'Billable',
        'Billed',
        'Backup failed with VSS error 0x8004230F. Restarted the VSS writers and reran the job - completed.',
      ],
      [
        'mchen',
        'Remote Support',
        '2026-06-10 08:15',
        15,
        'Billable',
        'ReadyToBill',
        'Overnight backup completed. Test-restored a patient-letter folder to confirm.',
      ],
      [
        'jsmith',
        'Regular',
        '2026-06-10 16:00',
        30,
        'DoNotBill',
        'ReadyToBill',
        'Internal review: added a VSS health check to the monitoring policy for all clients.',
      ],
    ],
  },
  {
    id: 1006,
    company: 'FabrikamDental',
    contact: 'Ben Hall',
    summary: 'Wi-Fi dropping in surgery 3',
    board: 'Field Services',
    status: 'Scheduled',
    owner: 'tkowalski',
    opened: '2026-06-17 12:30',
    entries: [
      [
        'pnatarajan',
        'Remote Support',
        '2026-06-17 12:45',
        20,
        'Billable',
        'ApprovedByTierOne',
        'Controller shows surgery 3 clients roaming to the AP in the car park. Adjusted transmit power.',
      ],
      [
        'tkowalski',
        'Onsite',
        '2026-06-19 14:00',
        60,
        'Billable',
        'PendingApproval',
        'Onsite site survey: dead spot behind the X-ray room wall. Recommended two extra U6 Pro access points.',
      ],
      [
        'tkowalski',
        'Onsite',
        '2026-06-26 08:00',
        150,
        'Billable',
        'Open',
        'Installed and adopted two U6 Pro APs, updated the channel plan, tested roaming between surgeries.',
      ],
      ['tkowalski', 'Regular', '2026-06-26 10:40', 20, 'NoCharge', 'Open', 'Travel back to the office - not charged (within metro area).'],
    ],
  },
  {
    id: 1007,
    company: 'OBrienSonsPlumbing',
    contact: 'Sean Murphy',
    summary: 'Cannot access shared drive from site office',
    board: 'Service Desk',
    status: 'Waiting on Client',
    owner: 'mchen',
    opened: '2026-06-18 07:05',
    entries: [
      [
        'mchen',
        'Remote Support',
        '2026-06-18 07:30',
        25,
        'Billable',
        'PendingApproval',
        "Site office laptop can't reach the NAS over the VPN. The VPN client is out of date; updated it.",
      ],
      [
        'mchen',
        'Remote Support',
        '2026-06-19 08:00',
        15,
        'Billable',
        'PendingApproval',
        'Mapped drive reconnects but drops after 10 minutes. Asked Sean to test from the other site.',
      ],
      [
        'pnatarajan',
        'Regular',
        '2026-06-24 09:30',
        5,
        'Billable',
        'Open',
        'Left a voicemail for Sean (no email on file) asking for a test result.',
      ],
    ],
  },
  {
    id: 1008,
    company: 'OBrienSonsPlumbing',
    contact: "Patrick O'Brien",
    summary: 'Phishing email reported by staff',
    board: 'Service Desk',
    status: '>Closed',
    owner: 'jsmith',
    opened: '2026-06-04 15:20',
    billingMethod: 'FixedFee',
    billingAmount: 250,
    entries: [
      [
        'jsmith',
        'Remote Support',
        '2026-06-04 15:30',
        30,
        'Billable',
        'Billed',
        'Reviewed the headers: credential-harvesting link. Blocked the sender domain and purged the message from all mailboxes.',
      ],
      [
        'jsmith',
        'Remote Support',
        '2026-06-04 16:05',
        25,
        'Billable',
        'Billed',
        'One user clicked the link: reset the password, revoked sessions and checked the sign-in logs. No sign-in from the attacker.',
      ],
      [
        'jsmith',
        'Regular',
        '2026-06-05 09:00',
        15,
        'Billable',
        'Billed',
        'Sent Patrick a summary and a short phishing-awareness note for the team.',
      ],
    ],
  },
  {
    id: 1009,
    company: 'BlueGumAccounting',
    contact: 'Rachel Green',
    summary: 'End of financial year - MYOB server update',
    board: 'Service Desk',
    status: 'In Progress',
    owner: 'jsmith',
    opened: '2026-06-15 10:00',
    entries: [
      [
        'jsmith',
        'Regular',
        '2026-06-16 10:00',
        30,
        'Billable',
        'ApprovedByTierOne',
        'Checked the MYOB AccountRight release notes and the server prerequisites with Rachel.',
      ],
      [
        'jsmith',
        'After Hours',
        '2026-06-27 18:30',
        105,
        'Billable',
        'Open',
        'After hours: backed up the company files, upgraded the AccountRight server and migrated the files.',
      ],
      [
        'mchen',
        'Remote Support',
        '2026-06-29 08:30',
        40,
        'Billable',
        'Open',
        'Upgraded the MYOB client on 9 workstations and confirmed each opens the company file.',
      ],
      [
        'jsmith',
        'Regular',
        '2026-06-29 16:00',
        15,
        'DoNotBill',
        'Open',
        "Internal: updated the EOFY checklist with this year's MYOB steps.",
      ],
    ],
  },
  {
    id: 1010,
    company: 'HarbourviewMedical',
    contact: 'Olivia King',
    summary: 'Printer offline in reception',
    board: 'Service Desk',
    status: 'In Progress',
    owner: 'pnatarajan',
    opened: '2026-06-29 08:05',
    entries: [
      [
        'pnatarajan',
        'Remote Support',
        '2026-06-29 08:15',
        20,
        'Billable',
        'Open',
        'Reception MFP shows offline. It picked up a new DHCP address after the power outage; updated the port.',
      ],
      [
        'pnatarajan',
        'Remote Support',
        '2026-06-29 11:30',
        10,
        'Billable',
        'Open',
        'Printing again, but scan-to-email fails. Reset the SMTP app password on the scanner.',
      ],
      [
        'mchen',
        'Regular',
        '2026-06-30 08:30',
        30,
        'Billable',
        'Open',
        'Created a DHCP reservation for the MFP so it keeps its address, and tested scan to email.',
        'Senior Engineer',
      ],
    ],
  },
];

/** [ticket, member, expense type, date, amount, billable option, status, notes] */
const DEMO_EXPENSES: readonly [number, MemberId, string, string, number, Billable, EntryStatus, string][] = [
  [1003, 'tkowalski', 'Parking', '2026-06-05 00:00', 18.5, 'Billable', 'Billed', 'Parking - Wilson car park, Station St'],
  [1003, 'tkowalski', 'Materials', '2026-06-05 00:00', 42, 'Billable', 'Billed', 'Patch leads for the comms cabinet'],
  [1006, 'tkowalski', 'Parking', '2026-06-26 00:00', 12, 'NoCharge', 'Open', 'Street parking - Church St'],
  [1009, 'jsmith', 'Meals', '2026-06-27 00:00', 38.6, 'DoNotBill', 'Open', 'Dinner during the after-hours MYOB upgrade'],
];

/** [ticket, catalog identifier, quantity, billable option, cancelled (quantity, reason)?] */
const DEMO_PRODUCTS: readonly [number, string, number, 'Billable' | 'DoNotBill' | 'NoCharge', [number, string]?][] = [
  [1002, 'DELL-LAT5450', 1, 'Billable'],
  [1002, 'DELL-P2425H', 2, 'Billable'],
  [1003, 'APC-BX1400', 1, 'Billable'],
  [1006, 'UBNT-U6-PRO', 2, 'Billable'],
  [1006, 'YUBIKEY-5-NFC', 3, 'Billable', [3, 'Ordered in error']],
];

/** [company, agreement type, start, monthly fee, additions: [catalog identifier, quantity][]] */
const DEMO_AGREEMENTS: readonly [string, 'Managed Services' | 'Microsoft 365 Licensing', string, number, [string, number][]][] = [
  [
    'Contoso',
    'Managed Services',
    '2025-07-01 00:00',
    990,
    [
      ['MSP-RMM', 18],
      ['MSP-EDR', 18],
    ],
  ],
  [
    'FabrikamDental',
    'Microsoft 365 Licensing',
    '2024-02-01 00:00',
    0,
    [
      ['M365-BP', 22],
      ['M365-BB', 4],
    ],
  ],
  [
    'HarbourviewMedical',
    'Managed Services',
    '2023-10-01 00:00',
    1500,
    [
      ['MSP-RMM', 30],
      ['MSP-BACKUP', 2],
    ],
  ],
];

export function demoDataset(options: DemoDatasetOptions = {}): ManageDataset {
  const shift = demoShiftMs(options.now);
  const at = (text: string): number => demoTime(text) + shift;
  const now = Date.parse(DEMO_NOW) + shift;
  const f = new ManageRecordFactory({ apiBaseUrl: options.apiBaseUrl, guidSalt: 'demo' });
  const setup = buildSetupTables(f, at('2025-05-01 09:00'));
  const { named } = setup;

  // The demo site uses a subset of the standard tables: four work types, three work roles.
  const workTypes = setup.workTypes.filter((t) => ['Regular', 'After Hours', 'Remote Support', 'Onsite'].includes(t.name));
  const workRoles = setup.workRoles.filter((r) => ['Help Desk', 'Technician', 'Senior Engineer'].includes(r.name));
  const workType = (name: WorkTypeName): WorkTypeRecord => workTypes.find((t) => t.name === name)!;
  const workRole = (name: WorkRoleName): WorkRoleRecord => workRoles.find((r) => r.name === name)!;

  const members: MemberRecord[] = DEMO_MEMBERS.map((m) =>
    f.member({
      id: m.id,
      identifier: m.identifier,
      firstName: m.firstName,
      lastName: m.lastName,
      title: m.title,
      email: `${m.firstName}.${m.lastName}@example-msp.com.au`.toLowerCase(),
      phone: `(02) 8000 ${m.id}0`,
      adminFlag: m.identifier === 'admin',
      workRole: workRole(m.role),
      workType: workType('Regular'),
      location: named.location.sydney,
      department: named.department.service,
      hourlyCost: m.hourlyCost,
      hired: at(m.hired),
      updated: { at: at(m.hired) + 7 * DAY, by: 'admin' },
    }),
  );
  const member = (identifier: MemberId): MemberRecord => members.find((m) => m.identifier === identifier)!;

  const companies: CompanyRecord[] = [];
  const contacts: ContactRecord[] = [];
  const companyInfo = new Map<
    string,
    { company: CompanyRecord; type: CompanyTypeRecord; taxCode: TaxCodeRecord; contacts: ContactRecord[] }
  >();
  let communicationId = 1;
  for (const spec of DEMO_COMPANIES) {
    const [addressLine1, city, state, zip] = spec.address;
    const status: CompanyStatusRecord = spec.status === 'Credit Hold' ? named.companyStatus.creditHold : named.companyStatus.active;
    const type = spec.type === 'Partner' ? named.companyType.partner : named.companyType.client;
    const taxCode = spec.taxCode === 'FRE' ? named.taxCode.gstFree : named.taxCode.gst;
    const firstContactId = contacts.length + 1;
    const since = at(spec.since);
    const company = f.company({
      id: spec.id,
      identifier: spec.identifier,
      name: spec.name,
      status,
      types: [type],
      addressLine1,
      city,
      state,
      zip,
      phoneNumber: spec.phone,
      website: spec.website,
      territory: state === 'VIC' || state === 'TAS' ? named.location.melbourne : named.location.sydney,
      taxCode,
      defaultContact: { id: firstContactId, firstName: spec.contacts[0].firstName, lastName: spec.contacts[0].lastName },
      numberOfEmployees: spec.employees,
      acquired: since,
      entered: { at: since, by: 'admin' },
      updated: { at: since + 30 * DAY, by: 'admin' },
    });
    companies.push(company);
    const own = spec.contacts.map((c, index) => {
      const contact = f.contact({
        id: contacts.length + 1,
        firstName: c.firstName,
        lastName: c.lastName,
        title: c.title,
        company,
        email: c.email === undefined ? undefined : { id: communicationId++, value: c.email, type: named.communicationType.email },
        phone: { id: communicationId++, value: c.phone, type: named.communicationType.direct },
        defaultFlag: index === 0,
        defaultBillingFlag: index === 1,
        updated: { at: since + 30 * DAY, by: 'admin' },
      });
      contacts.push(contact);
      return contact;
    });
    companyInfo.set(spec.identifier, { company, type, taxCode, contacts: own });
  }

  const tickets: TicketRecord[] = [];
  const ticketById = new Map<number, TicketRecord>();
  const timeEntries: TimeEntryRecord[] = [];
  for (const spec of DEMO_TICKETS) {
    const owner = member(spec.owner);
    const { company, type, taxCode, contacts: companyContacts } = companyInfo.get(spec.company)!;
    const board = setup.boards.find((b) => b.name === spec.board)!;
    const location = setup.locations.find((l) => l.id === board.location?.id)!;
    const department = setup.departments.find((d) => d.id === board.department?.id)!;
    const opened = at(spec.opened);
    const lastEnd = Math.max(...spec.entries.map(([, , start, minutes]) => at(start) + minutes * MINUTE));
    const closed = spec.status === '>Closed' ? { at: lastEnd + HOUR, by: owner.identifier } : undefined;
    const ticket = f.ticket({
      id: spec.id,
      summary: spec.summary,
      board,
      status: named.statusOf(board, spec.status),
      company,
      contact: companyContacts.find((c) => `${c.firstName} ${c.lastName}` === spec.contact)!,
      priority: named.priority.normal,
      owner,
      billingMethod: spec.billingMethod ?? 'ActualRates',
      billingAmount: spec.billingAmount,
      billTime: 'Billable',
      location,
      department,
      closed,
      entered: { at: opened, by: owner.identifier },
      updated: closed ?? { at: lastEnd + 5 * MINUTE, by: owner.identifier },
    });
    tickets.push(ticket);
    ticketById.set(ticket.id, ticket);

    for (const [who, typeName, start, minutes, billableOption, status, notes, roleOverride] of spec.entries) {
      const worker = member(who);
      const begins = at(start);
      const ends = begins + minutes * MINUTE;
      const entered = ends + 5 * MINUTE;
      const entry = f.timeEntry({
        id: timeEntries.length + 1,
        ticket,
        board,
        company,
        companyType: type,
        member: worker,
        workType: workType(typeName),
        workRole: roleOverride ? workRole(roleOverride) : workRoles.find((r) => r.id === worker.workRole?.id)!,
        location,
        department,
        taxCode,
        start: begins,
        end: ends,
        billableOption,
        status,
        notes,
        addToDetailDescriptionFlag: billableOption !== 'DoNotBill',
        addToInternalAnalysisFlag: billableOption === 'DoNotBill',
        addToResolutionFlag: false,
        entered: { at: entered, by: worker.identifier },
        updated: touchedFor(status, entered, now, worker.identifier),
      });
      timeEntries.push(entry);
      f.addTimeToTicket(ticket, entry);
    }
  }

  const expenseEntries: ExpenseEntryRecord[] = DEMO_EXPENSES.map(
    ([ticketId, who, typeName, date, amount, billableOption, status, notes], index) => {
      const ticket = ticketById.get(ticketId)!;
      const { company } = companyInfo.get(companyIdentifier(ticket))!;
      const board = setup.boards.find((b) => b.id === ticket.board?.id)!;
      const type: ExpenseTypeRecord = setup.expenseTypes.find((t) => t.name === typeName)!;
      return f.expenseEntry({
        id: index + 1,
        ticket,
        company,
        type,
        member: member(who),
        amount,
        billableOption,
        date: at(date),
        location: setup.locations.find((l) => l.id === board.location?.id)!,
        department: setup.departments.find((d) => d.id === board.department?.id)!,
        notes,
        status,
        updated: touchedFor(status, at(date) + 17 * HOUR, now, who),
      });
    },
  );

  const sequence = new Map<number, number>();
  const products: ProductRecord[] = DEMO_PRODUCTS.map(([ticketId, identifier, quantity, billableOption, cancelled], index) => {
    const ticket = ticketById.get(ticketId)!;
    const { company, taxCode } = companyInfo.get(companyIdentifier(ticket))!;
    const board = setup.boards.find((b) => b.id === ticket.board?.id)!;
    const sequenceNumber = (sequence.get(ticketId) ?? 0) + 1;
    sequence.set(ticketId, sequenceNumber);
    const added = (ticket._info?.dateEntered ? Date.parse(ticket._info.dateEntered) : now) + DAY;
    return f.product({
      id: index + 1,
      catalogItem: named.catalogItem(identifier),
      company,
      ticket,
      sequenceNumber,
      quantity,
      billableOption,
      priceMethod: 'FlatRateForRange',
      location: setup.locations.find((l) => l.id === board.location?.id)!,
      department: setup.departments.find((d) => d.id === board.department?.id)!,
      taxCode,
      cancelled: cancelled && { quantity: cancelled[0], reason: cancelled[1], by: member('tkowalski'), at: added + 2 * DAY },
      updated: { at: cancelled ? added + 2 * DAY : added, by: cancelled ? 'tkowalski' : (ticket.owner?.identifier ?? 'admin') },
    });
  });

  const agreements: AgreementRecord[] = [];
  const agreementAdditions: AgreementAdditionRecord[] = [];
  for (const [companyId, typeName, start, fee, lines] of DEMO_AGREEMENTS) {
    const { company, taxCode, contacts: companyContacts } = companyInfo.get(companyId)!;
    const type = typeName === 'Managed Services' ? named.agreementType.managed : named.agreementType.licensing;
    const starts = at(start);
    const agreement = f.agreement({
      id: agreements.length + 1,
      name: typeName === 'Managed Services' ? 'Managed Services Agreement' : 'Microsoft 365 Licensing',
      type,
      company,
      contact: companyContacts[0],
      location: named.location.sydney,
      department: named.department.managed,
      taxCode,
      start: starts,
      billAmount: fee,
      entered: { at: starts - 10 * DAY, by: 'admin' },
      updated: { at: starts, by: 'admin' },
    });
    agreements.push(agreement);
    lines.forEach(([identifier, quantity], line) => {
      const item: CatalogItemRecord = named.catalogItem(identifier);
      agreementAdditions.push(
        f.agreementAddition({
          id: agreementAdditions.length + 1,
          agreement,
          catalogItem: item,
          quantity,
          unitPrice: item.price ?? 0,
          sequenceNumber: line + 1,
          billCustomer: 'Billable',
          effective: starts,
          updated: { at: starts, by: 'admin' },
        }),
      );
    });
  }

  return {
    companies,
    contacts,
    companyTypes: setup.companyTypes,
    companyStatuses: setup.companyStatuses,
    communicationTypes: setup.communicationTypes,
    members,
    workTypes,
    workRoles,
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

/** Open entries were last touched by whoever entered them; anything further along, by the approver. */
function touchedFor(status: EntryStatus, entered: number, now: number, enteredBy: string) {
  if (status === 'Open') return { at: entered, by: enteredBy };
  const days = status === 'Billed' || status === 'WrittenOff' ? 10 : 2;
  return { at: Math.min(now, entered + days * DAY), by: 'admin' };
}

function companyIdentifier(ticket: TicketRecord): string {
  return ticket.company?.identifier ?? '';
}
