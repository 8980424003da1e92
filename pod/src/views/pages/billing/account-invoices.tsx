import { useEffect, useState } from 'preact/hooks';
import type { Account, Invoice, InvoiceWithLines } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';
import { lastDay, money, quantity } from './desk-format.js';

/** The account's latest invoices (drafts are what the next approval will issue), each opened to its lines. */
export function AccountInvoices(props: { desk: BillingDeskClient; account: Account; reloadKey: number }) {
  const [invoices, setInvoices] = useState<Invoice[] | null>(null);
  const [open, setOpen] = useState<InvoiceWithLines | null>(null);
  const [message, setMessage] = useState('');
  const [reload, setReload] = useState(0);
  useEffect(() => {
    setMessage('');
    props.desk
      .invoices(props.account.id)
      .then((rows) => setInvoices([...rows].sort((a, b) => b.id - a.id)))
      .catch((e: unknown) => setMessage(describeApiError(e)));
  }, [props.account.id, props.reloadKey, reload]);
  const show = async (invoiceId: number) => {
    try {
      setOpen(await props.desk.invoice(invoiceId));
    } catch (e) {
      setMessage(describeApiError(e));
    }
  };
  const $ = (cents: number, currency: string) => money(cents, currency);
  return (
    <section aria-label="Invoices" data-testid="account-invoices">
      <h2>Invoices</h2>
      <p class="cwb-summary">
        <button type="button" onClick={() => setReload((n) => n + 1)}>
          Reload invoices
        </button>
      </p>
      <p role="status">{message}</p>
      {invoices && invoices.length === 0 ? (
        <p class="cwb-state">No invoices yet: the next invoice run makes a draft of this account's period.</p>
      ) : null}
      {invoices && invoices.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th scope="col">Invoice</th>
              <th scope="col">Period</th>
              <th scope="col">Issued</th>
              <th scope="col">Status</th>
              <th scope="col" class="num">
                Total
              </th>
              <th scope="col">
                <span class="cwb-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((invoice) => (
              <tr key={invoice.id} data-testid="account-invoice" data-invoice-id={invoice.id} data-status={invoice.status}>
                <td>{invoice.number ?? `Draft ${invoice.id}`}</td>
                <td>{invoice.periodStart && invoice.periodEnd ? `${invoice.periodStart} to ${lastDay(invoice.periodEnd)}` : '—'}</td>
                <td>{invoice.issuedOn}</td>
                <td>{invoice.kind === 'credit_note' ? `credit note, ${invoice.status}` : invoice.status}</td>
                <td class="num">{$(invoice.totalCents, invoice.currency)}</td>
                <td>
                  <button type="button" onClick={() => void show(invoice.id)}>
                    Lines
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {open ? (
        <div class="cwb-panel" data-testid="invoice-lines">
          <h3>
            {open.number ?? `Draft ${open.id}`}: {$(open.netCents, open.currency)} + tax {$(open.taxCents, open.currency)} ={' '}
            {$(open.totalCents, open.currency)}
          </h3>
          <table>
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Service period</th>
                <th scope="col" class="num">
                  Quantity
                </th>
                <th scope="col" class="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {open.lines.map((line) => (
                <tr key={line.id} data-testid="invoice-line" data-amount-cents={line.amountCents}>
                  <td>{line.description}</td>
                  <td>
                    {line.servicePeriodStart && line.servicePeriodEnd
                      ? `${line.servicePeriodStart} to ${lastDay(line.servicePeriodEnd)}`
                      : '—'}
                  </td>
                  <td class="num">{quantity(line.quantityMilli)}</td>
                  <td class="num">{$(line.amountCents, open.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => setOpen(null)}>
            Close
          </button>
        </div>
      ) : null}
    </section>
  );
}
