import { useEffect, useState } from 'preact/hooks';
import type { Account, Plan, Subscription } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';
import { StateMessage } from '../../state-message.js';
import { AccountInvoices } from './account-invoices.js';
import { lastDay } from './desk-format.js';
import { SubscribeForm } from './subscribe-form.js';
import { SubscriptionChangeForm } from './subscription-change-form.js';

type Form = { kind: 'subscribe' } | { kind: 'terms' | 'cancel'; subscription: Subscription } | null;

/**
 * One account's subscriptions: subscribe it, change a subscription's terms or cancel it,
 * each with its pro-rating shown before saving, and the account's invoices. On a company's
 * screen in Manage it opens on that company's account.
 */
export function SubscriptionsPage(props: { desk: BillingDeskClient; companyId?: number | null }) {
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [plans, setPlans] = useState<Plan[]>([]);
  const [accountId, setAccountId] = useState<number | null>(null);
  const [subscriptions, setSubscriptions] = useState<Subscription[] | null>(null);
  const [form, setForm] = useState<Form>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    Promise.all([
      props.desk.accounts(),
      props.desk.plans(),
      props.companyId ? props.desk.companyAccountId(props.companyId) : Promise.resolve(null),
    ])
      .then(([a, p, ofCompany]) => {
        setAccounts(a);
        setPlans(p);
        setAccountId(ofCompany ?? a[0]?.id ?? null);
      })
      .catch((e: unknown) => setError(describeApiError(e)));
  }, []);
  useEffect(() => {
    if (accountId === null) return;
    setSubscriptions(null);
    props.desk
      .subscriptions(accountId)
      .then(setSubscriptions)
      .catch((e: unknown) => setError(describeApiError(e)));
  }, [accountId, reload]);

  if (error) return <StateMessage kind="error">{error}</StateMessage>;
  if (!accounts) return <StateMessage kind="loading">Loading accounts…</StateMessage>;
  if (accounts.length === 0)
    return <StateMessage kind="empty">No billing accounts yet: run a sync to bring ConnectWise's companies in.</StateMessage>;
  const account = accounts.find((a) => a.id === accountId) ?? null;
  const planName = (id: number) => plans.find((p) => p.id === id)?.name ?? `plan ${id}`;
  const done = (text: string | null) => {
    setForm(null);
    if (text) {
      setMessage(text);
      setReload((n) => n + 1);
    }
  };
  // Bundles first, each followed by its parts; standalone subscriptions are their own root.
  const rootOf = (s: Subscription) => s.rootSubscriptionId ?? s.id;
  const ordered = [...(subscriptions ?? [])].sort((a, b) => rootOf(a) - rootOf(b) || a.id - b.id);

  return (
    <section class="cwb" aria-label="Subscriptions" data-testid="subscriptions-page">
      <h2>Subscriptions</h2>
      <p class="cwb-summary">
        <label>
          Account{' '}
          <select
            value={accountId ?? ''}
            onChange={(e) => {
              setForm(null);
              setMessage('');
              setAccountId(Number(e.currentTarget.value));
            }}
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        {account ? (
          <span>
            Bills on day <strong>{account.billingDay}</strong> every <strong>{account.periodMonths}</strong> month
            {account.periodMonths === 1 ? '' : 's'} in <strong>{account.currency}</strong>, since {account.openedOn}
          </span>
        ) : null}
      </p>
      <p class="cwb-summary">
        <button
          type="button"
          class="cwb-primary"
          disabled={!account || form?.kind === 'subscribe'}
          onClick={() => setForm({ kind: 'subscribe' })}
        >
          Subscribe
        </button>
      </p>
      <p role="status" data-testid="subscriptions-message">
        {message}
      </p>
      {account && form?.kind === 'subscribe' ? <SubscribeForm desk={props.desk} account={account} plans={plans} onDone={done} /> : null}
      {account && form && form.kind !== 'subscribe' ? (
        <SubscriptionChangeForm
          key={`${form.kind}-${form.subscription.id}`}
          desk={props.desk}
          account={account}
          subscription={form.subscription}
          planName={planName(form.subscription.planId)}
          mode={form.kind}
          onDone={done}
        />
      ) : null}
      {!subscriptions ? (
        <StateMessage kind="loading">Loading subscriptions…</StateMessage>
      ) : ordered.length === 0 ? (
        <p class="cwb-state">This account subscribes to nothing yet. Press "Subscribe" to add a plan or a bundle.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Service identifier</th>
              <th scope="col">Served</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span class="cwb-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((s) => {
              const isPart = rootOf(s) !== s.id;
              return (
                <tr key={s.id} data-testid="subscription-row" data-subscription-id={s.id} data-status={s.status}>
                  <td style={isPart ? { paddingLeft: '20px' } : undefined}>
                    {isPart ? '↳ ' : ''}
                    {planName(s.planId)}
                  </td>
                  <td>{s.serviceIdentifier ?? '—'}</td>
                  <td>
                    from {s.startDate}
                    {s.endDate ? ` to ${lastDay(s.endDate)}` : ''}
                  </td>
                  <td>{s.status}</td>
                  <td>
                    {s.status === 'active' ? (
                      <>
                        <button type="button" onClick={() => setForm({ kind: 'terms', subscription: s })}>
                          Change terms
                        </button>{' '}
                        <button type="button" onClick={() => setForm({ kind: 'cancel', subscription: s })}>
                          Cancel
                        </button>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {account ? <AccountInvoices desk={props.desk} account={account} reloadKey={reload} /> : null}
    </section>
  );
}
