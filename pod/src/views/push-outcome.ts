import type { PushedTimeEntry } from '../../../shared/schemas/push-to-billing.js';

/** One sentence a technician understands for what "push to billing" did. */
export function describePushOutcome(pushed: PushedTimeEntry): string {
  switch (pushed.outcome) {
    case 'charge_added':
      return `Entry ${pushed.timeEntryId} is now a pending charge on the next invoice.`;
    case 'charge_updated':
      return `Entry ${pushed.timeEntryId}: its pending charge now follows ConnectWise.`;
    case 'already_present':
      return `Entry ${pushed.timeEntryId} was already in billing; nothing was added twice.`;
    case 'quarantined':
      return `Entry ${pushed.timeEntryId} could not be billed (${pushed.reason.replaceAll('_', ' ')}): it waits in the quarantine.`;
    case 'skipped':
      return `Entry ${pushed.timeEntryId} was not pushed: ${pushed.why}.`;
  }
}
