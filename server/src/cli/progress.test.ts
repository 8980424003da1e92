import { describe, expect, it } from 'vitest';
import { startProgress } from './progress.js';

/** A stream that keeps what is written; `isTTY` says whether it stands for a terminal. */
function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, columns: 80, writes, write: (text: string) => writes.push(text) };
}

describe('progress on stderr', () => {
  it('redraws one line on a terminal, at most every ttyIntervalMs, and ends it when finished', () => {
    const out = stream(true);
    let now = 0;
    const progress = startProgress('invoice-run', { unit: 'accounts', total: 200, stream: out, now: () => now, ttyIntervalMs: 100 });
    now = 50;
    progress.update(50); // too soon after the first draw: not drawn
    now = 150;
    progress.update(100);
    now = 300;
    progress.update(200);
    progress.finish();
    expect(out.writes).toEqual([
      '\rinvoice-run [........................] 0% 0 of 200 accounts\x1b[K',
      '\rinvoice-run [############............] 50% 100 of 200 accounts\x1b[K',
      '\rinvoice-run [########################] 100% 200 of 200 accounts\x1b[K',
      '\rinvoice-run [########################] 100% 200 of 200 accounts\x1b[K\n',
    ]);
    expect(out.writes.join('').split('\n')).toHaveLength(2);
  });

  it('writes plain lines elsewhere: at the start, every plainIntervalMs, and at the end', () => {
    const out = stream(false);
    let now = 0;
    const progress = startProgress('usage import', {
      unit: 'bytes',
      total: 4 * 1024 * 1024,
      stream: out,
      now: () => now,
      plainIntervalMs: 2000,
    });
    for (let i = 1; i <= 4; i++) {
      now = i * 1000;
      progress.update(i * 1024 * 1024);
    }
    progress.finish();
    progress.update(0); // after the end: ignored
    expect(out.writes).toEqual([
      'usage import: 0% 0 B of 4.0 MiB\n',
      'usage import: 50% 2.0 MiB of 4.0 MiB\n',
      'usage import: 100% 4.0 MiB of 4.0 MiB\n',
      'usage import: 100% 4.0 MiB of 4.0 MiB, done in 4.0 s\n',
    ]);
  });

  it('counts without a percentage while the total is unknown', () => {
    const out = stream(false);
    const progress = startProgress('approve', { unit: 'invoices', stream: out, now: () => 0 });
    progress.update(3);
    progress.finish();
    expect(out.writes).toEqual(['approve: 0 invoices\n', 'approve: 3 invoices, done in 0.0 s\n']);
  });
});
