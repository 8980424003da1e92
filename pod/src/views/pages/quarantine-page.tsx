import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ApiClient } from '../../../../shared/api-client.js';
import type { QuarantineItem } from '../../../../shared/schemas/module-pages.js';
import { StateMessage } from '../state-message.js';
import { describeApiError } from '../describe-api-error.js';

const AGE_FILTERS = [
  { label: 'Any age', days: 0 },
  { label: 'Older than 1 day', days: 1 },
  { label: 'Older than 7 days', days: 7 },
  { label: 'Older than 30 days', days: 30 },
];

/**
 * Everything that could not become billing data, with the reason and the fix;
 * filter by reason, company and age, then act on one item or many at once.
 */
export function QuarantinePage(props: { api: ApiClient; companyId?: number | null; now?: () => Date }) {
  const [items, setItems] = useState<QuarantineItem[] | null>(null);
  const [error, setError] = useState('');
  const [reason, setReason] = useState('');
  const [company, setCompany] = useState(props.companyId ? String(props.companyId) : '');
  const [ageDays, setAgeDays] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [message, setMessage] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setError('');
    props.api
      .quarantine({ status: 'open', reason: reason || undefined, limit: 1000 })
      .then((r) => setItems(r.items))
      .catch((e: unknown) => setError(describeApiError(e)));
  }, [reason, reload]);

  const now = (props.now ?? (() => new Date()))().getTime();
  const visible = useMemo(
    () =>
      (items ?? []).filter((item) => {
        if (company && !belongsToCompany(item, company)) return false;
        if (ageDays && now - Date.parse(item.firstSeenAt) < ageDays * 86_400_000) return false;
        return true;
      }),
    [items, company, ageDays],
  );
  // Reasons seen unfiltered, so choosing one does not hide the others from the list.
  const [reasons, setReasons] = useState<string[]>([]);
  useEffect(() => {
    if (items && !reason) setReasons([...new Set(items.map((i) => i.reason))].sort());
  }, [items]);

  const act = async (action: 'retry' | 'create' | 'ignore', ids: number[]) => {
    setMessage('Working…');
    try {
      const { items: results } = await props.api.quarantineAction(action, ids);
      const moved = results.filter((r) => r.status !== 'open').length;
      setMessage(
        `${moved} of ${results.length} moved on${moved < results.length ? '; the others are still open (see their reason)' : ''}.`,
      );
      setSelected(new Set());
      setReload((n) => n + 1);
    } catch (e) {
      setMessage(describeApiError(e));
    }
  };

  if (error) return <StateMessage kind="error">{error}</StateMessage>;
  if (!items) return <StateMessage kind="loading">Loading the quarantine…</StateMessage>;
  const allSelected = visible.length > 0 && visible.every((i) => selected.has(i.id));
  return (
    <section class="cwb" aria-label="Quarantine" data-testid="quarantine-page">
      <h2>Quarantine: {visible.length} open</h2>
      <fieldset class="cwb-summary" aria-label="Filters">
        <label>
          Reason{' '}
          <select value={reason} onChange={(e) => setReason(e.currentTarget.value)}>
            <option value="">All reasons</option>
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Company id{' '}
          <input size={6} inputMode="numeric" value={company} onInput={(e) => setCompany(e.currentTarget.value.replace(/\D/g, ''))} />
        </label>
        <label>
          Age{' '}
          <select value={ageDays} onChange={(e) => setAgeDays(Number(e.currentTarget.value))}>
            {AGE_FILTERS.map((f) => (
              <option key={f.days} value={f.days}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset aria-label="Bulk actions" class="cwb-summary">
        <span>{selected.size} selected</span>
        <button type="button" disabled={selected.size === 0} onClick={() => void act('retry', [...selected])}>
          Retry selected
        </button>
        <button type="button" disabled={selected.size === 0} onClick={() => void act('ignore', [...selected])}>
          Ignore (write off) selected
        </button>
      </fieldset>
      <p role="status">{message}</p>
      {visible.length === 0 ? (
        <p class="cwb-state">Nothing is waiting here: every ConnectWise record that matches these filters became billing data.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select all"
                  checked={allSelected}
                  onChange={(e) => setSelected(e.currentTarget.checked ? new Set(visible.slice(0, 1000).map((i) => i.id)) : new Set())}
                />
              </th>
              <th scope="col">Record</th>
              <th scope="col">Reason and fix</th>
              <th scope="col">Since</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {visible.map((item) => (
              <tr key={item.id} data-testid="quarantine-item" data-quarantine-id={item.id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${item.entity} ${item.externalId}`}
                    checked={selected.has(item.id)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.currentTarget.checked) next.add(item.id);
                      else next.delete(item.id);
                      setSelected(next);
                    }}
                  />
                </td>
                <td>
                  {item.entity.replace('_', ' ')} #{item.externalId}
                  {describeRecord(item) ? <div class="cwb-explain">{describeRecord(item)}</div> : null}
                </td>
                <td>
                  <strong>{item.reason.replaceAll('_', ' ')}</strong>
                  <div class="cwb-explain">{item.recommendedFix}</div>
                </td>
                <td>{item.firstSeenAt.slice(0, 10)}</td>
                <td>
                  <button type="button" onClick={() => void act('retry', [item.id])}>
                    Retry
                  </button>{' '}
                  {item.reason.startsWith('unmapped_') &&
                  item.reason !== 'unmapped_company_type' &&
                  item.reason !== 'unmapped_company_status' ? (
                    <button type="button" onClick={() => void act('create', [item.id])}>
                      Create product
                    </button>
                  ) : null}{' '}
                  <button type="button" onClick={() => void act('ignore', [item.id])}>
                    Ignore
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Company items are keyed by the company; others carry the company id in their details when known. */
function belongsToCompany(item: QuarantineItem, companyId: string): boolean {
  if (item.entity === 'company') return item.externalId === companyId;
  return String(item.details.companyId ?? '') === companyId;
}

function describeRecord(item: QuarantineItem): string {
  const text = item.details.record ?? item.details.name ?? item.details.title;
  return typeof text === 'string' ? text : '';
}
