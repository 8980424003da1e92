import type { ComponentChildren } from 'preact';
import type { TicketBilling, TicketSale, TicketTimeEntry } from '../schemas/ticket-billing.js';
import { formatMoney } from '../money.js';

const REASON_LABEL: Record<string, string> = {
  unknown_company: 'company not synced',
  unmapped_work_role_type: 'work role × work type not mapped',
  closed_account: 'account closed',
  missing_rate: 'no rate',
  changed_after_billing: 'changed after billing',
  deleted_after_billing: 'deleted after billing',
  invalid_record: 'unreadable record',
};

/** Where the entry stands on the billing side, in one line. */
function BillingStatus({ billing }: { billing: TicketTimeEntry['billing'] }) {
  switch (billing.status) {
    case 'pending':
      return (
        <span class="cwb-badge billable" data-billing-status="pending">
          Pending charge
        </span>
      );
    case 'draft-invoice':
      return (
        <span class="cwb-badge billable" data-billing-status="draft-invoice">
          On draft invoice
        </span>
      );
    case 'invoiced':
      return (
        <span class="cwb-badge billable" data-billing-status="invoiced">
          Invoiced #{billing.invoiceNumber}
        </span>
      );
    case 'quarantined':
      return (
        <span data-billing-status="quarantined">
          <span class="cwb-badge no-charge">
            Quarantined: {REASON_LABEL[billing.quarantine?.reason ?? ''] ?? billing.quarantine?.reason.replaceAll('_', ' ')}
          </span>
          <div class="cwb-explain">{billing.quarantine?.fix}</div>
        </span>
      );
    case 'waiting-approval':
      return (
        <span class="cwb-badge not-billable" data-billing-status="waiting-approval">
          Waiting for approval
        </span>
      );
    default:
      return (
        <span class="cwb-badge not-billable" data-billing-status="not-pushed">
          Not pushed yet
        </span>
      );
  }
}

const STATE_LABEL: Record<TicketTimeEntry['state'], string> = {
  billable: 'Billable',
  'not-billable': 'Not billable',
  'no-charge': 'No charge',
};

/**
 * Every time entry of a ticket with how it bills. ConnectWise text (notes) is
 * rendered as text by preact, never as HTML.
 */
export function TicketBillingTable({
  billing,
  actions,
}: {
  billing: TicketBilling;
  actions?: (entry: TicketTimeEntry) => ComponentChildren;
}) {
  const { ticket, timeEntries, totals } = billing;
  return (
    <div class="cwb" data-testid="ticket-billing">
      <h2>
        Billing for ticket #{ticket.id}
        {ticket.companyName ? ` · ${ticket.companyName}` : ''}
      </h2>
      <p class="cwb-summary">
        <span>
          Billable:{' '}
          <strong data-testid="billable-total">{formatMoney({ amountCents: totals.billableCents, currency: totals.currency })}</strong>
        </span>
        <span>
          Hours: <strong>{totals.billableHours}</strong>
        </span>
        <span>{timeEntries.length} time entries</span>
        <span class="cwb-explain" data-testid="billing-as-of" data-source={billing.source}>
          as of {asOf(billing.syncedAt)}
        </span>
      </p>
      {timeEntries.length === 0 ? (
        <p class="cwb-state">No time has been entered on this ticket yet.</p>
      ) : (
        <table>
          <caption style={{ textAlign: 'left', position: 'absolute', left: '-9999px' }}>Time entries and how they bill</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Member</th>
              <th scope="col">Role × type</th>
              <th scope="col" class="num">
                Hours
              </th>
              <th scope="col" class="num">
                Amount
              </th>
              <th scope="col">State</th>
              {actions ? <th scope="col">Actions</th> : null}
            </tr>
          </thead>
          <tbody>
            {timeEntries.map((entry) => (
              <tr key={entry.id} data-testid="time-entry" data-entry-id={entry.id}>
                <td>{entry.date}</td>
                <td>{entry.memberName}</td>
                <td>
                  {entry.workRole ?? '—'} × {entry.workType ?? '—'}
                  <div class="cwb-notes">{entry.notes}</div>
                </td>
                <td class="num">{entry.billedHours}</td>
                <td class="num">{formatMoney({ amountCents: entry.amountCents, currency: entry.currency })}</td>
                <td>
                  <span class={`cwb-badge ${entry.state}`}>{STATE_LABEL[entry.state]}</span>{' '}
                  {entry.state === 'not-billable' ? null : <BillingStatus billing={entry.billing} />}
                  <div class="cwb-explain">{entry.explanation}</div>
                </td>
                {actions ? <td>{actions(entry)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <SalesTable title="Products" rows={billing.products} testId="ticket-product" />
      <SalesTable title="Expenses" rows={billing.expenses} testId="ticket-expense" />
    </div>
  );
}

/** When ConnectWise's side was read, in the viewer's own time (hours and minutes; the day when it is not today). */
function asOf(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'unknown';
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date().toDateString() ? time : `${at.toLocaleDateString()} ${time}`;
}

/** Products sold and expenses entered on the ticket, each with how it bills. */
function SalesTable({ title, rows, testId }: { title: string; rows: TicketSale[]; testId: string }) {
  if (rows.length === 0) return null;
  return (
    <>
      <h2>{title}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" class="num">
              Quantity
            </th>
            <th scope="col" class="num">
              Amount
            </th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid={testId} data-record-id={row.id}>
              <td class="cwb-notes">{row.description}</td>
              <td class="num">{row.quantity}</td>
              <td class="num">{formatMoney({ amountCents: row.amountCents, currency: row.currency })}</td>
              <td>
                <span
                  class={`cwb-badge ${row.billableOption === 'Billable' ? 'billable' : row.billableOption === 'NoCharge' ? 'no-charge' : 'not-billable'}`}
                >
                  {row.billableOption}
                </span>{' '}
                {row.billableOption === 'DoNotBill' ? null : <BillingStatus billing={row.billing} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
