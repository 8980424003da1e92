import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { ExtensionResponse, ExtensionStatus } from '../../../shared/messages.js';

type State = { kind: 'loading' } | { kind: 'ready'; status: ExtensionStatus } | { kind: 'error'; message: string };

/** The toolbar popup: connection, the quarantine count, the last sync, and "sync now". */
function Popup() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [syncMessage, setSyncMessage] = useState('');
  const load = () =>
    void (browser.runtime.sendMessage({ type: 'status' }) as Promise<ExtensionResponse<ExtensionStatus>>).then((answer) =>
      setState(answer.ok ? { kind: 'ready', status: answer.data } : { kind: 'error', message: answer.error.message }),
    );
  useEffect(load, []);

  const syncNow = async () => {
    setSyncMessage('Syncing…');
    const answer = (await browser.runtime.sendMessage({ type: 'sync-now' })) as ExtensionResponse<{
      status: string;
      added: number;
      quarantined: number;
    }>;
    setSyncMessage(
      answer.ok ? `Sync ${answer.data.status}: ${answer.data.added} added, ${answer.data.quarantined} quarantined.` : answer.error.message,
    );
    load();
  };

  return (
    <main style={{ font: '13px Arial, sans-serif', padding: '8px', minWidth: '260px' }}>
      {state.kind === 'loading' ? <p role="status">Checking the connection…</p> : null}
      {state.kind === 'error' ? (
        <p role="alert" data-testid="popup-error">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'ready' ? (
        <>
          <p>Connected as {state.status.name}.</p>
          {state.status.quarantineOpen === null ? null : (
            <p data-testid="quarantine-count">
              Quarantine: <strong>{state.status.quarantineOpen}</strong> open
            </p>
          )}
          <p data-testid="last-sync">
            {state.status.lastRun
              ? `Last sync ${state.status.lastRun.startedAt.replace('T', ' ').slice(0, 16)} UTC: ${state.status.lastRun.status}, ${state.status.lastRun.added} added, ${state.status.lastRun.quarantined} quarantined.`
              : 'No sync has run yet.'}
          </p>
          <button type="button" onClick={() => void syncNow()}>
            Sync now
          </button>
          <p role="status">{syncMessage}</p>
        </>
      ) : null}
      <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
        Options
      </button>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
