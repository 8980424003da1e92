import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../../shared/api-client.js';
import type { CompanyBilling } from '../../../shared/schemas/company-billing.js';
import { CompanyBillingSummary } from '../../../shared/ui/company-billing-summary.js';
import { StateMessage } from './state-message.js';
import { describeApiError } from './describe-api-error.js';
import { CompanyAccountActions } from './company-account-actions.js';
import { POWERS } from '../../../shared/powers.js';

/** Opens the invoice document in a new tab, fetched with the session's token. */
async function openDocument(api: ApiClient, invoiceId: number): Promise<void> {
  const html = await api.invoiceDocument(invoiceId);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The company pod: the billing account behind a ConnectWise company, at a glance. */
export function CompanyBillingView(props: { api: ApiClient; companyId: number; refreshKey: number; powers: readonly string[] }) {
  const [reload, setReload] = useState(0);
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready'; billing: CompanyBilling } | { kind: 'error'; message: string }>(
    { kind: 'loading' },
  );
  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    props.api
      .companyBilling(props.companyId)
      .then((billing) => current && setState({ kind: 'ready', billing }))
      .catch((error: unknown) => current && setState({ kind: 'error', message: describeApiError(error) }));
    return () => {
      current = false;
    };
  }, [props.companyId, props.refreshKey, reload]);

  if (state.kind === 'loading') return <StateMessage kind="loading">Loading the company's billing…</StateMessage>;
  if (state.kind === 'error') return <StateMessage kind="error">{state.message}</StateMessage>;
  return (
    <>
      <CompanyBillingSummary billing={state.billing} onOpenDocument={(id) => void openDocument(props.api, id)} />
      {!state.billing.account && props.powers.includes(POWERS.quarantine) ? (
        <CompanyAccountActions api={props.api} companyId={props.companyId} onResolved={() => setReload((n) => n + 1)} />
      ) : null}
    </>
  );
}
