import { SELECTORS, TICKET_BANNER_PATTERN, TICKET_ID_PARAMS, TICKET_TITLE_PATTERN } from './selectors.js';

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
