/**
 * How long the ticket billing view trusts the records it holds without reading the ticket
 * from Manage again. Callbacks and the sync keep the records current, but Manage does not
 * promise every callback arrives, product sales have no callback at all, and nothing tells
 * of a changed ticket summary (docs/connectwise/callbacks.md#what-callbacks-do-not-promise):
 * after this long a view reads the ticket whole once more, at most four requests per ticket
 * in this time however often it is viewed.
 */
export const SYNCED_TICKET_MAX_AGE_MS = 15 * 60 * 1000;

export function isStale(readAt: string, now: Date): boolean {
  const read = Date.parse(readAt);
  return Number.isNaN(read) || now.getTime() - read > SYNCED_TICKET_MAX_AGE_MS;
}
