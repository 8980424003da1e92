import { RECORD_ROUTE_NAMES, SELECTORS, TICKET_BANNER_PATTERN, TICKET_ID_PARAMS, TICKET_TITLE_PATTERN } from './selectors.js';

/**
 * Pure predicates over an address and a document: which Manage screen is this?
 * Examples of what each accepts sit in page-detect.test.ts.
 */
export function isTimeSheetScreen(doc: Document): boolean {
  return doc.querySelector(SELECTORS.timeSheetMarkers) !== null;
}

/** The ticket id of a service ticket screen, or null on any other screen. */
export function ticketIdOf(url: URL, doc: Document): number | null {
  if (isTimeSheetScreen(doc)) return null;
  for (const label of doc.querySelectorAll(SELECTORS.ticketBannerLabel)) {
    const match = TICKET_BANNER_PATTERN.exec(label.textContent ?? '');
    if (match) return Number(match[1]);
  }
  if (/ticket|fv_sr100_request|ServiceTicket/i.test(url.pathname + url.search)) {
    for (const [key, value] of url.searchParams) {
      if ((TICKET_ID_PARAMS as readonly string[]).includes(key.toLowerCase()) && /^\d+$/.test(value)) return Number(value);
    }
    const title = TICKET_TITLE_PATTERN.exec(doc.title);
    if (title && doc.querySelector(SELECTORS.ticketHeader)) return Number(title[1]);
  }
  return null;
}

export function isTicketScreen(url: URL, doc: Document): boolean {
  return ticketIdOf(url, doc) !== null;
}

/** The `recid` of an address naming one of `routeNames`, as a deep link's recordType or a shell route. */
function recordIdFor(url: URL, routeNames: readonly string[]): number | null {
  const params = new Map<string, string>();
  // The shell's route (`??CompanyDetail&recid=250`) is not a normal query string: read its parts by hand.
  for (const part of url.search.replace(/^\?+/, '').split('&')) {
    const [key, value = ''] = part.split('=');
    params.set(decodeURIComponent(key).toLowerCase(), decodeURIComponent(value));
  }
  const named = routeNames.includes(params.get('recordtype')?.toLowerCase() ?? '') || routeNames.some((n) => params.has(n));
  const id = params.get('recid');
  return named && id && /^\d+$/.test(id) ? Number(id) : null;
}

/**
 * The company id of a company screen, or null. The id is not on the page, so
 * it comes from the address, and the page must show the company field and
 * not be a ticket.
 */
export function companyIdOf(url: URL, doc: Document): number | null {
  if (ticketIdOf(url, doc) !== null || !doc.querySelector(SELECTORS.companyField)) return null;
  return recordIdFor(url, RECORD_ROUTE_NAMES.company);
}

/** The id of a ConnectWise invoice screen (a screen the Hosted API cannot host pods on). */
export function invoiceIdOf(url: URL, doc: Document): number | null {
  if (ticketIdOf(url, doc) !== null || !/^\s*Invoice\b/.test(doc.querySelector(SELECTORS.invoiceBanner)?.textContent ?? '')) return null;
  return recordIdFor(url, RECORD_ROUTE_NAMES.invoice);
}

export function isInvoiceScreen(url: URL, doc: Document): boolean {
  return invoiceIdOf(url, doc) !== null;
}

export function isCompanyScreen(url: URL, doc: Document): boolean {
  return companyIdOf(url, doc) !== null;
}

/** A time entry screen (being filled in or opened), never a time sheet. */
export function isTimeEntryScreen(_url: URL, doc: Document): boolean {
  return !isTimeSheetScreen(doc) && doc.querySelector(SELECTORS.timeEntryDetails) !== null;
}

/** The id of a ConnectWise agreement screen (another screen the Hosted API cannot host). */
export function agreementIdOf(url: URL, doc: Document): number | null {
  if (ticketIdOf(url, doc) !== null || !/^\s*Agreement\b/.test(doc.querySelector(SELECTORS.invoiceBanner)?.textContent ?? '')) return null;
  return recordIdFor(url, RECORD_ROUTE_NAMES.agreement);
}

export function isAgreementScreen(url: URL, doc: Document): boolean {
  return agreementIdOf(url, doc) !== null;
}
