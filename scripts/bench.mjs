// `npm run bench -- <name>`: runs bench/<name>.ts, which prints its figures and
// ends with one JSON line. Without a name, lists the benchmarks.
//
// The benchmark is bundled first (esbuild, packages left to node_modules) and run by plain
// node, as production runs the server from a bundle (`npm start`): figures are those of the
// code users run, without a development loader's transpiling and source maps in the
// measuring process (tsx added some 45 MB of resident memory before any work). Children a
// benchmark forks with `--import tsx` still load TypeScript that way.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { build } from 'esbuild';

const name = process.argv[2];
const available = readdirSync('bench')
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
if (!name || !existsSync(`bench/${name}.ts`)) {
  console.log(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(name ? 1 : 0);
}
// Inside the project, so the bundle's bare imports resolve from its node_modules.
const outfile = `.tmp/bench/${name}.mjs`;
await build({
  entryPoints: [`bench/${name}.ts`],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const result = spawnSync(process.execPath, [outfile, ...process.argv.slice(3)], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(result.status ?? 1);
