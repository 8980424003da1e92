import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { EXPORT_FORMATS, type ExportFormat, exportInvoices } from '../accounting/export-invoices.js';
import { isoDate, rowId, UsageError } from './cli-args.js';
import { billingContext, type Command, printJson } from './cli-context.js';
import { EXIT } from './exit-codes.js';
import { openAtomicFile } from './write-file-atomically.js';

/**
 * `export --format xero|qbo|json (--from YYYY-MM-DD --to YYYY-MM-DD | --run-id N) [--again]
 * --out <file> [--json]`: the accounting export (docs/accounting-export.md) into a file,
 * written atomically. Each invoice goes out once per format (the export marks what it hands
 * out); `--again` repeats those already exported. With nothing new the file is still written,
 * empty but for the CSV header, so a stale file is never taken for today's.
 */
export const exportCommand: Command = async (cli, args) => {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'run-id': { type: 'string' },
      again: { type: 'boolean', default: false },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw new UsageError(`export takes no arguments, got "${positionals.join(' ')}"`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format ?? ''))
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const format = values.format as ExportFormat;
  const byRange = values.from !== undefined || values.to !== undefined;
  if (byRange === (values['run-id'] !== undefined)) throw new UsageError('export takes --from and --to, or --run-id');
  if (byRange && (values.from === undefined || values.to === undefined)) throw new UsageError('--from and --to go together');
  const range = byRange ? { from: isoDate('--from', values.from!), to: isoDate('--to', values.to!) } : {};
  if (range.from && range.to && range.from > range.to) throw new UsageError('--from must not be after --to');
  const runId = values['run-id'] === undefined ? undefined : rowId('--run-id', values['run-id']);
  if (!values.out) throw new UsageError('export needs --out <file>');
  const out = resolve(values.out);

  let file: Awaited<ReturnType<typeof openAtomicFile>>;
  try {
    file = await openAtomicFile(out);
  } catch (error) {
    throw new UsageError(`cannot write beside ${out}: ${(error as Error).message}`);
  }
  let result: Awaited<ReturnType<typeof exportInvoices>>;
  try {
    result = await exportInvoices(billingContext(cli), { format, ...range, runId, again: values.again });
  } catch (error) {
    await file.abandon();
    throw error;
  }
  try {
    await file.commit(result.body);
  } catch (error) {
    // The export is recorded (its invoices count as exported): say how to get the file again.
    const again = runId === undefined ? `--from ${range.from} --to ${range.to}` : `--run-id ${runId}`;
    throw new Error(
      `export #${result.exportId} (${result.invoiceIds.length} invoice(s)) was recorded but ${out} could not be written (${(error as Error).message}); ` +
        `write it again with: export --format ${format} ${again} --again --out <file>`,
    );
  }
  if (values.json)
    printJson(cli, { exportId: result.exportId, format, invoices: result.invoiceIds.length, invoiceIds: result.invoiceIds, file: out });
  else if (result.invoiceIds.length === 0) cli.out(`nothing new to export in ${format}; wrote ${out} with no invoices`);
  else cli.out(`export #${result.exportId}: ${result.invoiceIds.length} invoice(s) and credit note(s) in ${format} written to ${out}`);
  return EXIT.ok;
};
