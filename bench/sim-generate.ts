/**
 * Benchmark: the simulator's data generator making a large Manage site,
 * 100,000 time entries across 2,000 companies (seed 1), as
 * `npm run sim -- --companies 2000 --time-entries 100000` does at start.
 * Prints the time taken and the peak resident memory, then ONE JSON line.
 *
 *   npx tsx bench/sim-generate.ts [--companies N] [--time-entries N] [--seed S]
 */
import { parseArgs } from 'node:util';
import { generateDataset } from '../server/src/simulator/data/generate.js';

const { values } = parseArgs({
  options: {
    companies: { type: 'string', default: '2000' },
    'time-entries': { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
  },
});
const companies = Number(values.companies);
const timeEntries = Number(values['time-entries']);

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 5);
const started = performance.now();
const dataset = generateDataset({ seed: values.seed, companies, timeEntries });
const seconds = (performance.now() - started) / 1000;
peakRss = Math.max(peakRss, process.memoryUsage.rss());
clearInterval(sampler);

const records = Object.values(dataset).reduce((sum, list) => sum + list.length, 0);
const peakRssMb = Math.round(peakRss / 1024 / 1024);
console.log(
  `generated ${records.toLocaleString('en')} records (${dataset.companies.length} companies, ${dataset.timeEntries.length.toLocaleString('en')} time entries) in ${seconds.toFixed(2)} s; peak RSS ${peakRssMb} MB`,
);
console.log(JSON.stringify({ bench: 'sim-generate', companies, timeEntries, records, seconds: Number(seconds.toFixed(2)), peakRssMb }));
