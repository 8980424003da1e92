// Progress of long work, on stderr (stdout carries the results, so `--json > file` stays clean).
// On a terminal: one line, redrawn in place (`\r`), at most every `ttyIntervalMs`. Elsewhere
// (a scheduler's log, a pipe): a plain line when the work starts, one every
// `plainIntervalMs` while it goes on, and one when it ends, so a log shows it is alive
// without filling up.

export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(text: string): unknown;
}

export type ProgressUnit = 'accounts' | 'invoices' | 'bytes';

export interface Progress {
  /** `done` of `total` (null: unknown yet) are finished. */
  update(done: number, total?: number | null): void;
  /** The work is over: the last state is written, and on a terminal the line is ended. */
  finish(): void;
}

export type ProgressOptions = {
  unit: ProgressUnit;
  total?: number | null;
  stream?: ProgressStream;
  /** Milliseconds, monotonic (performance.now by default: elapsed time, never a business date). */
  now?: () => number;
  ttyIntervalMs?: number;
  plainIntervalMs?: number;
};

const BAR_WIDTH = 24;

export function startProgress(label: string, options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? (() => performance.now());
  const tty = stream.isTTY === true;
  const interval = tty ? (options.ttyIntervalMs ?? 100) : (options.plainIntervalMs ?? 2000);
  const startedAt = now();
  let done = 0;
  let total = options.total ?? null;
  let lastWrite = Number.NEGATIVE_INFINITY;
  let finished = false;

  const describe = () => {
    const count =
      total === null
        ? formatAmount(done, options.unit)
        : options.unit === 'bytes'
          ? `${formatAmount(done, 'bytes')} of ${formatAmount(total, 'bytes')}`
          : `${done.toLocaleString('en-AU')} of ${formatAmount(total, options.unit)}`;
    const share = total === null || total === 0 ? null : Math.min(1, done / total);
    const percent = share === null ? '' : `${Math.floor(share * 100)}% `;
    const bar = tty && share !== null ? `[${'#'.repeat(Math.floor(share * BAR_WIDTH)).padEnd(BAR_WIDTH, '.')}] ` : '';
    return `${bar}${percent}${count}`;
  };
  const write = (final: boolean) => {
    lastWrite = now();
    if (tty) {
      const line = `${label} ${describe()}`;
      // Clear what a longer earlier line left, and never wrap (a wrapped line cannot be redrawn).
      const width = stream.columns && stream.columns > 1 ? stream.columns - 1 : line.length;
      stream.write(`\r${line.slice(0, width)}\x1b[K${final ? '\n' : ''}`);
    } else {
      const seconds = ((now() - startedAt) / 1000).toFixed(1);
      stream.write(`${label}: ${describe()}${final ? `, done in ${seconds} s` : ''}\n`);
    }
  };

  write(false);
  return {
    update(nextDone, nextTotal) {
      if (finished) return;
      done = nextDone;
      if (nextTotal !== undefined) total = nextTotal;
      if (now() - lastWrite >= interval) write(false);
    },
    finish() {
      if (finished) return;
      finished = true;
      write(true);
    },
  };
}

function formatAmount(n: number, unit: ProgressUnit): string {
  if (unit !== 'bytes') return `${n.toLocaleString('en-AU')} ${unit}`;
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
