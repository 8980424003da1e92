import { useState } from 'preact/hooks';
import { InlineError } from './inline-error.js';

/** Resolving actions for a quarantined entry, shown only to holders of the quarantine power. */
export function QuarantineActions(props: { reason: string; onAction: (action: 'retry' | 'create' | 'ignore') => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const run = async (action: 'retry' | 'create' | 'ignore') => {
    setBusy(true);
    setError('');
    try {
      await props.onAction(action);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset aria-label="Resolve quarantine" data-testid="quarantine-actions" style={{ marginTop: '4px' }}>
      <button type="button" disabled={busy} onClick={() => void run('retry')}>
        Retry
      </button>{' '}
      {props.reason === 'unmapped_work_role_type' ? (
        <button type="button" disabled={busy} onClick={() => void run('create')}>
          Create product
        </button>
      ) : null}{' '}
      <button type="button" disabled={busy} onClick={() => void run('ignore')}>
        Ignore
      </button>
      <InlineError message={error} />
    </fieldset>
  );
}
