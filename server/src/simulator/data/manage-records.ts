/**
 * Manage-shaped records for the simulator's data sets, and the one factory that builds
 * them from plain facts. Both the seeded generator (generate.ts) and the hand-written
 * demo (demo.ts) go through this factory, so they cannot drift apart in shape.
 *
 * Every record type is ConnectWise's published schema (`connectwise-rest`'s
 * ManageTypes, generated from ConnectWise's OpenAPI document), so an object literal
 * carrying a field outside it does not compile. Where real payloads carry fields the
 * schema in connectwise-rest 1.3.0 lacks (it was generated from an older document),
 * a closed, named extension lists exactly those fields, each seen in a real payload
 * (../shared/connectwise/samples/*.json, docs/connectwise/records.md#time-entries, docs/connectwise/records.md#procurement-products).
 *
 * Conventions (docs/connectwise/records.md#common-conventions): references are small objects whose `_info` holds hrefs;
 * datetimes are ISO-8601 UTC with `Z` and no fractional seconds; date-only fields are
 * midnight UTC; fields with no value are omitted, as Manage omits nulls.
 *
 * Reference objects are built once per target record and SHARED by every record that
 * points at it (that is what keeps 100,000 time entries cheap); they are frozen, so an
 * accidental in-place edit throws instead of silently changing thousands of records.
 * Replace a reference whole, as Manage's PATCH does.
 */
import type { components } from 'connectwise-rest/dist/ManageTypes';
import { stableUuid } from './random.js';
import { actualHoursBetween, billedHours, extendedInvoiceAmount, timeEntryHourlyRate } from './time-entry-billing.js';

type Schemas = components['schemas'];

/** Records Manage returns always carry their id. */
type Stored<T> = T & { id: number };

/** Fields of GET /time/entries seen in samples/time-entry.json that the 1.3.0 schema lacks. */
type TimeEntryFieldsBeyondSchema = {
  companyType?: string;
  businessGroupDesc?: string;
  location?: Schemas['SystemLocationReference'];
  department?: Schemas['SystemDepartmentReference'];
  territory?: string;
  hourlyCost?: string;
  agreementAdjustment?: number;
  adjustment?: number;
  invoiceReady?: number;
  ticketBoard?: string;
  ticketStatus?: string;
  invoiceFlag?: boolean;
  extendedInvoiceAmount?: number;
  locationName?: string;
  taxCode?: Schemas['TaxCodeReference'];
};

/** Fields of GET /procurement/products seen in samples/product-item.json that the 1.3.0 schema lacks. */
type ProductItemFieldsBeyondSchema = {
  unitOfMeasure?: Schemas['UnitOfMeasureReference'];
  uom?: string;
  extPrice?: number;
  extCost?: number;
  margin?: number;
  location?: Schemas['SystemLocationReference'];
  businessUnit?: Schemas['SystemDepartmentReference'];
  taxCode?: Schemas['TaxCodeReference'];
};

export type CompanyRecord = Stored<Schemas['Company']>;
export type CompanyTypeRecord = Stored<Schemas['CompanyType']>;
export type CompanyStatusRecord = Stored<Schemas['CompanyStatus']>;
export type CommunicationTypeRecord = Stored<Schemas['CommunicationType']>;
export type ContactRecord = Stored<Schemas['Contact']>;
export type MemberRecord = Stored<Schemas['Member']>;
export type WorkTypeRecord = Stored<Schemas['WorkType']>;
export type WorkRoleRecord = Stored<Schemas['WorkRole']>;
export type LocationRecord = Stored<Schemas['Location']>;
export type DepartmentRecord = Stored<Schemas['Department']>;
export type BoardRecord = Stored<Schemas['Board']>;
export type ServiceStatusRecord = Stored<Schemas['BoardStatus']>;
export type PriorityRecord = Stored<Schemas['Priority']>;
export type TicketRecord = Stored<Schemas['Ticket']>;
export type TimeEntryRecord = Stored<Schemas['TimeEntry'] & TimeEntryFieldsBeyondSchema>;
export type ExpenseTypeRecord = Stored<Schemas['ExpenseType']>;
export type ExpenseEntryRecord = Stored<Schemas['ExpenseEntry']>;
export type UnitOfMeasureRecord = Stored<Schemas['UnitOfMeasure']>;
export type CatalogItemRecord = Stored<Schemas['CatalogItem']>;
export type ProductRecord = Stored<Schemas['ProductItem'] & ProductItemFieldsBeyondSchema>;
export type AgreementTypeRecord = Stored<Schemas['AgreementType']>;
export type AgreementRecord = Stored<Schemas['Agreement']>;
export type AgreementAdditionRecord = Stored<Schemas['Addition']>;
export type TaxCodeRecord = Stored<Schemas['TaxCode']>;

/**
 * A whole Manage site's data, one array per collection (names match the simulator's store collections).
 * A type alias, not an interface, so it is assignable to `Record<string, readonly ManageRecord[]>`.
 */
export type ManageDataset = {
  companies: CompanyRecord[];
  contacts: ContactRecord[];
  companyTypes: CompanyTypeRecord[];
  companyStatuses: CompanyStatusRecord[];
  communicationTypes: CommunicationTypeRecord[];
  members: MemberRecord[];
  workTypes: WorkTypeRecord[];
  workRoles: WorkRoleRecord[];
  locations: LocationRecord[];
  departments: DepartmentRecord[];
  boards: BoardRecord[];
  /** Board statuses (`/service/boards/{boardId}/statuses`), all boards together. */
  serviceStatuses: ServiceStatusRecord[];
  priorities: PriorityRecord[];
  tickets: TicketRecord[];
  timeEntries: TimeEntryRecord[];
  expenseTypes: ExpenseTypeRecord[];
  expenseEntries: ExpenseEntryRecord[];
  unitsOfMeasure: UnitOfMeasureRecord[];
  catalogItems: CatalogItemRecord[];
  /** Procurement products (`/procurement/products`). */
  products: ProductRecord[];
  agreementTypes: AgreementTypeRecord[];
  agreements: AgreementRecord[];
  /** `/finance/agreements/{agreementId}/additions`, all agreements together; each carries `agreementId`. */
  agreementAdditions: AgreementAdditionRecord[];
  taxCodes: TaxCodeRecord[];
};

type Billable = 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault';
type ProductBillable = 'Billable' | 'DoNotBill' | 'NoCharge';
export type EntryStatus = NonNullable<Schemas['TimeEntry']['status']>;
export type BillingMethod = NonNullable<Schemas['Ticket']['billingMethod']>;

/** Who touched a record, and when (epoch ms). */
export interface Stamp {
  at: number;
  by: string;
}

export const DEFAULT_API_BASE_URL = 'https://cw.example.com/v4_6_release/apis/3.0';

const DAY_MS = 86_400_000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** `YYYY-MM-DDT` per UTC day number; formatting hundreds of thousands of datetimes is the generator's hot path. */
const dayPrefixes = new Map<number, string>();

function dayPrefix(day: number): string {
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size < 50_000) dayPrefixes.set(day, prefix);
  }
  return prefix;
}

/** `2018-05-05T14:44:45Z`: UTC, whole seconds, as Manage writes datetimes. */
export function isoUtc(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let seconds = Math.floor((ms - day * DAY_MS) / 1000);
  const hours = (seconds / 3600) | 0;
  seconds -= hours * 3600;
  const minutes = (seconds / 60) | 0;
  seconds -= minutes * 60;
  return `${dayPrefix(day)}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}Z`;
}

/** `2018-07-12T00:00:00Z`: date-only fields are midnight UTC. */
export function isoDate(ms: number): string {
  return `${dayPrefix(Math.floor(ms / DAY_MS))}00:00:00Z`;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

// The ticket reference's `_info.billingMethod` is a one-letter code: "A" for ActualRates is
// in the real sample; the other letters are our inference from the enum names.
const BILLING_METHOD_CODE: Record<BillingMethod, string> = {
  ActualRates: 'A',
  FixedFee: 'F',
  NotToExceed: 'N',
  OverrideRate: 'O',
};

type Info = { [key: string]: string };
type Ref<K extends keyof Schemas> = Schemas[K];

export interface ManageRecordFactoryOptions {
  /** `https://{site}/{codebase}apis/3.0`, the prefix of every href. */
  apiBaseUrl?: string;
  /** Mixed into every `mobileGuid`, so two data sets with the same ids differ. */
  guidSalt?: string;
}

export class ManageRecordFactory {
  readonly apiBaseUrl: string;
  private readonly guidSalt: string;
  /** One reference object per target record; catalog items have a second kind (IvItemReference). */
  private readonly refs = new WeakMap<object, object>();
  private readonly ivItemRefs = new WeakMap<object, object>();

  constructor(options: ManageRecordFactoryOptions = {}) {
    this.apiBaseUrl = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
    this.guidSalt = options.guidSalt ?? '';
  }

  href(path: string): string {
    return `${this.apiBaseUrl}/${path}`;
  }

  /** A `mobileGuid` that depends only on (kind, id, salt). */
  guid(kind: string, id: number): string {
    return stableUuid(`${this.guidSalt}\u0000${kind}\u0000${id}`);
  }

  private stamped(updated: Stamp, extra?: Info): Info {
    const info: Info = { lastUpdated: isoUtc(updated.at), updatedBy: updated.by };
    if (extra) for (const key in extra) info[key] = extra[key];
    return info;
  }

  /** Freezes and remembers `ref` as the one reference object for `target`. */
  private keep<R extends object>(target: object, ref: R, cache = this.refs): R {
    cache.set(target, deepFreeze(ref));
    return ref;
  }

  // ---- references (docs/connectwise/records.md#common-conventions) ----

  companyRef(company: CompanyRecord): Ref<'CompanyReference'> {
    const known = this.refs.get(company) as Ref<'CompanyReference'> | undefined;
    return (
      known ??
      this.keep(company, {
        id: company.id,
        identifier: company.identifier,
        name: company.name,
        _info: { company_href: this.href(`company/companies/${company.id}`), mobileGuid: company.mobileGuid ?? '' },
      })
    );
  }

  contactRef(contact: ContactRecord): Ref<'ContactReference'> {
    const known = this.refs.get(contact) as Ref<'ContactReference'> | undefined;
    return (
      known ??
      this.keep(contact, {
        id: contact.id,
        name: contactName(contact),
        _info: { contact_href: this.href(`company/contacts/${contact.id}`) },
      })
    );
  }

  memberRef(member: MemberRecord): Ref<'MemberReference'> {
    const known = this.refs.get(member) as Ref<'MemberReference'> | undefined;
    return (
      known ??
      this.keep(member, {
        id: member.id,
        identifier: member.identifier,
        name: `${member.firstName} ${member.lastName}`,
        _info: {
          member_href: this.href(`system/members/${member.id}`),
          image_href: this.href(`system/members/${member.id}/image?lm=${member._info?.lastUpdated ?? ''}`),
        },
      })
    );
  }

  workTypeRef(workType: WorkTypeRecord): Ref<'WorkTypeReference'> {
    const known = this.refs.get(workType) as Ref<'WorkTypeReference'> | undefined;
    return (
      known ??
      this.keep(workType, {
        id: workType.id,
        name: workType.name,
        _info: { workType_href: this.href(`time/workTypes/${workType.id}`) },
      })
    );
  }

  workRoleRef(workRole: WorkRoleRecord): Ref<'WorkRoleReference'> {
    const known = this.refs.get(workRole) as Ref<'WorkRoleReference'> | undefined;
    return (
      known ??
      this.keep(workRole, {
        id: workRole.id,
        name: workRole.name,
        _info: { workRole_href: this.href(`time/workRoles/${workRole.id}`) },
      })
    );
  }

  locationRef(location: LocationRecord): Ref<'SystemLocationReference'> {
    const known = this.refs.get(location) as Ref<'SystemLocationReference'> | undefined;
    return (
      known ??
      this.keep(location, {
        id: location.id,
        name: location.name,
        _info: { location_href: this.href(`system/locations/${location.id}`) },
      })
    );
  }

  departmentRef(department: DepartmentRecord): Ref<'SystemDepartmentReference'> {
    const known = this.refs.get(department) as Ref<'SystemDepartmentReference'> | undefined;
    return (
      known ??
      this.keep(department, {
        id: department.id,
        name: department.name,
        _info: { department_href: this.href(`system/departments/${department.id}`) },
      })
    );
  }

  taxCodeRef(taxCode: TaxCodeRecord): Ref<'TaxCodeReference'> {
    const known = this.refs.get(taxCode) as Ref<'TaxCodeReference'> | undefined;
    return (
      known ??
      this.keep(taxCode, {
        id: taxCode.id,
        name: taxCode.identifier,
        _info: { taxCode_href: this.href(`finance/taxCodes/${taxCode.id}`) },
      })
    );
  }

  companyTypeRef(type: CompanyTypeRecord): Ref<'CompanyTypeReference'> {
    const known = this.refs.get(type) as Ref<'CompanyTypeReference'> | undefined;
    return (
      known ??
      this.keep(type, {
        id: type.id,
        name: type.name,
        _info: { type_href: this.href(`company/companies/types/${type.id}`) },
      })
    );
  }

  companyStatusRef(status: CompanyStatusRecord): Ref<'CompanyStatusReference'> {
    const known = this.refs.get(status) as Ref<'CompanyStatusReference'> | undefined;
    return (
      known ??
      this.keep(status, {
        id: status.id,
        name: status.name,
        _info: { status_href: this.href(`company/companies/statuses/${status.id}`) },
      })
    );
  }

  communicationTypeRef(type: CommunicationTypeRecord): Ref<'CommunicationTypeReference'> {
    // Contact communication items carry a bare {id, name} type (AMP contact-emma-diaz.json, docs/connectwise/records.md#contacts).
    const known = this.refs.get(type) as Ref<'CommunicationTypeReference'> | undefined;
    return known ?? this.keep(type, { id: type.id, name: type.description });
  }

  boardRef(board: BoardRecord): Ref<'BoardReference'> {
    const known = this.refs.get(board) as Ref<'BoardReference'> | undefined;
    return (
      known ??
      this.keep(board, {
        id: board.id,
        name: board.name,
        _info: { board_href: this.href(`service/boards/${board.id}`) },
      })
    );
  }

  serviceStatusRef(status: ServiceStatusRecord): Ref<'ServiceStatusReference'> {
    const known = this.refs.get(status) as Ref<'ServiceStatusReference'> | undefined;
    return (
      known ??
      this.keep(status, {
        id: status.id,
        name: status.name,
        _info: { status_href: this.href(`service/boards/${status.board?.id}/statuses/${status.id}`) },
      })
    );
  }

  priorityRef(priority: PriorityRecord): Ref<'PriorityReference'> {
    const known = this.refs.get(priority) as Ref<'PriorityReference'> | undefined;
    return (
      known ??
      this.keep(priority, {
        id: priority.id,
        name: priority.name,
        sort: priority.sortOrder ?? 0,
        _info: { priority_href: this.href(`service/priorities/${priority.id}`) },
      })
    );
  }

  /** Ticket references carry the ticket's billing-method code and status name (samples/time-entry.json). */
  ticketRef(ticket: TicketRecord): Ref<'TicketReference'> {
    const known = this.refs.get(ticket) as Ref<'TicketReference'> | undefined;
    return (
      known ??
      this.keep(ticket, {
        id: ticket.id,
        summary: ticket.summary,
        _info: {
          ticket_href: this.href(`service/tickets/${ticket.id}`),
          billingMethod: BILLING_METHOD_CODE[ticket.billingMethod ?? 'ActualRates'],
          status: ticket.status?.name ?? '',
        },
      })
    );
  }

  expenseTypeRef(type: ExpenseTypeRecord): Ref<'ExpenseTypeReference'> {
    const known = this.refs.get(type) as Ref<'ExpenseTypeReference'> | undefined;
    return (
      known ??
      this.keep(type, {
        id: type.id,
        name: type.name,
        _info: { type_href: this.href(`expense/types/${type.id}`) },
      })
    );
  }

  unitOfMeasureRef(uom: UnitOfMeasureRecord): Ref<'UnitOfMeasureReference'> {
    const known = this.refs.get(uom) as Ref<'UnitOfMeasureReference'> | undefined;
    return (
      known ??
      this.keep(uom, {
        id: uom.id,
        name: uom.name,
        _info: { uom_href: this.href(`procurement/unitOfMeasures/${uom.id}`) },
      })
    );
  }

  /** As in samples/product-item.json: `{id, identifier, _info: {catalog_href}}`. */
  catalogItemRef(item: CatalogItemRecord): Ref<'CatalogItemReference'> {
    const known = this.refs.get(item) as Ref<'CatalogItemReference'> | undefined;
    return (
      known ??
      this.keep(item, {
        id: item.id,
        identifier: item.identifier,
        _info: { catalog_href: this.href(`procurement/catalog/${item.id}`) },
      })
    );
  }

  /** Agreement additions name their catalog item as an IvItemReference. */
  ivItemRef(item: CatalogItemRecord): Ref<'IvItemReference'> {
    const known = this.ivItemRefs.get(item) as Ref<'IvItemReference'> | undefined;
    return (
      known ??
      this.keep(
        item,
        {
          id: item.id,
          identifier: item.identifier,
          serializedFlag: item.serializedFlag ?? false,
          _info: { product_href: this.href(`procurement/catalog/${item.id}`) },
        },
        this.ivItemRefs,
      )
    );
  }

  agreementTypeRef(type: AgreementTypeRecord): Ref<'AgreementTypeReference'> {
    const known = this.refs.get(type) as Ref<'AgreementTypeReference'> | undefined;
    return (
      known ??
      this.keep(type, {
        id: type.id,
        name: type.name,
        _info: { type_href: this.href(`finance/agreements/types/${type.id}`) },
      })
    );
  }

  // ---- setup tables ----

  location(facts: { id: number; name: string; updated: Stamp }): LocationRecord {
    return { id: facts.id, name: facts.name, _info: this.stamped(facts.updated) };
  }

  department(facts: { id: number; identifier: string; name: string; updated: Stamp }): DepartmentRecord {
    return { id: facts.id, identifier: facts.identifier, name: facts.name, _info: this.stamped(facts.updated) };
  }

  companyType(facts: { id: number; name: string; defaultFlag?: boolean; vendorFlag?: boolean; updated: Stamp }): CompanyTypeRecord {
    return {
      id: facts.id,
      name: facts.name,
      defaultFlag: facts.defaultFlag ?? false,
      vendorFlag: facts.vendorFlag ?? false,
      serviceAlertFlag: false,
      _info: this.stamped(facts.updated),
    };
  }

  companyStatus(facts: { id: number; name: string; defaultFlag?: boolean; inactiveFlag?: boolean; updated: Stamp }): CompanyStatusRecord {
    return {
      id: facts.id,
      name: facts.name,
      defaultFlag: facts.defaultFlag ?? false,
      inactiveFlag: facts.inactiveFlag ?? false,
      notifyFlag: false,
      disallowSavingFlag: false,
      customNoteFlag: false,
      cancelOpenTracksFlag: false,
      _info: this.stamped(facts.updated),
    };
  }

  communicationType(facts: {
    id: number;
    description: string;
    kind: 'Email' | 'Phone' | 'Fax';
    defaultFlag?: boolean;
    iphoneXref: string;
    androidXref: string;
    updated: Stamp;
  }): CommunicationTypeRecord {
    return {
      id: facts.id,
      description: facts.description,
      phoneFlag: facts.kind === 'Phone',
      faxFlag: facts.kind === 'Fax',
      emailFlag: facts.kind === 'Email',
      defaultFlag: facts.defaultFlag ?? false,
      iphoneXref: facts.iphoneXref,
      androidXref: facts.androidXref,
      _info: this.stamped(facts.updated),
    };
  }

  workType(facts: {
    id: number;
    name: string;
    billTime: 'Billable' | 'DoNotBill' | 'NoCharge';
    rateType: 'Multiplier' | 'AdjAmount' | 'Custom';
    rate: number;
    hoursMin: number;
    hoursMax?: number;
    roundBillHoursTo: number;
    overallDefaultFlag?: boolean;
    utilizationFlag?: boolean;
    costMultiplier?: number;
    updated: Stamp;
  }): WorkTypeRecord {
    return {
      id: facts.id,
      name: facts.name,
      billTime: facts.billTime,
      rateType: facts.rateType,
      rate: facts.rate,
      hoursMin: facts.hoursMin,
      hoursMax: facts.hoursMax ?? 0,
      roundBillHoursTo: facts.roundBillHoursTo,
      inactiveFlag: false,
      overallDefaultFlag: facts.overallDefaultFlag ?? false,
      activityDefaultFlag: false,
      utilizationFlag: facts.utilizationFlag ?? true,
      costMultiplier: facts.costMultiplier ?? 1,
      _info: this.stamped(facts.updated),
    };
  }

  workRole(facts: { id: number; name: string; hourlyRate: number; locations: readonly LocationRecord[]; updated: Stamp }): WorkRoleRecord {
    return {
      id: facts.id,
      name: facts.name,
      hourlyRate: facts.hourlyRate,
      inactiveFlag: false,
      locationIds: facts.locations.map((l) => l.id),
      _info: this.stamped(facts.updated),
    };
  }

  taxCode(facts: {
    id: number;
    identifier: string;
    description: string;
    ratePercent: number;
    defaultFlag?: boolean;
    effective: number;
    updated: Stamp;
  }): TaxCodeRecord {
    return {
      id: facts.id,
      identifier: facts.identifier,
      description: facts.description,
      invoiceCaption: facts.identifier,
      effectiveDate: isoDate(facts.effective),
      defaultFlag: facts.defaultFlag ?? false,
      displayOnInvoiceFlag: true,
      levelOneRate: facts.ratePercent,
      levelOneRateType: 'Percent',
      levelOneCaption: facts.identifier,
      levelOneServicesFlag: true,
      levelOneExpensesFlag: true,
      levelOneProductsFlag: true,
      _info: this.stamped(facts.updated),
    };
  }

  board(facts: { id: number; name: string; location: LocationRecord; department: DepartmentRecord; updated: Stamp }): BoardRecord {
    return {
      id: facts.id,
      name: facts.name,
      location: this.locationRef(facts.location),
      department: this.departmentRef(facts.department),
      inactiveFlag: false,
      projectFlag: false,
      billTicketsAfterClosedFlag: false,
      billTicketSeparatelyFlag: false,
      billUnapprovedTimeExpenseFlag: false,
      overrideBillingSetupFlag: false,
      billTime: 'Billable',
      billExpense: 'Billable',
      billProduct: 'Billable',
      _info: this.stamped(facts.updated),
    };
  }

  serviceStatus(facts: {
    id: number;
    name: string;
    board: BoardRecord;
    sortOrder: number;
    closedStatus?: boolean;
    defaultFlag?: boolean;
    escalationStatus: NonNullable<Schemas['BoardStatus']['escalationStatus']>;
    updated: Stamp;
  }): ServiceStatusRecord {
    return {
      id: facts.id,
      name: facts.name,
      board: this.boardRef(facts.board),
      sortOrder: facts.sortOrder,
      displayOnBoard: !facts.closedStatus,
      inactive: false,
      closedStatus: facts.closedStatus ?? false,
      timeEntryNotAllowed: false,
      defaultFlag: facts.defaultFlag ?? false,
      escalationStatus: facts.escalationStatus,
      customerPortalFlag: false,
      _info: this.stamped(facts.updated),
    };
  }

  priority(facts: {
    id: number;
    name: string;
    color: NonNullable<Schemas['Priority']['color']>;
    sortOrder: number;
    defaultFlag?: boolean;
    updated: Stamp;
  }): PriorityRecord {
    return {
      id: facts.id,
      name: facts.name,
      color: facts.color,
      sortOrder: facts.sortOrder,
      defaultFlag: facts.defaultFlag ?? false,
      _info: this.stamped(facts.updated),
    };
  }

  expenseType(facts: { id: number; name: string; markupPercent: number; defaultFlag?: boolean; updated: Stamp }): ExpenseTypeRecord {
    return {
      id: facts.id,
      name: facts.name,
      amountCaption: 'Amount',
      billExpenses: 'Billable',
      invoiceMarkupOption: 'Percent',
      invoiceMarkupAmount: facts.markupPercent,
      advancedAmountFlag: false,
      mileageFlag: false,
      quantityFlag: false,
      inactiveFlag: false,
      defaultFlag: facts.defaultFlag ?? false,
      _info: this.stamped(facts.updated),
    };
  }

  unitOfMeasure(facts: { id: number; name: string; defaultFlag?: boolean; updated: Stamp }): UnitOfMeasureRecord {
    return {
      id: facts.id,
      name: facts.name,
      inactiveFlag: false,
      defaultFlag: facts.defaultFlag ?? false,
      _info: this.stamped(facts.updated),
    };
  }

  catalogItem(facts: {
    id: number;
    identifier: string;
    description: string;
    customerDescription: string;
    productClass: NonNullable<Schemas['CatalogItem']['productClass']>;
    unitOfMeasure: UnitOfMeasureRecord;
    price: number;
    cost: number;
    taxableFlag: boolean;
    manufacturerPartNumber?: string;
    recurring?: boolean;
    entered: Stamp;
    updated: Stamp;
  }): CatalogItemRecord {
    const recurring = facts.recurring ?? false;
    return {
      id: facts.id,
      identifier: facts.identifier,
      description: facts.description,
      inactiveFlag: false,
      productClass: facts.productClass,
      serializedFlag: false,
      serializedCostFlag: false,
      phaseProductFlag: false,
      unitOfMeasure: this.unitOfMeasureRef(facts.unitOfMeasure),
      price: facts.price,
      cost: facts.cost,
      priceAttribute: 'FixedFee',
      taxableFlag: facts.taxableFlag,
      dropShipFlag: false,
      specialOrderFlag: false,
      customerDescription: facts.customerDescription,
      manufacturerPartNumber: facts.manufacturerPartNumber ?? '',
      recurringFlag: recurring,
      recurringRevenue: recurring ? facts.price : 0,
      recurringCost: recurring ? facts.cost : 0,
      recurringOneTimeFlag: false,
      dateEntered: isoUtc(facts.entered.at),
      calculatedPriceFlag: false,
      calculatedCostFlag: false,
      _info: this.stamped(facts.updated),
    };
  }

  agreementType(facts: {
    id: number;
    name: string;
    defaultFlag?: boolean;
    location: LocationRecord;
    department: DepartmentRecord;
    updated: Stamp;
  }): AgreementTypeRecord {
    return {
      id: facts.id,
      name: facts.name,
      prefixSuffixOption: 'Prefix',
      defaultFlag: facts.defaultFlag ?? false,
      inactiveFlag: false,
      prePaymentFlag: false,
      location: this.locationRef(facts.location),
      department: this.departmentRef(facts.department),
      applicationUnits: 'Amount',
      applicationCycle: 'CalendarMonth',
      applicationUnlimitedFlag: false,
      oneTimeFlag: false,
      coverAgreementTimeFlag: false,
      coverAgreementProductFlag: false,
      coverAgreementExpenseFlag: false,
      coverSalesTaxFlag: false,
      employeeCompRate: 'Actual',
      employeeCompNotExceed: 'Billing',
      invoicingCycle: 'CalendarYear',
      taxableFlag: true,
      billTime: 'Billable',
      billExpenses: 'Billable',
      billProducts: 'Billable',
      autoInvoiceFlag: false,
      _info: this.stamped(facts.updated),
    };
  }

  member(facts: {
    id: number;
    identifier: string;
    firstName: string;
    lastName: string;
    title: string;
    email: string;
    phone: string;
    adminFlag?: boolean;
    inactiveAt?: number;
    workRole: WorkRoleRecord;
    workType: WorkTypeRecord;
    location: LocationRecord;
    department: DepartmentRecord;
    hourlyCost: number;
    hired: number;
    updated: Stamp;
  }): MemberRecord {
    const member: MemberRecord = {
      id: facts.id,
      identifier: facts.identifier,
      firstName: facts.firstName,
      lastName: facts.lastName,
      title: facts.title,
      licenseClass: 'F',
      disableOnlineFlag: false,
      enableMobileFlag: true,
      inactiveFlag: facts.inactiveAt !== undefined,
      officeEmail: facts.email,
      officePhone: facts.phone,
      defaultEmail: 'Office',
      primaryEmail: facts.email,
      defaultPhone: 'Office',
      adminFlag: facts.adminFlag ?? false,
      defaultLocation: this.locationRef(facts.location),
      defaultDepartment: this.departmentRef(facts.department),
      workRole: this.workRoleRef(facts.workRole),
      workType: this.workTypeRef(facts.workType),
      dailyCapacity: 8,
      hourlyCost: facts.hourlyCost,
      hireDate: isoDate(facts.hired),
      companyActivityTabFormat: 'SummaryList',
      invoiceTimeTabFormat: 'SummaryList',
      invoiceScreenDefaultTabFormat: 'ShowInvoicingTab',
      invoicingDisplayOptions: 'RemainOnInvoicingScreen',
      agreementInvoicingDisplayOptions: 'RemainOnInvoicingScreen',
      _info: this.stamped(facts.updated, {
        image_href: this.href(`system/members/${facts.id}/image?lm=${isoUtc(facts.updated.at)}`),
      }),
    };
    if (facts.inactiveAt !== undefined) member.inactiveDate = isoUtc(facts.inactiveAt);
    return member;
  }

  // ---- companies and contacts ----

  company(facts: {
    id: number;
    identifier: string;
    name: string;
    status: CompanyStatusRecord;
    types: readonly CompanyTypeRecord[];
    addressLine1: string;
    city: string;
    state: string;
    zip: string;
    phoneNumber: string;
    website: string;
    territory: LocationRecord;
    taxCode: TaxCodeRecord;
    /** The contact that will be created as this company's default (contacts are built after companies). */
    defaultContact?: { id: number; firstName: string; lastName: string };
    numberOfEmployees: number;
    acquired: number;
    entered: Stamp;
    updated: Stamp;
  }): CompanyRecord {
    const id = facts.id;
    const c = facts.defaultContact;
    const defaultContact = c
      ? deepFreeze({ id: c.id, name: `${c.firstName} ${c.lastName}`, _info: { contact_href: this.href(`company/contacts/${c.id}`) } })
      : undefined;
    const company: CompanyRecord = {
      id,
      identifier: facts.identifier,
      name: facts.name,
      status: this.companyStatusRef(facts.status),
      addressLine1: facts.addressLine1,
      city: facts.city,
      state: facts.state,
      zip: facts.zip,
      phoneNumber: facts.phoneNumber,
      faxNumber: '',
      website: facts.website,
      territory: this.locationRef(facts.territory),
      accountNumber: '',
      ...(defaultContact && { defaultContact }),
      dateAcquired: isoDate(facts.acquired),
      numberOfEmployees: facts.numberOfEmployees,
      leadFlag: false,
      unsubscribeFlag: false,
      taxCode: this.taxCodeRef(facts.taxCode),
      deletedFlag: false,
      mobileGuid: this.guid('company', id),
      isVendorFlag: facts.types.some((t) => t.vendorFlag),
      types: facts.types.map((t) => this.companyTypeRef(t)),
      _info: this.stamped(facts.updated, {
        dateEntered: isoUtc(facts.entered.at),
        enteredBy: facts.entered.by,
        contacts_href: this.href(`company/contacts?conditions=company/id=${id}`),
        agreements_href: this.href(`finance/agreements?conditions=company/id=${id}`),
        tickets_href: this.href(`service/tickets?conditions=company/id=${id}`),
        sites_href: this.href(`company/companies/${id}/sites`),
        notes_href: this.href(`company/companies/${id}/notes`),
      }),
    };
    return company;
  }

  contact(facts: {
    id: number;
    firstName: string;
    lastName: string;
    title: string;
    company: CompanyRecord;
    /** Omit for a contact with no email address (Manage allows it). */
    email?: { id: number; value: string; type: CommunicationTypeRecord };
    phone: { id: number; value: string; type: CommunicationTypeRecord };
    defaultFlag: boolean;
    defaultBillingFlag: boolean;
    updated: Stamp;
  }): ContactRecord {
    const id = facts.id;
    const communicationItems: Schemas['ContactCommunicationItem'][] = [];
    if (facts.email) {
      communicationItems.push({
        id: facts.email.id,
        type: this.communicationTypeRef(facts.email.type),
        value: facts.email.value,
        defaultFlag: true,
        domain: facts.email.value.slice(facts.email.value.indexOf('@')),
        communicationType: 'Email',
      });
    }
    communicationItems.push({
      id: facts.phone.id,
      type: this.communicationTypeRef(facts.phone.type),
      value: facts.phone.value,
      defaultFlag: true,
      communicationType: 'Phone',
    });
    const info = this.stamped(facts.updated, {
      communications_href: this.href(`company/contacts/${id}/communications`),
      notes_href: this.href(`company/contacts/${id}/notes`),
      tickets_href: this.href(`service/tickets?conditions=contact/id=${id}`),
      image_href: this.href(`company/contacts/${id}/image?lastModified=${isoUtc(facts.updated.at)}`),
    });
    return {
      id,
      firstName: facts.firstName,
      lastName: facts.lastName,
      company: this.companyRef(facts.company),
      inactiveFlag: false,
      title: facts.title,
      marriedFlag: false,
      childrenFlag: false,
      disablePortalLoginFlag: true,
      unsubscribeFlag: false,
      mobileGuid: this.guid('contact', id),
      defaultPhoneType: facts.phone.type.description,
      defaultPhoneNbr: facts.phone.value,
      defaultBillingFlag: facts.defaultBillingFlag,
      defaultFlag: facts.defaultFlag,
      communicationItems,
      _info: info,
    };
  }

  // ---- service tickets and what is charged to them ----

  ticket(facts: {
    id: number;
    summary: string;
    board: BoardRecord;
    status: ServiceStatusRecord;
    company: CompanyRecord;
    contact?: ContactRecord;
    priority: PriorityRecord;
    owner?: MemberRecord;
    billingMethod: BillingMethod;
    /** Fixed fee or not-to-exceed amount, for those billing methods. */
    billingAmount?: number;
    billTime: Billable;
    location: LocationRecord;
    department: DepartmentRecord;
    closed?: Stamp;
    entered: Stamp;
    updated: Stamp;
  }): TicketRecord {
    const id = facts.id;
    const contact = facts.contact;
    const email = contact?.communicationItems?.find((c) => c.communicationType === 'Email')?.value;
    const ticket: TicketRecord = {
      id,
      summary: facts.summary,
      recordType: 'ServiceTicket',
      board: this.boardRef(facts.board),
      status: this.serviceStatusRef(facts.status),
      company: this.companyRef(facts.company),
    };
    if (contact) {
      ticket.contact = this.contactRef(contact);
      ticket.contactName = contactName(contact);
      ticket.contactPhoneNumber = contact.defaultPhoneNbr ?? '';
      if (email) ticket.contactEmailAddress = email;
    }
    ticket.priority = this.priorityRef(facts.priority);
    if (facts.owner) ticket.owner = this.memberRef(facts.owner);
    ticket.severity = 'Medium';
    ticket.impact = 'Medium';
    ticket.allowAllClientsPortalView = false;
    ticket.customerUpdatedFlag = false;
    ticket.automaticEmailContactFlag = false;
    ticket.automaticEmailResourceFlag = false;
    ticket.automaticEmailCcFlag = false;
    if (facts.closed) {
      ticket.closedDate = isoUtc(facts.closed.at);
      ticket.closedBy = facts.closed.by;
    }
    ticket.closedFlag = facts.closed !== undefined;
    ticket.actualHours = 0; // summed from the time entries once they exist: see addTimeToTicket
    ticket.approved = true;
    ticket.billingMethod = facts.billingMethod;
    if (facts.billingAmount !== undefined) ticket.billingAmount = facts.billingAmount;
    ticket.hasChildTicket = false;
    ticket.hasMergedChildTicketFlag = false;
    ticket.billTime = facts.billTime;
    ticket.billExpenses = facts.billTime;
    ticket.billProducts = facts.billTime;
    ticket.location = this.locationRef(facts.location);
    ticket.department = this.departmentRef(facts.department);
    ticket.mobileGuid = this.guid('ticket', id);
    ticket._info = this.stamped(facts.updated, {
      dateEntered: isoUtc(facts.entered.at),
      enteredBy: facts.entered.by,
      activities_href: this.href(`sales/activities?conditions=ticket/id=${id}`),
      scheduleentries_href: this.href(`schedule/entries?conditions=type/id=4 AND objectId=${id}`),
      documents_href: this.href(`system/documents?recordType=Ticket&recordId=${id}`),
      configurations_href: this.href(`service/tickets/${id}/configurations`),
      tasks_href: this.href(`service/tickets/${id}/tasks`),
      notes_href: this.href(`service/tickets/${id}/notes`),
      products_href: this.href(`procurement/products?conditions=chargeToType='Ticket' AND chargeToId=${id}`),
      timeentries_href: this.href(
        `time/entries?conditions=(chargeToType='ServiceTicket' OR chargeToType='ProjectTicket') AND chargeToId=${id}`,
      ),
      expenseEntries_href: this.href(
        `expense/entries?conditions=(chargeToType='ServiceTicket' OR chargeToType='ProjectTicket') AND chargeToId=${id}`,
      ),
    });
    return ticket;
  }

  /** Keeps `ticket.actualHours` the sum of its time entries. */
  addTimeToTicket(ticket: TicketRecord, entry: TimeEntryRecord): void {
    ticket.actualHours = round2((ticket.actualHours ?? 0) + (entry.actualHours ?? 0));
  }

  /**
   * A time entry charged to a service ticket. Billed hours, rate and amount are derived
   * (time-entry-billing.ts), never given: the generator cannot produce an entry whose
   * arithmetic disagrees with its work type and role.
   */
  timeEntry(facts: {
    id: number;
    ticket: TicketRecord;
    board: BoardRecord;
    company: CompanyRecord;
    /** The company's first type, as Manage reports it in `companyType`. */
    companyType: CompanyTypeRecord;
    member: MemberRecord;
    workType: WorkTypeRecord;
    workRole: WorkRoleRecord;
    location: LocationRecord;
    department: DepartmentRecord;
    taxCode: TaxCodeRecord;
    start: number;
    end: number;
    billableOption: Billable;
    status: EntryStatus;
    notes: string;
    addToDetailDescriptionFlag: boolean;
    addToInternalAnalysisFlag: boolean;
    addToResolutionFlag: boolean;
    entered: Stamp;
    updated: Stamp;
  }): TimeEntryRecord {
    const actualHours = actualHoursBetween(facts.start, facts.end);
    const hours = billedHours(actualHours, facts.workType);
    const hourlyRate = timeEntryHourlyRate(facts.workRole, facts.workType);
    const hourlyCost = ((facts.member.hourlyCost ?? 0) * (facts.workType.costMultiplier ?? 1)).toFixed(2);
    const ticket = facts.ticket;
    return {
      id: facts.id,
      company: this.companyRef(facts.company),
      companyType: facts.companyType.name,
      chargeToId: ticket.id,
      chargeToType: 'ServiceTicket',
      member: this.memberRef(facts.member),
      locationId: facts.location.id,
      businessUnitId: facts.department.id,
      businessGroupDesc: facts.department.name,
      location: this.locationRef(facts.location),
      department: this.departmentRef(facts.department),
      workType: this.workTypeRef(facts.workType),
      workRole: this.workRoleRef(facts.workRole),
      territory: facts.company.territory?.name ?? '',
      timeStart: isoUtc(facts.start),
      timeEnd: isoUtc(facts.end),
      hoursDeduct: 0,
      actualHours,
      billableOption: facts.billableOption,
      notes: facts.notes,
      addToDetailDescriptionFlag: facts.addToDetailDescriptionFlag,
      addToInternalAnalysisFlag: facts.addToInternalAnalysisFlag,
      addToResolutionFlag: facts.addToResolutionFlag,
      emailResourceFlag: false,
      emailContactFlag: false,
      emailCcFlag: false,
      // Manage computes billed hours and the extended amount whatever the billable option:
      // the real sample is a DoNotBill entry with invoiceHours 1.0 and extendedInvoiceAmount 23800.
      hoursBilled: hours,
      invoiceHours: hours,
      hourlyCost,
      enteredBy: facts.entered.by,
      dateEntered: isoUtc(facts.entered.at),
      mobileGuid: this.guid('timeEntry', facts.id),
      hourlyRate,
      agreementHours: 0,
      agreementAmount: 0,
      agreementAdjustment: 0,
      adjustment: 0,
      // As the sample shows them; their semantics are unverified (docs/connectwise/billed-in-manage.md), so read billing state from `status`.
      invoiceReady: 0,
      status: facts.status,
      ticket: this.ticketRef(ticket),
      ticketBoard: facts.board.name,
      ticketStatus: ticket.status?.name ?? '',
      invoiceFlag: false,
      extendedInvoiceAmount: extendedInvoiceAmount(hours, hourlyRate),
      locationName: facts.location.name,
      taxCode: this.taxCodeRef(facts.taxCode),
      _info: {
        lastUpdated: isoUtc(facts.updated.at),
        updatedBy: facts.updated.by,
        chargeToMobileGuid: ticket.mobileGuid ?? '',
      },
    };
  }

  expenseEntry(facts: {
    id: number;
    ticket: TicketRecord;
    company: CompanyRecord;
    type: ExpenseTypeRecord;
    member: MemberRecord;
    amount: number;
    billableOption: Billable;
    date: number;
    location: LocationRecord;
    department: DepartmentRecord;
    notes: string;
    status: EntryStatus;
    updated: Stamp;
  }): ExpenseEntryRecord {
    // Invoice amount = amount plus the expense type's percentage markup (our model; unverified).
    const invoiceAmount = round2(facts.amount * (1 + (facts.type.invoiceMarkupAmount ?? 0) / 100));
    return {
      id: facts.id,
      company: this.companyRef(facts.company),
      chargeToId: facts.ticket.id,
      chargeToType: 'ServiceTicket',
      type: this.expenseTypeRef(facts.type),
      member: this.memberRef(facts.member),
      amount: facts.amount,
      billableOption: facts.billableOption,
      date: isoDate(facts.date),
      locationId: facts.location.id,
      businessUnitId: facts.department.id,
      notes: facts.notes,
      invoiceAmount,
      mobileGuid: this.guid('expenseEntry', facts.id),
      status: facts.status,
      billAmount: invoiceAmount,
      agreementAmount: 0,
      ticket: this.ticketRef(facts.ticket),
      _info: this.stamped(facts.updated),
    };
  }

  product(facts: {
    id: number;
    catalogItem: CatalogItemRecord;
    company: CompanyRecord;
    ticket?: TicketRecord;
    sequenceNumber: number;
    quantity: number;
    billableOption: ProductBillable;
    priceMethod: NonNullable<Schemas['ProductItem']['priceMethod']>;
    location: LocationRecord;
    department: DepartmentRecord;
    taxCode: TaxCodeRecord;
    cancelled?: { quantity: number; reason: string; by: MemberRecord; at: number };
    updated: Stamp;
  }): ProductRecord {
    const item = facts.catalogItem;
    const price = item.price ?? 0;
    const cost = item.cost ?? 0;
    // Extended figures use the ordered quantity; whether Manage subtracts cancelled units is unverified.
    const extPrice = round2(price * facts.quantity);
    const extCost = round2(cost * facts.quantity);
    const uomName = item.unitOfMeasure?.name ?? '';
    const product: ProductRecord = {
      id: facts.id,
      catalogItem: this.catalogItemRef(item),
      description: item.description,
      sequenceNumber: facts.sequenceNumber,
      quantity: facts.quantity,
      unitOfMeasure: item.unitOfMeasure,
      price,
      cost,
      extPrice,
      extCost,
      margin: round2(extPrice - extCost),
      agreementAmount: 0,
      priceMethod: facts.priceMethod,
      billableOption: facts.billableOption,
      locationId: facts.location.id,
      location: this.locationRef(facts.location),
      businessUnitId: facts.department.id,
      businessUnit: this.departmentRef(facts.department),
      vendorSku: '',
      taxableFlag: item.taxableFlag ?? false,
      dropshipFlag: false,
      specialOrderFlag: false,
      phaseProductFlag: false,
      cancelledFlag: facts.cancelled !== undefined,
      quantityCancelled: facts.cancelled?.quantity ?? 0,
      customerDescription: item.customerDescription,
      productSuppliedFlag: false,
      subContractorAmountLimit: 0,
      calculatedPriceFlag: false,
      calculatedCostFlag: false,
      taxCode: this.taxCodeRef(facts.taxCode),
      listPrice: price,
      company: this.companyRef(facts.company),
      productClass: item.productClass,
      needToPurchaseFlag: false,
      minimumStockFlag: false,
      poApprovedFlag: false,
      uom: uomName,
      _info: this.stamped(facts.updated),
    };
    if (facts.ticket) product.ticket = this.ticketRef(facts.ticket);
    if (facts.cancelled) {
      product.cancelledReason = facts.cancelled.reason;
      product.cancelledBy = facts.cancelled.by.id;
      product.cancelledDate = isoUtc(facts.cancelled.at);
    }
    return product;
  }

  // ---- agreements ----

  agreement(facts: {
    id: number;
    name: string;
    type: AgreementTypeRecord;
    company: CompanyRecord;
    contact: ContactRecord;
    location: LocationRecord;
    department: DepartmentRecord;
    taxCode: TaxCodeRecord;
    start: number;
    billAmount: number;
    cancelled?: { at: number; reason: string };
    entered: Stamp;
    updated: Stamp;
  }): AgreementRecord {
    const agreement: AgreementRecord = {
      id: facts.id,
      name: facts.name,
      type: this.agreementTypeRef(facts.type),
      company: this.companyRef(facts.company),
      contact: this.contactRef(facts.contact),
      location: this.locationRef(facts.location),
      department: this.departmentRef(facts.department),
      restrictLocationFlag: false,
      restrictDepartmentFlag: false,
      startDate: isoDate(facts.start),
      noEndingDateFlag: true,
      cancelledFlag: facts.cancelled !== undefined,
      applicationUnits: 'Amount',
      applicationLimit: 0,
      applicationCycle: 'CalendarMonth',
      applicationUnlimitedFlag: false,
      oneTimeFlag: false,
      coverAgreementTime: false,
      coverAgreementProduct: false,
      coverAgreementExpense: false,
      coverSalesTax: false,
      carryOverUnused: false,
      allowOverruns: false,
      expiredDays: 0,
      limit: 0,
      expireWhenZero: false,
      chargeToFirm: false,
      employeeCompRate: 'Actual',
      employeeCompNotExceed: 'Billing',
      compHourlyRate: 0,
      compLimitAmount: 0,
      billOneTimeFlag: false,
      invoicingCycle: 'CalendarYear',
      billAmount: facts.billAmount,
      taxable: true,
      prorateFirstBill: 0,
      billStartDate: isoDate(facts.start),
      taxCode: this.taxCodeRef(facts.taxCode),
      restrictDownPayment: false,
      prorateFlag: false,
      invoiceDescription: facts.name,
      topComment: false,
      bottomComment: false,
      billTime: 'Billable',
      billExpenses: 'Billable',
      billProducts: 'Billable',
      billableTimeInvoice: false,
      billableExpenseInvoice: false,
      billableProductInvoice: false,
      periodType: 'Current',
      autoInvoiceFlag: false,
      agreementStatus: facts.cancelled ? 'Cancelled' : 'Active',
      _info: this.stamped(facts.updated, {
        dateEntered: isoUtc(facts.entered.at),
        enteredBy: facts.entered.by,
        additions_href: this.href(`finance/agreements/${facts.id}/additions`),
      }),
    };
    if (facts.cancelled) {
      agreement.dateCancelled = isoUtc(facts.cancelled.at);
      agreement.reasonCancelled = facts.cancelled.reason;
    }
    return agreement;
  }

  agreementAddition(facts: {
    id: number;
    agreement: AgreementRecord;
    catalogItem: CatalogItemRecord;
    quantity: number;
    unitPrice: number;
    sequenceNumber: number;
    billCustomer: ProductBillable;
    effective: number;
    cancelled?: number;
    updated: Stamp;
  }): AgreementAdditionRecord {
    const item = facts.catalogItem;
    const unitCost = item.cost ?? 0;
    const extPrice = round2(facts.unitPrice * facts.quantity);
    const extCost = round2(unitCost * facts.quantity);
    const addition: AgreementAdditionRecord = {
      id: facts.id,
      product: this.ivItemRef(item),
      quantity: facts.quantity,
      lessIncluded: 0,
      unitPrice: facts.unitPrice,
      unitCost,
      billCustomer: facts.billCustomer,
      effectiveDate: isoDate(facts.effective),
      taxableFlag: item.taxableFlag ?? false,
      invoiceDescription: item.customerDescription,
      purchaseItemFlag: false,
      specialOrderFlag: false,
      agreementId: facts.agreement.id,
      description: item.description,
      billedQuantity: facts.quantity,
      uom: item.unitOfMeasure?.name ?? '',
      extPrice,
      extCost,
      sequenceNumber: facts.sequenceNumber,
      margin: round2(extPrice - extCost),
      prorateCurrentPeriodFlag: false,
      agreementStatus: facts.agreement.agreementStatus,
      _info: this.stamped(facts.updated),
    };
    if (facts.cancelled !== undefined) addition.cancelledDate = isoDate(facts.cancelled);
    return addition;
  }
}

export function contactName(contact: { firstName?: string; lastName?: string }): string {
  return [contact.firstName, contact.lastName].filter(Boolean).join(' ');
}

function deepFreeze<T extends object>(value: T): T {
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (child && typeof child === 'object' && !Object.isFrozen(child)) deepFreeze(child);
  }
  return Object.freeze(value);
}
