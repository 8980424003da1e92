/**
 * The setup tables a Manage site has before any client work: locations, departments,
 * boards and their statuses, priorities, company types and statuses, communication types,
 * work types and roles, tax codes, expense types, units of measure, catalog items and
 * agreement types. Fixed (not random), shared by the generator and the demo, so both
 * describe the same MSP and a test can name a work type without looking it up.
 */
import type {
  AgreementTypeRecord,
  BoardRecord,
  CatalogItemRecord,
  CommunicationTypeRecord,
  CompanyStatusRecord,
  CompanyTypeRecord,
  DepartmentRecord,
  ExpenseTypeRecord,
  LocationRecord,
  ManageRecordFactory,
  PriorityRecord,
  ServiceStatusRecord,
  Stamp,
  TaxCodeRecord,
  UnitOfMeasureRecord,
  WorkRoleRecord,
  WorkTypeRecord,
} from './manage-records.js';

const DAY = 86_400_000;

export interface SetupTables {
  locations: LocationRecord[];
  departments: DepartmentRecord[];
  boards: BoardRecord[];
  serviceStatuses: ServiceStatusRecord[];
  priorities: PriorityRecord[];
  companyTypes: CompanyTypeRecord[];
  companyStatuses: CompanyStatusRecord[];
  communicationTypes: CommunicationTypeRecord[];
  workTypes: WorkTypeRecord[];
  workRoles: WorkRoleRecord[];
  taxCodes: TaxCodeRecord[];
  expenseTypes: ExpenseTypeRecord[];
  unitsOfMeasure: UnitOfMeasureRecord[];
  catalogItems: CatalogItemRecord[];
  agreementTypes: AgreementTypeRecord[];
  /** Named handles for the records above, for readable generator and demo code. */
  named: ReturnType<typeof nameSetup>;
}

/** Status names every board carries, in board order; `>Closed` is the closed one (the sample's `ticketStatus`). */
export const BOARD_STATUS_NAMES = ['New', 'In Progress', 'Waiting on Client', 'Scheduled', 'Completed', '>Closed'] as const;
export type BoardStatusName = (typeof BOARD_STATUS_NAMES)[number];

/** `setUpAt`: when the site's tables were last edited (epoch ms); `by`: the admin member's identifier. */
export function buildSetupTables(f: ManageRecordFactory, setUpAt: number, by = 'admin'): SetupTables {
  const updated: Stamp = { at: setUpAt, by };

  const sydney = f.location({ id: 1, name: 'Sydney', updated });
  const melbourne = f.location({ id: 2, name: 'Melbourne', updated });
  const locations = [sydney, melbourne];

  const service = f.department({ id: 1, identifier: 'SVC', name: 'Service', updated });
  const projects = f.department({ id: 2, identifier: 'PRJ', name: 'Projects', updated });
  const managed = f.department({ id: 3, identifier: 'MS', name: 'Managed Services', updated });
  const departments = [service, projects, managed];

  const serviceDesk = f.board({ id: 1, name: 'Service Desk', location: sydney, department: service, updated });
  const fieldServices = f.board({ id: 2, name: 'Field Services', location: melbourne, department: service, updated });
  const alerts = f.board({ id: 3, name: 'Alerts', location: sydney, department: managed, updated });
  const boards = [serviceDesk, fieldServices, alerts];

  const escalation = {
    New: 'NotResponded',
    'In Progress': 'Responded',
    'Waiting on Client': 'Responded',
    Scheduled: 'ResolutionPlan',
    Completed: 'Resolved',
    '>Closed': 'Resolved',
  } as const;
  const serviceStatuses: ServiceStatusRecord[] = [];
  for (const board of boards) {
    BOARD_STATUS_NAMES.forEach((name, index) => {
      serviceStatuses.push(
        f.serviceStatus({
          id: serviceStatuses.length + 1,
          name,
          board,
          sortOrder: index,
          closedStatus: name === '>Closed',
          defaultFlag: name === 'New',
          escalationStatus: escalation[name],
          updated,
        }),
      );
    });
  }

  // Manage's out-of-the-box priority names.
  const priorities = [
    f.priority({ id: 1, name: 'Priority 1 - Emergency Response', color: 'Red', sortOrder: 1, updated }),
    f.priority({ id: 2, name: 'Priority 2 - Quick Response', color: 'Orange', sortOrder: 2, updated }),
    f.priority({ id: 3, name: 'Priority 3 - Normal Response', color: 'Green', sortOrder: 3, defaultFlag: true, updated }),
    f.priority({ id: 4, name: 'Priority 4 - Schedule Maintenance', color: 'Blue', sortOrder: 4, updated }),
  ];

  const companyTypes = [
    f.companyType({ id: 1, name: 'Client', defaultFlag: true, updated }),
    f.companyType({ id: 2, name: 'Prospect', updated }),
    f.companyType({ id: 3, name: 'Vendor', vendorFlag: true, updated }),
    f.companyType({ id: 4, name: 'Partner', updated }),
    // Edge case: a type no billing mapping will know about.
    f.companyType({ id: 5, name: 'Legacy Reseller', updated }),
  ];

  const companyStatuses = [
    f.companyStatus({ id: 1, name: 'Active', defaultFlag: true, updated }),
    f.companyStatus({ id: 2, name: 'Inactive', inactiveFlag: true, updated }),
    f.companyStatus({ id: 3, name: 'Credit Hold', updated }),
  ];

  const communicationTypes = [
    f.communicationType({
      id: 1,
      description: 'Email',
      kind: 'Email',
      defaultFlag: true,
      iphoneXref: 'work',
      androidXref: 'Work',
      updated,
    }),
    f.communicationType({
      id: 2,
      description: 'Direct',
      kind: 'Phone',
      defaultFlag: true,
      iphoneXref: 'work',
      androidXref: 'Work',
      updated,
    }),
    f.communicationType({ id: 3, description: 'Mobile', kind: 'Phone', iphoneXref: 'mobile', androidXref: 'Mobile', updated }),
    f.communicationType({ id: 4, description: 'Fax', kind: 'Fax', iphoneXref: 'work fax', androidXref: 'Fax Work', updated }),
  ];

  // One of each rate type (Multiplier, AdjAmount, Custom), plus non-billable types.
  const workTypes = [
    f.workType({
      id: 1,
      name: 'Regular',
      billTime: 'Billable',
      rateType: 'Multiplier',
      rate: 1,
      hoursMin: 0.25,
      roundBillHoursTo: 0.25,
      overallDefaultFlag: true,
      updated,
    }),
    f.workType({
      id: 2,
      name: 'After Hours',
      billTime: 'Billable',
      rateType: 'Multiplier',
      rate: 1.5,
      hoursMin: 0.5,
      roundBillHoursTo: 0.25,
      costMultiplier: 1.5,
      updated,
    }),
    f.workType({
      id: 3,
      name: 'Remote Support',
      billTime: 'Billable',
      rateType: 'AdjAmount',
      rate: -15,
      hoursMin: 0.25,
      roundBillHoursTo: 0.25,
      updated,
    }),
    f.workType({ id: 4, name: 'Onsite', billTime: 'Billable', rateType: 'Custom', rate: 185, hoursMin: 1, roundBillHoursTo: 0.5, updated }),
    f.workType({
      id: 5,
      name: 'Emergency Callout',
      billTime: 'Billable',
      rateType: 'Custom',
      rate: 295,
      hoursMin: 1,
      hoursMax: 8,
      roundBillHoursTo: 0.5,
      costMultiplier: 1.5,
      updated,
    }),
    f.workType({
      id: 6,
      name: 'Travel',
      billTime: 'NoCharge',
      rateType: 'Multiplier',
      rate: 1,
      hoursMin: 0,
      roundBillHoursTo: 0.25,
      utilizationFlag: false,
      updated,
    }),
    f.workType({
      id: 7,
      name: 'Internal',
      billTime: 'DoNotBill',
      rateType: 'Multiplier',
      rate: 1,
      hoursMin: 0,
      roundBillHoursTo: 0,
      utilizationFlag: false,
      updated,
    }),
  ];

  const workRoles = [
    f.workRole({ id: 1, name: 'Help Desk', hourlyRate: 110, locations, updated }),
    f.workRole({ id: 2, name: 'Technician', hourlyRate: 140, locations, updated }),
    f.workRole({ id: 3, name: 'Senior Engineer', hourlyRate: 175, locations, updated }),
    f.workRole({ id: 4, name: 'Project Manager', hourlyRate: 160, locations, updated }),
    f.workRole({ id: 5, name: 'Consultant', hourlyRate: 210, locations: [sydney], updated }),
  ];

  const gstStart = Date.UTC(2000, 6, 1);
  const taxCodes = [
    f.taxCode({ id: 1, identifier: 'GST', description: 'GST 10%', ratePercent: 10, defaultFlag: true, effective: gstStart, updated }),
    f.taxCode({ id: 2, identifier: 'FRE', description: 'GST Free', ratePercent: 0, effective: gstStart, updated }),
  ];

  const expenseTypes = [
    f.expenseType({ id: 1, name: 'Parking', markupPercent: 0, updated }),
    f.expenseType({ id: 2, name: 'Travel', markupPercent: 0, defaultFlag: true, updated }),
    f.expenseType({ id: 3, name: 'Meals', markupPercent: 0, updated }),
    f.expenseType({ id: 4, name: 'Accommodation', markupPercent: 0, updated }),
    f.expenseType({ id: 5, name: 'Materials', markupPercent: 15, updated }),
  ];

  const each = f.unitOfMeasure({ id: 1, name: 'Each', defaultFlag: true, updated });
  const user = f.unitOfMeasure({ id: 2, name: 'User', updated });
  const device = f.unitOfMeasure({ id: 3, name: 'Device', updated });
  const flatFee = f.unitOfMeasure({ id: 4, name: 'Flat Fee', updated });
  const unitsOfMeasure = [each, user, device, flatFee];

  const entered: Stamp = { at: setUpAt - 365 * DAY, by };
  const item = (
    id: number,
    identifier: string,
    description: string,
    productClass: 'NonInventory' | 'Service' | 'Agreement',
    unitOfMeasure: UnitOfMeasureRecord,
    price: number,
    cost: number,
    customerDescription = description,
  ): CatalogItemRecord =>
    f.catalogItem({
      id,
      identifier,
      description,
      customerDescription,
      productClass,
      unitOfMeasure,
      price,
      cost,
      taxableFlag: true,
      recurring: productClass === 'Agreement',
      entered,
      updated,
    });
  const catalogItems = [
    item(1, 'DELL-LAT5450', 'Dell Latitude 5450 14in laptop', 'NonInventory', each, 1899, 1520),
    item(2, 'DELL-P2425H', 'Dell P2425H 24in monitor', 'NonInventory', each, 329, 255),
    item(3, 'HP-M479FDW', 'HP Color LaserJet Pro MFP M479fdw', 'NonInventory', each, 899, 690),
    item(4, 'UBNT-U6-PRO', 'Ubiquiti UniFi U6 Pro access point', 'NonInventory', each, 289, 210),
    item(5, 'MS-SURFACE-DOCK2', 'Microsoft Surface Dock 2', 'NonInventory', each, 429, 330),
    item(6, 'LOGI-MK540', 'Logitech MK540 keyboard and mouse', 'NonInventory', each, 79, 48),
    item(7, 'APC-BX1400', 'APC Back-UPS 1400VA', 'NonInventory', each, 349, 260),
    item(8, 'SAMSUNG-T7-1TB', 'Samsung T7 1TB portable SSD', 'NonInventory', each, 189, 135),
    item(9, 'YUBIKEY-5-NFC', 'YubiKey 5 NFC security key', 'NonInventory', each, 95, 70),
    // Edge case: the generator references this item from exactly one product.
    item(10, 'ZEBRA-ZD421', 'Zebra ZD421 label printer', 'NonInventory', each, 699, 540),
    item(11, 'Service - Fixed Fee', 'Service - Fixed Fee', 'Service', flatFee, 450, 0, 'Fixed fee labor for service or project work.'),
    item(12, 'SVC-NEW-PC', 'New PC setup and data migration', 'Service', flatFee, 260, 0),
    item(13, 'M365-BP', 'Microsoft 365 Business Premium (monthly)', 'Agreement', user, 36.3, 30.2),
    item(14, 'M365-BB', 'Microsoft 365 Business Basic (monthly)', 'Agreement', user, 9, 7.5),
    item(15, 'MSP-RMM', 'Managed endpoint - monitoring and patching', 'Agreement', device, 15, 4),
    item(16, 'MSP-BACKUP', 'Cloud backup per server', 'Agreement', device, 85, 40),
    item(17, 'MSP-EDR', 'Managed EDR per device', 'Agreement', device, 12, 6),
  ];

  const agreementTypes = [
    f.agreementType({ id: 1, name: 'Managed Services', defaultFlag: true, location: sydney, department: managed, updated }),
    f.agreementType({ id: 2, name: 'Microsoft 365 Licensing', location: sydney, department: managed, updated }),
  ];

  const tables = {
    locations,
    departments,
    boards,
    serviceStatuses,
    priorities,
    companyTypes,
    companyStatuses,
    communicationTypes,
    workTypes,
    workRoles,
    taxCodes,
    expenseTypes,
    unitsOfMeasure,
    catalogItems,
    agreementTypes,
  };
  return { ...tables, named: nameSetup(tables) };
}

function byName<T extends { name: string }>(records: readonly T[], name: string): T {
  const found = records.find((r) => r.name === name);
  if (!found) throw new Error(`setup table has no "${name}"`);
  return found;
}

function nameSetup(t: Omit<SetupTables, 'named'>) {
  return {
    location: { sydney: byName(t.locations, 'Sydney'), melbourne: byName(t.locations, 'Melbourne') },
    department: { service: byName(t.departments, 'Service'), managed: byName(t.departments, 'Managed Services') },
    board: {
      serviceDesk: byName(t.boards, 'Service Desk'),
      fieldServices: byName(t.boards, 'Field Services'),
      alerts: byName(t.boards, 'Alerts'),
    },
    /** statusOf(board, '>Closed') */
    statusOf(board: BoardRecord, name: BoardStatusName): ServiceStatusRecord {
      const found = t.serviceStatuses.find((s) => s.board?.id === board.id && s.name === name);
      if (!found) throw new Error(`board ${board.name} has no status ${name}`);
      return found;
    },
    priority: { emergency: t.priorities[0], quick: t.priorities[1], normal: t.priorities[2], scheduled: t.priorities[3] },
    companyType: {
      client: byName(t.companyTypes, 'Client'),
      prospect: byName(t.companyTypes, 'Prospect'),
      partner: byName(t.companyTypes, 'Partner'),
      legacyReseller: byName(t.companyTypes, 'Legacy Reseller'),
    },
    companyStatus: {
      active: byName(t.companyStatuses, 'Active'),
      inactive: byName(t.companyStatuses, 'Inactive'),
      creditHold: byName(t.companyStatuses, 'Credit Hold'),
    },
    communicationType: {
      email: t.communicationTypes.find((c) => c.description === 'Email')!,
      direct: t.communicationTypes.find((c) => c.description === 'Direct')!,
    },
    workType: {
      regular: byName(t.workTypes, 'Regular'),
      afterHours: byName(t.workTypes, 'After Hours'),
      remote: byName(t.workTypes, 'Remote Support'),
      onsite: byName(t.workTypes, 'Onsite'),
      emergency: byName(t.workTypes, 'Emergency Callout'),
      travel: byName(t.workTypes, 'Travel'),
      internal: byName(t.workTypes, 'Internal'),
    },
    workRole: {
      helpDesk: byName(t.workRoles, 'Help Desk'),
      technician: byName(t.workRoles, 'Technician'),
      seniorEngineer: byName(t.workRoles, 'Senior Engineer'),
      projectManager: byName(t.workRoles, 'Project Manager'),
      consultant: byName(t.workRoles, 'Consultant'),
    },
    taxCode: { gst: t.taxCodes[0], gstFree: t.taxCodes[1] },
    expenseType: {
      parking: byName(t.expenseTypes, 'Parking'),
      travel: byName(t.expenseTypes, 'Travel'),
      meals: byName(t.expenseTypes, 'Meals'),
      accommodation: byName(t.expenseTypes, 'Accommodation'),
      materials: byName(t.expenseTypes, 'Materials'),
    },
    catalogItem(identifier: string): CatalogItemRecord {
      const found = t.catalogItems.find((c) => c.identifier === identifier);
      if (!found) throw new Error(`catalog has no ${identifier}`);
      return found;
    },
    agreementType: {
      managed: byName(t.agreementTypes, 'Managed Services'),
      licensing: byName(t.agreementTypes, 'Microsoft 365 Licensing'),
    },
  };
}
