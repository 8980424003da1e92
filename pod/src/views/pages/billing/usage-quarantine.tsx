import { useEffect, useState } from 'preact/hooks';
import type { UsageQuarantineItem } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';

/**
 * Open usage items (Emersion's cleanse): re-process sends records through identify → bucket →
 * rate again once the cause is fixed; write-off closes them, never to be billed.
 */
export function UsageQuarantine(props: { desk: BillingDeskClient; reloadKey: number; onChanged: () => void }) {
  const [items, setItems] = useState<UsageQuarantineItem[] | null>(null);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    props.desk
      .usageQuarantine()
      .then((rows) => {
        setItems(rows);
        setSelected(new Set());
      })
      .catch((e: unknown) => setMessage(describeApiError(e)));
  }, [props.reloadKey]);

  const act = async (action: 'reprocess' | 'write-off', ids: number[]) => {
    setBusy(true);
    try {
      if (action === 'reprocess') {
        const { items: count, rating } = await props.desk.reprocessUsage(ids);
        setMessage(
          `Re-processed ${count} items: ${rating.recordsRated} records rated, ${rating.recordsQuarantined} still quarantined, ${rating.chargesAdded} charges added.`,
        );
      } else {
        const { items: count } = await props.desk.writeOffUsage(ids);
        setMessage(`Wrote off ${count} items: they will never be billed.`);
      }
      props.onChanged();
    } catch (e) {
      setMessage(describeApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (!items) return <p role="status">{message || 'Loading the usage quarantine…'}</p>;
  const ids = [...selected];
  return (
    <div data-testid="usage-quarantine">
      <fieldset class="cwb-summary" aria-label="Usage quarantine actions">
        <span>
          {items.length} open, {selected.size} selected
        </span>
        <button type="button" disabled={busy || ids.length === 0} onClick={() => void act('reprocess', ids)}>
          Re-process selected
        </button>
        <button type="button" disabled={busy || ids.length === 0} onClick={() => void act('write-off', ids)}>
          Write off selected
        </button>
      </fieldset>
      <p role="status" data-testid="usage-quarantine-message">
        {message}
      </p>
      {items.length === 0 ? (
        <p class="cwb-state">Nothing waits here: all imported usage was rated.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all usage items"
                  checked={items.every((i) => selected.has(i.id))}
                  onChange={(e) => setSelected(e.currentTarget.checked ? new Set(items.map((i) => i.id)) : new Set())}
                />
              </th>
              <th scope="col">Usage</th>
              <th scope="col">Problem and fix</th>
              <th scope="col">Since</th>
              <th scope="col">
                <span class="cwb-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-testid="usage-quarantine-item" data-reason={item.reason}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select usage item ${item.id}`}
                    checked={selected.has(item.id)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.currentTarget.checked) next.add(item.id);
                      else next.delete(item.id);
                      setSelected(next);
                    }}
                  />
                </td>
                <td>{describeUsage(item)}</td>
                <td>
                  <strong>{String(item.details.title ?? item.reason.replaceAll('_', ' '))}</strong>
                  <div class="cwb-explain">{String(item.details.recommendedFix ?? '')}</div>
                </td>
                <td>{item.firstSeenAt.slice(0, 10)}</td>
                <td>
                  {item.entity === 'usage_record' ? (
                    <button type="button" disabled={busy} onClick={() => void act('reprocess', [item.id])}>
                      Re-process
                    </button>
                  ) : null}{' '}
                  <button type="button" disabled={busy} onClick={() => void act('write-off', [item.id])}>
                    Write off
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function describeUsage(item: UsageQuarantineItem): string {
  const d = item.details;
  if (item.entity === 'usage_line') return `${String(d.fileName ?? 'file')} line ${String(d.line ?? '?')}: ${String(d.text ?? '')}`;
  return `${String(d.serviceIdentifier ?? '?')} at ${String(d.startTime ?? '?')} (${String(d.unit ?? '')})`;
}
