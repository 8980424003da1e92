/**
 * Every selector of Manage's pages that the extension relies on, in one place
 * (../shared/connectwise/SCREENS.md). Only stable names: `cw_*`, `pod_*`,
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
  banner: '.cw_BannerView',
} as const;

/** Query parameters that carry a ticket id, matched case-insensitively. */
export const TICKET_ID_PARAMS = ['service_recid', 'recid', 'serviceticketid', 'srrecid'] as const;

export const TICKET_BANNER_PATTERN = /^\s*Service Ticket #(\d+)\b/;
export const TICKET_TITLE_PATTERN = /^#(\d+)\s+-\s/;

/** Company deep links: `openrecord.rails?recordType=CompanyFV&recid=ID` and the shell route `??CompanyFV&recid=ID`. */
export const COMPANY_RECORD_TYPE = 'companyfv';
