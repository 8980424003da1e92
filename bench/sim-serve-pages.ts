/**
 * Benchmark: the simulator serving 1,000-record pages of time entries over
 * real HTTP (loopback) from a 100,000-entry site, the way a sync reads it:
 * forward-only paging (`pagination-type: forward-only`, follow the Link
 * header's pageId) through the whole collection, several passes, then
 * navigable pages (`page=N`). Prints pages/second and MB/s, then ONE JSON line.
 *
 *   npx tsx bench/sim-serve-pages.ts [--time-entries N] [--passes N]
 */
import { parseArgs } from 'node:util';
import { startSimulator } from '../server/src/simulator/server.js';
import { generateDataset } from '../server/src/simulator/data/generate.js';

const { values } = parseArgs({ options: { 'time-entries': { type: 'string', default: '100000' }, passes: { type: 'string', default: '3' } } });
const timeEntries = Number(values['time-entries']);
const passes = Number(values.passes);
const credentials = { companyId: 'demo', publicKey: 'demo-public', privateKey: 'demo-private' };
const headers = {
  authorization: `Basic ${Buffer.from(`${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`).toString('base64')}`,
  clientId: 'bench',
  accept: 'application/vnd.connectwise.com+json; version=2025.1',
};

const sim = await startSimulator({ port: 0, credentials, dataset: generateDataset({ seed: 1, companies: 2000, timeEntries }) });
const base = `${sim.apiUrl}/v4_6_release/apis/3.0/time/entries`;

async function readPage(url: string, extra: Record<string, string> = {}): Promise<{ bytes: number; count: number; link: string | null }> {
  const response = await fetch(url, { headers: { ...headers, ...extra } });
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${response.status} for ${url}`);
  const count = (JSON.parse(Buffer.from(body).toString('utf8')) as unknown[]).length;
  return { bytes: body.byteLength, count, link: response.headers.get('link') };
}

// Warm up (JIT, connection).
await readPage(`${base}?pageSize=1000`);

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
const forwardSeconds = (performance.now() - started) / 1000;

const navigableStarted = performance.now();
let navigablePages = 0;
for (let n = 1; n <= Math.ceil(timeEntries / 1000); n++) {
  await readPage(`${base}?pageSize=1000&page=${n}`);
  navigablePages += 1;
}
const navigableSeconds = (performance.now() - navigableStarted) / 1000;
await sim.close();

const pagesPerSecond = pages / forwardSeconds;
const mbPerSecond = bytes / 1024 / 1024 / forwardSeconds;
const averagePageKb = bytes / pages / 1024;
console.log(
  `forward-only: ${pages} pages of 1,000 (${records.toLocaleString('en')} records, ${(bytes / 1024 / 1024).toFixed(1)} MB) in ${forwardSeconds.toFixed(2)} s: ` +
    `${pagesPerSecond.toFixed(1)} pages/s, ${mbPerSecond.toFixed(1)} MB/s, ${averagePageKb.toFixed(0)} KB a page`,
);
console.log(`navigable: ${navigablePages} pages in ${navigableSeconds.toFixed(2)} s: ${(navigablePages / navigableSeconds).toFixed(1)} pages/s`);
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
