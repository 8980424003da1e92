import { useEffect, useState } from 'preact/hooks';
import type { RatingRun, UsageImport, UsageImportReport } from '../../../../../shared/schemas/billing-desk.js';
import type { BillingDeskClient } from '../../../api/billing-desk.js';
import { describeApiError } from '../../describe-api-error.js';
import { UsageQuarantine } from './usage-quarantine.js';

type Progress = { sent: number; total: number } | null;

/**
 * Usage: import a carrier's CSV (docs/usage-csv-format.md) with its progress, rate what waits,
 * see the latest imports and rating runs, and work the usage quarantine (holders of the
 * quarantine power only, as the server's routes require).
 */
export function UsagePage(props: { desk: BillingDeskClient; canWorkQuarantine: boolean }) {
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Progress>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<UsageImportReport | null>(null);
  const [message, setMessage] = useState('');
  const [imports, setImports] = useState<UsageImport[]>([]);
  const [runs, setRuns] = useState<RatingRun[]>([]);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    Promise.all([props.desk.usageImports(), props.desk.ratingRuns()])
      .then(([i, r]) => {
        setImports(i);
        setRuns(r);
      })
      .catch((e: unknown) => setMessage(describeApiError(e)));
  }, [reload]);

  const upload = async (event: Event) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setReport(null);
    setMessage('');
    setProgress({ sent: 0, total: file.size });
    const outcome = await props.desk.uploadUsageCsv(file, file.name, (sent, total) => setProgress({ sent, total }));
    setProgress(null);
    setBusy(false);
    setReport(outcome.report);
    setMessage(
      outcome.error
        ? describeApiError(outcome.error)
        : `Imported ${file.name}. Press "Rate pending usage" to price it (or wait for the next rating run).`,
    );
    setReload((n) => n + 1);
  };
  const rate = async () => {
    setBusy(true);
    try {
      const run = await props.desk.rateNow();
      setMessage(
        `Rating run ${run.ratingRunId}: ${run.recordsRated} records rated, ${run.recordsQuarantined} quarantined, ${run.chargesAdded} charges added.`,
      );
    } catch (e) {
      setMessage(describeApiError(e));
    } finally {
      setBusy(false);
      setReload((n) => n + 1);
    }
  };

  return (
    <section class="cwb" aria-label="Usage" data-testid="usage-page">
      <h2>Usage import</h2>
      <form class="cwb-summary" onSubmit={upload} aria-label="Import a usage file">
        <label>
          Usage CSV <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)} />
        </label>
        <button type="submit" class="cwb-primary" disabled={!file || busy}>
          Import
        </button>
        <button type="button" disabled={busy} onClick={() => void rate()}>
          Rate pending usage
        </button>
      </form>
      <p class="cwb-explain">
        Columns service_identifier, start_time (with its offset), quantity and unit, then class, cost_cents, cost_currency and
        carrier_record_id if the carrier gives them. A file imported twice adds nothing.
      </p>
      {progress ? <UploadProgress progress={progress} /> : null}
      <p role="status" data-testid="usage-message">
        {message}
      </p>
      {report ? <ImportReport report={report} /> : null}
      <h2>Latest imports</h2>
      <HistoryTable
        testId="usage-import"
        empty="No usage imported yet."
        headers={['Import', 'File', 'Status', 'Lines', 'Added', 'Duplicates', 'Invalid']}
        rows={imports.map((i) => [
          `#${i.id} ${i.startedAt.replace('T', ' ').slice(0, 16)}`,
          i.fileName ?? i.source,
          i.error ? `${i.status}: ${i.error}` : i.status,
          i.linesRead,
          i.recordsAdded,
          i.duplicates,
          i.invalid,
        ])}
      />
      <h2>Rating runs</h2>
      <HistoryTable
        testId="rating-run"
        empty="No rating run yet."
        headers={['Run', 'Status', 'Rated', 'Quarantined', 'Charges added']}
        rows={runs.map((r) => [
          `#${r.id} ${r.startedAt.replace('T', ' ').slice(0, 16)}`,
          r.status,
          r.recordsRated,
          r.recordsQuarantined,
          r.chargesAdded,
        ])}
      />
      <h2>Usage quarantine</h2>
      {props.canWorkQuarantine ? (
        <UsageQuarantine desk={props.desk} reloadKey={reload} onChanged={() => setReload((n) => n + 1)} />
      ) : (
        <p class="cwb-state" data-testid="usage-quarantine-locked">
          Re-processing and writing off usage needs the ConnectWise Quarantine Management power. Ask an admin to grant it under Settings.
        </p>
      )}
    </section>
  );
}

function UploadProgress(props: { progress: { sent: number; total: number } }) {
  const { sent, total } = props.progress;
  const done = total > 0 && sent >= total;
  const percent = total > 0 ? Math.floor((sent * 100) / total) : 0;
  return (
    <p data-testid="usage-progress">
      <progress max={total || 1} value={sent} aria-label="Import progress" />{' '}
      {done ? 'Sent; the server is storing the last records…' : `Sending ${percent}% (${kb(sent)} of ${kb(total)})…`}
    </p>
  );
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

function ImportReport(props: { report: UsageImportReport }) {
  const r = props.report;
  return (
    <div class="cwb-panel" data-testid="usage-import-report" data-status={r.status}>
      <p class="cwb-summary">
        <span>
          Import <strong>#{r.importId}</strong> {r.status}
        </span>
        <span>
          Lines read <strong data-testid="report-lines">{r.linesRead}</strong>
        </span>
        <span>
          Added <strong data-testid="report-added">{r.recordsAdded}</strong>
        </span>
        <span>
          Duplicates <strong>{r.duplicates}</strong>
        </span>
        <span>
          Invalid <strong data-testid="report-invalid">{r.invalid}</strong>
        </span>
      </p>
      {r.invalidLines.length > 0 ? (
        <ul class="cwb-explain">
          {r.invalidLines.map((line) => (
            <li key={line.line}>
              Line {line.line}: {line.errors.join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
      {r.invalid > 0 ? <p class="cwb-explain">Invalid lines wait in the usage quarantine below; correct them at the source.</p> : null}
    </div>
  );
}

function HistoryTable(props: { testId: string; empty: string; headers: string[]; rows: Array<Array<string | number>> }) {
  if (props.rows.length === 0) return <p class="cwb-state">{props.empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          {props.headers.map((h, i) => (
            <th key={h} scope="col" class={i > 1 && typeof props.rows[0][i] === 'number' ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, r) => (
          <tr key={r} data-testid={props.testId}>
            {row.map((cell, i) => (
              <td key={i} class={typeof cell === 'number' ? 'num' : undefined}>
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
