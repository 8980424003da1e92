/**
 * Benchmark: the simulator serving 1,000-record pages of time entries over
 * real HTTP (loopback) from a 100,000-entry site (2,000 companies, seed 1),
 * the way a sync reads it. The simulator runs in its own process, started
 * exactly as `npm run sim` starts it, so this process's reading and JSON
 * parsing do not share its CPU. Three forward-only passes through the whole
 * collection (`pagination-type: forward-only`, following the Link header's
 * pageId), then one navigable pass (`page=N`). Prints pages/second and MB/s,
 * then ONE JSON line.
 *
 *   npx tsx bench/sim-serve-pages.ts [--time-entries N] [--passes N]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { 'time-entries': { type: 'string', default: '100000' }, passes: { type: 'string', default: '3' } },
});
const timeEntries = Number(values['time-entries']);
const passes = Number(values.passes);
const headers = {
  authorization: `Basic ${Buffer.from('demo+demo-public:demo-private').toString('base64')}`,
  clientId: 'bench',
  accept: 'application/vnd.connectwise.com+json; version=2025.1',
};

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'server/src/simulator/cli.ts',
    '--port',
    '0',
    '--seed',
    '1',
    '--companies',
    '2000',
    '--time-entries',
    String(timeEntries),
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
let printed = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (text: string) => (printed += text));
while (!/REST API:\s+(\S+)/.test(printed)) {
  if (child.exitCode !== null) throw new Error(`simulator exited: ${printed}`);
  await once(child.stdout, 'data');
}
const base = `${/REST API:\s+(\S+)/.exec(printed)![1]}/time/entries`;

async function readPage(url: string, extra: Record<string, string> = {}): Promise<{ bytes: number; count: number; link: string | null }> {
  const response = await fetch(url, { headers: { ...headers, ...extra } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${response.status} for ${url}`);
  return { bytes: Buffer.byteLength(body), count: (JSON.parse(body) as unknown[]).length, link: response.headers.get('link') };
}

try {
  await readPage(`${base}?pageSize=1000`); // warm up (JIT, connection)

  let pages = 0;
  let bytes = 0;
  let records = 0;
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) {
    let next: string | null = `${base}?pageSize=1000`;
    while (next) {
      const page = await readPage(next, { 'pagination-type': 'forward-only' });
      pages += 1;
      bytes += page.bytes;
      records += page.count;
      next = /<([^>]+)>;\s*rel="next"/.exec(page.link ?? '')?.[1] ?? null;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (records !== passes * timeEntries) throw new Error(`read ${records} records, expected ${passes * timeEntries}`);

  const navigableStarted = performance.now();
  const navigablePages = Math.ceil(timeEntries / 1000);
  for (let n = 1; n <= navigablePages; n++) await readPage(`${base}?pageSize=1000&page=${n}`);
  const navigableSeconds = (performance.now() - navigableStarted) / 1000;

  const pagesPerSecond = pages / seconds;
  const mbPerSecond = bytes / 1024 / 1024 / seconds;
  const averagePageKb = bytes / pages / 1024;
  console.log(
    `forward-only: ${pages} pages of 1,000 (${records.toLocaleString('en')} records, ${(bytes / 1024 / 1024).toFixed(1)} MB) in ${seconds.toFixed(2)} s: ` +
      `${pagesPerSecond.toFixed(1)} pages/s, ${mbPerSecond.toFixed(1)} MB/s, ${averagePageKb.toFixed(0)} KB a page`,
  );
  console.log(
    `navigable: ${navigablePages} pages in ${navigableSeconds.toFixed(2)} s: ${(navigablePages / navigableSeconds).toFixed(1)} pages/s`,
  );
  console.log(
    JSON.stringify({
      bench: 'sim-serve-pages',
      timeEntries,
      pageSize: 1000,
      pages,
      pagesPerSecond: Number(pagesPerSecond.toFixed(1)),
      mbPerSecond: Number(mbPerSecond.toFixed(1)),
      averagePageKb: Number(averagePageKb.toFixed(0)),
      navigablePagesPerSecond: Number((navigablePages / navigableSeconds).toFixed(1)),
    }),
  );
} finally {
  child.kill('SIGTERM');
}
