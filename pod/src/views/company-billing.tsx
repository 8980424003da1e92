import { useEffect, useState } from 'preact/hooks';
import type { ApiClient } from '../../../shared/api-client.js';
import type { CompanyBilling } from '../../../shared/schemas/company-billing.js';
import { formatMoney } from '../../../shared/money.js';
import { formatHoursMilli } from '../../../shared/hours.js';
import { StateMessage } from './state-message.js';
import { describeApiError } from './describe-api-error.js';

/** Opens the invoice document in a new tab, fetched with the session's token. */
async function openDocument(api: ApiClient, invoiceId: number): Promise<void> {
  const html = await api.invoiceDocument(invoiceId);
  const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const KIND_LABEL: Record<string, string> = { labour: 'Labour', product: 'Products', expense: 'Expenses', usage: 'Usage', adjustment: 'Adjustments', 'one-off': 'One-off' };

/** The company pod: the billing account behind a ConnectWise company, at a glance. */
export function CompanyBillingView(props: { api: ApiClient; companyId: number; refreshKey: number }) {
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'ready'; billing: CompanyBilling } | { kind: 'error'; message: string }>({ kind: 'loading' });
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
  }, [props.companyId, props.refreshKey]);

  if (state.kind === 'loading') return <StateMessage kind="loading">Loading the company's billing…</StateMessage>;
  if (state.kind === 'error') return <StateMessage kind="error">{state.message}</StateMessage>;
  const { account, unbilled, unbilledTotalCents, subscriptions, invoices, contacts } = state.billing;
  if (!account) {
    return (
      <StateMessage kind="empty">
        No billing account is linked to this company yet. The next sync creates it once the company's type and status are mapped; an admin can also link it to an
        existing account from the quarantine.
      </StateMessage>
    );
  }
  const money = (cents: number) => formatMoney({ amountCents: cents, currency: account.currency });
  return (
    <div class="cwb" data-testid="company-billing">
      <h2>
        {account.name} <span class="cwb-badge billable">{account.status}</span>
      </h2>
      <p class="cwb-summary">
        <span>
          Waiting to be billed: <strong data-testid="unbilled-total">{money(unbilledTotalCents)}</strong>
        </span>
        <span>
          Period {account.currentPeriod.start} to {account.currentPeriod.end}
        </span>
        <span>Billing day {account.billingDay}</span>
      </p>
      {unbilled.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Unbilled</th>
              <th scope="col" class="num">Items</th>
              <th scope="col" class="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            {unbilled.map((u) => (
              <tr key={u.kind} data-testid="unbilled-row">
                <td>{KIND_LABEL[u.kind] ?? u.kind}</td>
                <td class="num">{u.count}</td>
                <td class="num">{money(u.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Nothing is waiting to be billed.</p>
      )}
      <h2>Subscriptions</h2>
      {subscriptions.length === 0 ? (
        <p>No subscriptions.</p>
      ) : (
        <ul>
          {subscriptions.map((s) => (
            <li key={s.id}>
              {s.planName}
              {s.serviceIdentifier ? ` (${s.serviceIdentifier})` : ''} · from {s.startDate}
              {s.endDate ? ` to ${s.endDate}` : ''} · {s.status}
              {s.inclusions.map((i) => (
                <div class="cwb-explain" key={i.description}>
                  {i.description}: {formatHoursMilli(i.usedMilli)} of {formatHoursMilli(i.includedMilli)} used this period
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
      <h2>Last invoices</h2>
      {invoices.length === 0 ? (
        <p>No invoices yet.</p>
      ) : (
        <ul>
          {invoices.map((i) => (
            <li key={i.id}>
              <button type="button" class="cwb-link" onClick={() => void openDocument(props.api, i.id)}>
                {i.kind === 'credit_note' ? 'Credit note' : 'Invoice'} {i.number ?? '(draft)'}
              </button>{' '}
              · {i.issuedOn} · {formatMoney({ amountCents: i.totalCents, currency: i.currency })} · {i.status}
            </li>
          ))}
        </ul>
      )}
      <h2>Contacts</h2>
      <ul>
        {contacts.map((c) => (
          <li key={c.id}>
            {c.name}
            {c.email ? ` · ${c.email}` : ''} {c.locked ? (
              <span class="cwb-badge not-billable" title="Mastered by ConnectWise: edit it there, or with the Allow Contact Editing power">
                Locked
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
