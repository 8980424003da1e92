import { useEffect, useRef, useState } from 'preact/hooks';
import { createApiClient, ApiClientError, type ApiClient } from '../../../shared/api-client.js';
import { HostedApi, type ScreenObject } from '../hosted-api.js';
import { TicketBillingView } from './ticket-billing.js';
import { CompanyBillingView } from './company-billing.js';
import { StateMessage } from './state-message.js';
import { ModulePages, isModulePage } from './pages/module-pages.js';
import { TokenSignIn } from './token-sign-in.js';
import { createBillingDeskClient } from '../api/billing-desk.js';

type Phase =
  | { kind: 'connecting' }
  | { kind: 'needs-token' }
  | { kind: 'signed-in'; api: ApiClient; screen: ScreenObject | null; powers: string[] }
  | { kind: 'error'; message: string };

/**
 * Inside Manage: connects over the Hosted API, signs the member in with the
 * hash Manage hands over, then shows the view for the screen or the tab.
 * Opened on its own (an admin's browser tab): asks for an API token.
 */
export function App(props: { initialScreen: string | null; initialId: number | null; page: string | null }) {
  const [phase, setPhase] = useState<Phase>(window.parent === window ? { kind: 'needs-token' } : { kind: 'connecting' });
  const [refreshKey, setRefreshKey] = useState(0);
  const token = useRef<string | null>(null);
  const hostedRef = useRef<HostedApi | null>(null);
  const api = useRef(createApiClient({ baseUrl: location.origin, getToken: () => token.current })).current;
  const desk = useRef(createBillingDeskClient({ baseUrl: location.origin, getToken: () => token.current })).current;
  // Entries with a flag chosen but not applied: Manage shows the screen as unsaved.
  const unapplied = useRef(new Set<number>());
  // Unmapped work on this ticket: the first Save warns (Manage shows the messages), a second Save goes through.
  const unmappedWarnings = useRef<string[]>([]);
  const warnedFor = useRef('');
  const onDirty = (entryId: number, dirty: boolean) => {
    if (dirty) unapplied.current.add(entryId);
    else unapplied.current.delete(entryId);
    hostedRef.current?.setDirty(unapplied.current.size > 0);
  };

  useEffect(() => {
    if (window.parent === window) return;
    let stop: (() => void) | undefined;
    let screen: ScreenObject | null =
      props.initialScreen && props.initialId ? { screen: props.initialScreen, id: props.initialId, hostedAs: 'pod' } : null;
    void (async () => {
      const config = await fetch('/pod-config.json').then((r) => r.json() as Promise<{ manageOrigins: string[] }>);
      const hosted = new HostedApi(config.manageOrigins, {
        onLoad: (s) => {
          screen = s;
          setPhase((p) => (p.kind === 'signed-in' ? { ...p, screen: s } : p));
          setRefreshKey((k) => k + 1);
        },
        beforeSave: () => {
          if (unapplied.current.size > 0)
            return { result: 'failure', errors: ['The Billing pod has flag changes that are not applied: apply or undo them first.'] };
          const warnings = unmappedWarnings.current;
          const key = warnings.join('|');
          if (warnings.length > 0 && warnedFor.current !== key) {
            warnedFor.current = key;
            return {
              result: 'failure',
              errors: [...warnings, 'Save again to save the ticket anyway; these entries wait in the billing quarantine.'],
            };
          }
          return { result: 'success' };
        },
      });
      hostedRef.current = hosted;
      stop = hosted.start();
      try {
        const auth = await hosted.getMemberAuthentication();
        const session = await api.signInMember({
          memberid: auth.memberid,
          memberHash: auth.memberHash,
          memberContext: auth.memberContext,
          companyid: auth.companyid,
        });
        token.current = session.token;
        setPhase({ kind: 'signed-in', api, screen, powers: session.powers });
      } catch (error) {
        setPhase({ kind: 'error', message: describeSignInError(error) });
      }
    })();
    return () => stop?.();
  }, []);

  const signInWithToken = async (value: string): Promise<string | null> => {
    token.current = value;
    try {
      const me = await api.whoAmI();
      setPhase({ kind: 'signed-in', api, screen: null, powers: me.powers });
      return null;
    } catch (error) {
      token.current = null;
      return describeSignInError(error);
    }
  };

  if (phase.kind === 'needs-token') return <TokenSignIn onToken={signInWithToken} />;
  if (phase.kind === 'connecting') return <StateMessage kind="loading">Connecting to ConnectWise…</StateMessage>;
  if (phase.kind === 'error') return <StateMessage kind="error">{phase.message}</StateMessage>;
  if (isModulePage(props.page) || (window.parent === window && !phase.screen)) {
    const companyId = phase.screen?.screen === 'company' ? phase.screen.id : null;
    return (
      <ModulePages
        api={phase.api}
        desk={desk}
        powers={phase.powers}
        initial={isModulePage(props.page) ? props.page : 'runs'}
        companyId={companyId}
        showNav={window.parent === window}
      />
    );
  }
  if (!phase.screen) return <StateMessage kind="loading">Waiting for ConnectWise to open the record…</StateMessage>;
  if (phase.screen.screen === 'ticket') {
    return (
      <TicketBillingView
        api={phase.api}
        ticketId={phase.screen.id}
        refreshKey={refreshKey}
        onDirty={onDirty}
        powers={phase.powers}
        onUnmappedWork={(w) => (unmappedWarnings.current = w)}
      />
    );
  }
  if (phase.screen.screen === 'company')
    return <CompanyBillingView api={phase.api} companyId={phase.screen.id} refreshKey={refreshKey} powers={phase.powers} />;
  return (
    <StateMessage kind="empty">
      This pod shows billing on service tickets and companies; it has nothing to show on a {phase.screen.screen} screen.
    </StateMessage>
  );
}

function describeSignInError(error: unknown): string {
  if (error instanceof ApiClientError) {
    if (error.status === 0) return 'The billing server cannot be reached. Check your connection, then reload the screen.';
    return error.body?.message ?? `Sign-in failed (${error.status}). Reload the screen to try again.`;
  }
  return `${(error as Error).message} Reload the screen to try again.`;
}
