import type { CompanyBilling } from '../schemas/company-billing.js';
import { formatMoney } from '../money.js';
import { formatHoursMilli } from '../hours.js';

const KIND_LABEL: Record<string, string> = {
  labour: 'Labour',
  product: 'Products',
  expense: 'Expenses',
  usage: 'Usage',
  adjustment: 'Adjustments',
  'one-off': 'One-off',
};

/**
 * The billing account behind a ConnectWise company, at a glance: what waits
 * to be billed, subscriptions with inclusions used, last invoices, contacts.
 * Used by the company pod and the extension's company panel.
 */
export function CompanyBillingSummary(props: { billing: CompanyBilling; onOpenDocument?: (invoiceId: number) => void }) {
  const { account, unbilled, unbilledTotalCents, subscriptions, invoices, contacts } = props.billing;
  if (!account) {
    return (
      <p class="cwb cwb-state" role="status" data-testid="no-account">
        No billing account is linked to this company yet. The next sync creates it once the company's type and status are mapped; an admin
        can also link it to an existing account from the quarantine.
      </p>
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
              <th scope="col" class="num">
                Items
              </th>
              <th scope="col" class="num">
                Amount
              </th>
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
              {props.onOpenDocument ? (
                <button type="button" class="cwb-link" onClick={() => props.onOpenDocument!(i.id)}>
                  {i.kind === 'credit_note' ? 'Credit note' : 'Invoice'} {i.number ?? '(draft)'}
                </button>
              ) : (
                `${i.kind === 'credit_note' ? 'Credit note' : 'Invoice'} ${i.number ?? '(draft)'}`
              )}{' '}
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
            {c.email ? ` · ${c.email}` : ''}{' '}
            {c.locked ? (
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
