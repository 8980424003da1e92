import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../../shared/api-client.js';
import type { TicketBilling, TicketTimeEntry } from '../../../shared/schemas/ticket-billing.js';
import { TicketBillingTable } from '../../../shared/ui/time-entry-table.js';
import { StateMessage } from './state-message.js';
import { describeApiError } from './describe-api-error.js';
import { FlagControl } from './flag-control.js';
import { QuarantineActions } from './quarantine-actions.js';
import { POWERS } from '../../../shared/powers.js';
import { describePushOutcome } from './push-outcome.js';

/** The ticket pod: every time entry on the ticket and how it bills. */
export function TicketBillingView(props: {
  api: ApiClient;
  ticketId: number;
  refreshKey: number;
  onDirty: (entryId: number, dirty: boolean) => void;
  powers: readonly string[];
  onUnmappedWork: (warnings: string[]) => void;
}) {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready'; billing: TicketBilling } | { kind: 'error'; message: string }>({
    kind: 'loading',
  });

  const [reload, setReload] = useState(0);
  // The Refresh button: the next load reads the ticket from ConnectWise, not what the server holds.
  const [refreshing, setRefreshing] = useState(false);
  const [pushMessage, setPushMessage] = useState('');
  const [pushing, setPushing] = useState(false);
  useEffect(() => {
    let current = true;
    if (reload === 0) setState({ kind: 'loading' });
    props.api
      .ticketBilling(props.ticketId, { refresh: refreshing })
      .finally(() => current && setRefreshing(false))
      .then((billing) => {
        if (!current) return;
        setState({ kind: 'ready', billing });
        props.onUnmappedWork(unmappedWorkWarnings(billing));
      })
      .catch((error: unknown) => current && setState({ kind: 'error', message: describeApiError(error) }));
    return () => {
      current = false;
    };
  }, [props.ticketId, props.refreshKey, reload]);

  if (state.kind === 'loading') return <StateMessage kind="loading">Loading the ticket's billing…</StateMessage>;
  if (state.kind === 'error') return <StateMessage kind="error">{state.message}</StateMessage>;
  const apply = async (entryId: number, flag: 'Billable' | 'DoNotBill' | 'NoCharge') => {
    try {
      await props.api.flagTimeEntry(entryId, flag);
    } catch (error) {
      throw new Error(describeApiError(error));
    }
    setReload((n) => n + 1);
  };
  const push = async (entryId: number | 'all') => {
    setPushing(true);
    setPushMessage(entryId === 'all' ? 'Pushing every entry of this ticket…' : `Pushing entry ${entryId}…`);
    try {
      const pushed =
        entryId === 'all' ? (await props.api.pushTicket(props.ticketId)).timeEntries : [await props.api.pushTimeEntry(entryId)];
      setPushMessage(pushed.map(describePushOutcome).join(' '));
    } catch (error) {
      setPushMessage(describeApiError(error));
    } finally {
      setPushing(false);
      setReload((n) => n + 1);
    }
  };
  const canResolve = props.powers.includes(POWERS.quarantine);
  const pushable = (entry: TicketTimeEntry) =>
    entry.state !== 'not-billable' && ['not-pushed', 'waiting-approval'].includes(entry.billing.status);
  const resolve = async (action: 'retry' | 'create' | 'ignore', quarantineId: number) => {
    try {
      await props.api.quarantineAction(action, [quarantineId]);
    } catch (error) {
      throw new Error(describeApiError(error));
    }
    setReload((n) => n + 1);
  };
  return (
    <>
      <p class="cwb cwb-summary">
        <button type="button" disabled={pushing || !state.billing.timeEntries.some(pushable)} onClick={() => void push('all')}>
          Push all to billing
        </button>
        <button
          type="button"
          disabled={refreshing}
          onClick={() => {
            setRefreshing(true);
            setReload((n) => n + 1);
          }}
        >
          Refresh from ConnectWise
        </button>
        <span role="status" data-testid="push-message">
          {pushMessage}
        </span>
      </p>
      <TicketBillingTable
        billing={state.billing}
        actions={(entry) => (
          <>
            <FlagControl
              key={`${entry.id}-${entry.billableOption}`}
              entry={entry}
              onApply={(flag) => apply(entry.id, flag)}
              onDirty={props.onDirty}
            />
            {pushable(entry) ? (
              <button type="button" disabled={pushing} onClick={() => void push(entry.id)} style={{ marginTop: '4px' }}>
                Push to billing
              </button>
            ) : null}
            {canResolve && entry.billing.status === 'quarantined' && entry.billing.quarantine ? (
              <QuarantineActions
                reason={entry.billing.quarantine.reason}
                onAction={(action) => resolve(action, entry.billing.quarantine!.id)}
              />
            ) : null}
          </>
        )}
      />
    </>
  );
}

/** Time entries whose work role × work type has no billing product: Manage's Save warns about them once. */
function unmappedWorkWarnings(billing: TicketBilling): string[] {
  return billing.timeEntries
    .filter((e) => e.billing.status === 'quarantined' && e.billing.quarantine?.reason === 'unmapped_work_role_type')
    .map((e) => `Time entry ${e.id} (${e.workRole ?? '?'} × ${e.workType ?? '?'}) has no billing product mapped.`);
}
