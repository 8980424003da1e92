import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../../../shared/api-client.js';
import type { SyncRun } from '../../../../shared/schemas/module-pages.js';
import { StateMessage } from '../state-message.js';
import { describeApiError } from '../describe-api-error.js';

/** Sync runs: history with counts and errors, and "sync now". */
export function RunsPage(props: { api: ApiClient }) {
  const [runs, setRuns] = useState<SyncRun[] | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const load = () =>
    props.api
      .syncRuns(20)
      .then((r) => setRuns(r.items))
      .catch((e: unknown) => setError(describeApiError(e)));
  useEffect(() => void load(), []);

  const syncNow = async (mode: 'incremental' | 'full') => {
    setBusy(true);
    setMessage(
      mode === 'full' ? 'Full sync running (this also sweeps records deleted in ConnectWise)…' : 'Syncing what changed in ConnectWise…',
    );
    try {
      const run = await props.api.syncNow(mode);
      setMessage(
        `Sync ${run.status}: ${run.added} added, ${run.updated} updated, ${run.quarantined} quarantined in ${((run.durationMs ?? 0) / 1000).toFixed(1)} s.`,
      );
    } catch (e) {
      setMessage(describeApiError(e));
    } finally {
      setBusy(false);
      void load();
    }
  };

  if (error) return <StateMessage kind="error">{error}</StateMessage>;
  if (!runs) return <StateMessage kind="loading">Loading sync runs…</StateMessage>;
  return (
    <section class="cwb" aria-label="Sync runs" data-testid="runs-page">
      <h2>Sync runs</h2>
      <p class="cwb-summary">
        <button type="button" disabled={busy} onClick={() => void syncNow('incremental')}>
          Sync now
        </button>
        <button type="button" disabled={busy} onClick={() => void syncNow('full')}>
          Full sync
        </button>
      </p>
      <p role="status" data-testid="sync-message">
        {message}
      </p>
      {runs.length === 0 ? (
        <p class="cwb-state">
          No sync has run yet. Press "Sync now" to bring ConnectWise's companies, contacts, time, products and expenses in.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Mode</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Added
              </th>
              <th scope="col" class="num">
                Updated
              </th>
              <th scope="col" class="num">
                Unchanged
              </th>
              <th scope="col" class="num">
                Quarantined
              </th>
              <th scope="col" class="num">
                Seconds
              </th>
              <th scope="col">Errors</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id} data-testid="sync-run">
                <td>{run.startedAt.replace('T', ' ').slice(0, 19)}</td>
                <td>
                  {run.mode}
                  <div class="cwb-explain">{run.trigger}</div>
                </td>
                <td>
                  <RunStatus run={run} />
                </td>
                <td class="num">{run.added}</td>
                <td class="num">{run.updated}</td>
                <td class="num">{run.unchanged}</td>
                <td class="num">{run.quarantined}</td>
                <td class="num">{run.durationMs === null ? '—' : (run.durationMs / 1000).toFixed(1)}</td>
                <td>{run.errors.length ? run.errors.join('; ') : 'none'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * A run's status, and what the bare word leaves out: an interrupted run did not fail on its
 * own, its process stopped; a run that picked up such a run's checkpoints says which.
 */
export function RunStatus({ run }: { run: SyncRun }) {
  const resumed = run.resumedFrom;
  return (
    <>
      <span data-testid="sync-run-status">{run.status}</span>
      {run.status === 'interrupted' && (
        <div class="cwb-explain" data-testid="sync-run-interrupted">
          Stopped before it finished (its process was killed or restarted). The counts are what it had saved; the next run carries on from
          where it stopped.
        </div>
      )}
      {resumed && (
        <div class="cwb-explain" data-testid="sync-run-resumed">
          Resumed run #{resumed.runId} from its checkpoint:{' '}
          {resumed.streams.map((s) => `${s.stream.replace(/_/g, ' ')} after id ${s.afterId}`).join(', ')}.
        </div>
      )}
    </>
  );
}
