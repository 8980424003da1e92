import { useEffect, useState } from 'preact/hooks';
import type { ExportFormat, ExportStatus } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';
import { money, monthOf, today } from './desk-format.js';

const FORMATS: ReadonlyArray<[ExportFormat, string]> = [
  ['xero', 'Xero CSV'],
  ['qbo', 'QuickBooks Online CSV'],
  ['json', 'JSON with journals'],
];
const FORMAT_NAMES: Record<ExportFormat, string> = { xero: 'Xero', qbo: 'QuickBooks Online', json: 'JSON' };

/**
 * The accounting export of a period's approved invoices and credit notes (docs/accounting-export.md),
 * and which of them were already exported in each format: an export hands out only what is new
 * in its format unless asked again, so nothing is imported into the books twice.
 */
export function ExportsPage(props: { desk: BillingDeskClient }) {
  const month = monthOf(today());
  const [from, setFrom] = useState(month.from);
  const [to, setTo] = useState(month.to);
  const [again, setAgain] = useState(false);
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    props.desk
      .exportStatus(from, to)
      .then(setStatus)
      .catch((e: unknown) => setMessage(describeApiError(e)));
  }, [reload]);

  const download = async (format: ExportFormat) => {
    setBusy(true);
    try {
      const file = await props.desk.exportFile(format, from, to, again);
      if (file.invoiceCount === 0) {
        setMessage(
          `Nothing new to export to ${FORMAT_NAMES[format]} from ${from} to ${to}: every approved invoice of the range was exported in this format already. Tick "again" to repeat them.`,
        );
      } else {
        saveFile(file.body, file.fileName);
        setMessage(
          `${file.fileName}: ${file.invoiceCount} invoice${file.invoiceCount === 1 ? '' : 's'} exported to ${FORMAT_NAMES[format]}.`,
        );
      }
    } catch (e) {
      setMessage(describeApiError(e));
    } finally {
      setBusy(false);
      setReload((n) => n + 1);
    }
  };

  return (
    <section class="cwb" aria-label="Exports" data-testid="exports-page">
      <h2>Accounting export</h2>
      <form
        class="cwb-summary"
        aria-label="Export range"
        onSubmit={(e) => {
          e.preventDefault();
          setMessage('');
          setReload((n) => n + 1);
        }}
      >
        <label>
          Issued from <input type="date" required value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </label>
        <label>
          to <input type="date" required value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </label>
        <button type="submit">Show</button>
      </form>
      <fieldset class="cwb-summary" aria-label="Download">
        {FORMATS.map(([format, label]) => (
          <button key={format} type="button" class="cwb-primary" disabled={busy} onClick={() => void download(format)}>
            Download {label}
          </button>
        ))}
        <label>
          <input type="checkbox" checked={again} onChange={(e) => setAgain(e.currentTarget.checked)} /> again (include invoices already
          exported in that format)
        </label>
      </fieldset>
      <p role="status" data-testid="exports-message">
        {message}
      </p>
      {status ? (
        <>
          <h2>
            Approved invoices and credit notes issued {status.from} to {status.to}: {status.invoices.length}
          </h2>
          {status.invoices.length === 0 ? (
            <p class="cwb-state">None in this range. Invoices appear here once approved.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Account</th>
                  <th scope="col">Issued</th>
                  <th scope="col" class="num">
                    Total
                  </th>
                  <th scope="col">Exported</th>
                </tr>
              </thead>
              <tbody>
                {status.invoices.map((invoice) => (
                  <tr
                    key={invoice.invoiceId}
                    data-testid="export-invoice"
                    data-invoice-id={invoice.invoiceId}
                    data-exported={invoice.exported.map((e) => e.format).join(' ')}
                  >
                    <td>
                      {invoice.number ?? `#${invoice.invoiceId}`}
                      {invoice.kind === 'credit_note' ? <div class="cwb-explain">credit note</div> : null}
                    </td>
                    <td>{invoice.accountName}</td>
                    <td>{invoice.issuedOn}</td>
                    <td class="num">{money(invoice.totalCents, invoice.currency)}</td>
                    <td>
                      {invoice.exported.length === 0
                        ? 'not yet'
                        : invoice.exported.map((e) => (
                            <span key={e.format} class="cwb-badge billable" style={{ marginRight: '4px' }}>
                              {FORMAT_NAMES[e.format]} {e.exportedAt.slice(0, 10)}
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {status.exports.length > 0 ? (
            <>
              <h2>Exports of this range</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Format</th>
                    <th scope="col">Range</th>
                    <th scope="col" class="num">
                      Invoices
                    </th>
                    <th scope="col">By</th>
                  </tr>
                </thead>
                <tbody>
                  {status.exports.map((e) => (
                    <tr key={e.id} data-testid="export-row">
                      <td>{e.createdAt.replace('T', ' ').slice(0, 16)}</td>
                      <td>
                        {FORMAT_NAMES[e.format]}
                        {e.again ? ' (again)' : ''}
                      </td>
                      <td>
                        {e.fromDate} to {e.toDate}
                      </td>
                      <td class="num">{e.invoiceCount}</td>
                      <td>{e.actor}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The file goes to the browser's downloads: the export needs the bearer token, so it cannot be a plain link. */
function saveFile(body: Blob, fileName: string) {
  const url = URL.createObjectURL(body);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
