// `npm run bench -- <name>`: runs bench/<name>.ts, which prints its figures and
// ends with one JSON line. Without a name, lists the benchmarks.
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';

const name = process.argv[2];
const available = readdirSync('bench').filter((f) => f.endsWith('.ts')).map((f) => f.replace(/\.ts$/, ''));
if (!name || !existsSync(`bench/${name}.ts`)) {
  console.log(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(name ? 1 : 0);
}
const result = spawnSync('npx', ['tsx', `bench/${name}.ts`, ...process.argv.slice(3)], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
process.exit(result.status ?? 1);
