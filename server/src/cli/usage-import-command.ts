import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { NotFoundError } from '../errors/domain-errors.js';
import { importUsageCsv } from '../usage/import-usage-csv.js';
import { UsageError } from './cli-args.js';
import { billingContext, type Command, printJson } from './cli-context.js';
import { EXIT } from './exit-codes.js';
import { startProgress } from './progress.js';

/**
 * `usage import <file> [--json]`: a usage CSV (docs/usage-csv-format.md) streamed from disk.
 * Resumable: every record has a key unique in the database (usage/record-key.ts), so running
 * the same file again, after a crash half way or not, adds only what is not there yet and
 * counts the rest as duplicates; bad lines go to the quarantine once (keyed by their text).
 * Exit: 0 every line stored (or already there), 5 some lines refused (quarantined),
 * 1 the file could not be read as usage (its header), 4 no such file.
 */
export const usageImportCommand: Command = async (cli, args) => {
  const { values, positionals } = parseArgs({
    args,
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('usage import takes one file');
  const path = resolve(positionals[0]);
  const size = await stat(path).then(
    (info) => {
      if (!info.isFile()) throw new UsageError(`${path} is not a file`);
      return info.size;
    },
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') throw new NotFoundError(`No file ${path}.`);
      throw error;
    },
  );

  // The import pulls the file only as fast as it stores it, so bytes read is work done.
  const progress = startProgress('usage import', { unit: 'bytes', total: size, stream: cli.err });
  let bytesRead = 0;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 })) {
      bytesRead += (chunk as Buffer).length;
      progress.update(bytesRead);
      yield chunk as Buffer;
    }
  }
  const report = await importUsageCsv(billingContext(cli), { source: chunks(), fileName: basename(path) });
  progress.update(bytesRead, Math.max(size, bytesRead));
  progress.finish();

  if (values.json) printJson(cli, report);
  else {
    cli.out(
      `usage import #${report.importId} of ${basename(path)}: ${report.status}; ${report.linesRead} line(s) read, ${report.recordsAdded} record(s) added, ` +
        `${report.duplicates} already imported, ${report.invalid} refused`,
    );
    for (const line of report.invalidLines) cli.out(`  line ${line.line}: ${line.errors.join('; ')}`);
    if (report.invalid > report.invalidLines.length)
      cli.out(`  … and ${report.invalid - report.invalidLines.length} more in the quarantine`);
    if (report.error) cli.err.write(`error: ${report.error}\n`);
  }
  if (report.status === 'failed') return EXIT.failed;
  return report.invalid > 0 ? EXIT.partial : EXIT.ok;
};
