/**
 * Every selector of Manage's pages that the extension relies on, in one place
 * (docs/connectwise/screens.md). Only stable names: `cw_*`, `pod_*`,
 * `mm_*`, `gwt-*`; never GWT's generated class names.
 */
export const SELECTORS = {
  contentRoot: '#cwContent, .cw-WorkspaceView',
  ticketBannerLabel: '.cw_BannerView .detailLabel, .cw_CwLabel, .gwt-Label',
  ticketHeader: '.pod_ticketHeader',
  ticketSummary: '.pod_ticketSummary',
  timeEntryDetails: '.pod_timeEntryDetails',
  timeSheetMarkers: '#mytimesheetdaygrid-listview-scroller, .mytimesheetlist, .TimeSheet',
  modalWindow: '.cw-gxt-wnd',
  companyField: 'input.cw_company',
  chargeTo: 'input.cw_ChargeToTextBox, input[id$="ChargeToTextBox"]',
  // [inferred] The time entry's work role, work type and hours fields: docs/connectwise/screens.md names only the
  // container and "Charge To"; these follow Manage's cw_<Field> naming and are checked on the simulator.
  timeEntryWorkRole: '.pod_timeEntryDetails select.cw_WorkRole',
  timeEntryWorkType: '.pod_timeEntryDetails select.cw_WorkType',
  timeEntryHours: '.pod_timeEntryDetails input.cw_Hours',
  banner: '.cw_BannerView',
  invoiceBanner: '.cw_BannerView .detailLabel',
} as const;

/** Query parameters that carry a ticket id, matched case-insensitively. */
export const TICKET_ID_PARAMS = ['service_recid', 'recid', 'serviceticketid', 'srrecid'] as const;

export const TICKET_BANNER_PATTERN = /^\s*Service Ticket #(\d+)\b/;
export const TICKET_TITLE_PATTERN = /^#(\d+)\s+-\s/;

/**
 * Record screens by the names their addresses carry: deep links
 * `openrecord.rails?recordType=CompanyFV&recid=ID` (docs/connectwise/screens.md), shell routes
 * `ConnectWise.aspx??CompanyDetail&recid=ID`; invoices by analogy [inferred].
 */
export const RECORD_ROUTE_NAMES = {
  company: ['companyfv', 'companydetail'],
  invoice: ['invoicefv', 'invoicedetail'],
  agreement: ['agreementfv', 'agreementdetail'],
} as const;

/** "Charge To" shows `#<ticket id> - <summary>` when time is entered against a ticket. */
export const CHARGE_TO_TICKET_PATTERN = /^#(\d+)\s+-\s/;
