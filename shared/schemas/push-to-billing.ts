/**
 * What "push to billing now" did with one time entry: the ticket pod shows it,
 * the CLI's `push-ticket` prints it. `reason` is one of the quarantine reasons
 * (server/src/quarantine/reasons.ts) and `details` what the quarantine recorded.
 */
export type PushedTimeEntry = { timeEntryId: number } & (
  | {
      outcome: 'charge_added' | 'charge_updated' | 'already_present';
      chargeSource: string;
      chargeId: number | null;
      invoiceId: number | null;
      explanation: string | null;
    }
  | { outcome: 'quarantined'; reason: string; details: Record<string, unknown> }
  /** Not billable or not approved to bill (or ignored in quarantine): `why` says which. */
  | { outcome: 'skipped'; why: string }
);

/** "Push to billing now" for every time entry of a service ticket. */
export interface PushedTicket {
  ticketId: number;
  timeEntries: PushedTimeEntry[];
}
