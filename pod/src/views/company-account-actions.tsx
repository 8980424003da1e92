import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../../shared/api-client.js';
import type { QuarantineItem } from '../../../shared/schemas/module-pages.js';
import { describeApiError } from './describe-api-error.js';

/**
 * A company with no billing account waits in the quarantine (unmapped type or
 * status, several candidate accounts...). Holders of the quarantine power
 * resolve it here: create its account, or link it to an existing one.
 */
export function CompanyAccountActions(props: { api: ApiClient; companyId: number; onResolved: () => void }) {
  const [item, setItem] = useState<QuarantineItem | null | undefined>(undefined);
  const [accountId, setAccountId] = useState('');
  const [message, setMessage] = useState('');

  useEffect(() => {
    props.api
      .quarantine({ status: 'open', entity: 'company', limit: 1000 })
      .then((r) => setItem(r.items.find((i) => i.externalId === String(props.companyId)) ?? null))
      .catch((e: unknown) => setMessage(describeApiError(e)));
  }, [props.companyId]);

  if (item === undefined) return message ? <p role="alert">{message}</p> : null;
  if (item === null) return null;
  const act = async (action: 'create' | 'link') => {
    setMessage('Working…');
    try {
      const extra = action === 'link' ? { accountId: Number(accountId) } : {};
      const { items } = await props.api.quarantineAction(action, [item.id], extra);
      if (items[0]?.status === 'open') setMessage(`Still waiting: ${items[0].reason.replaceAll('_', ' ')}.`);
      else props.onResolved();
    } catch (e) {
      setMessage(describeApiError(e));
    }
  };
  return (
    <fieldset class="cwb" aria-label="Billing account for this company" data-testid="company-account-actions">
      <p>
        Why: <strong>{item.reason.replaceAll('_', ' ')}</strong>. {item.recommendedFix}
      </p>
      <button type="button" onClick={() => void act('create')}>
        Create its billing account
      </button>{' '}
      <label for="link-account">or link to account #</label>{' '}
      <input
        id="link-account"
        size={6}
        inputMode="numeric"
        value={accountId}
        onInput={(e) => setAccountId(e.currentTarget.value.replace(/\D/g, ''))}
      />{' '}
      <button type="button" disabled={!accountId} onClick={() => void act('link')}>
        Link
      </button>
      <p role="status">{message}</p>
    </fieldset>
  );
}
