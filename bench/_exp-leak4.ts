import { createClient } from '@libsql/client';
import { readFileSync } from 'node:fs';
const client = createClient({ url: `file:/tmp/exp/leak3.db` });
const rss = () => readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /RssAnon/.test(l))[0].replace(/\s+/g, ' ');
const P = Number(process.argv[2]); const gc = process.argv[3] === 'gc';
const sql = `select ${Array(P).fill('?').join('+')}`;
const runs = 1_000_000 / P;
for (let r = 0; r < runs; r++) {
  await client.execute({ sql, args: Array.from({ length: P }, (_, j) => j) });
  if (gc && r % 100 === 0) (globalThis as any).gc();
}
console.log(P, runs, 'statements', rss());
