import { createClient } from '@libsql/client';
import { rmSync, readFileSync } from 'node:fs';
const path = '/tmp/exp/leak.db';
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
const client = createClient({ url: `file:${path}` });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute('create table t (id integer primary key, a text, b integer)');
if (process.argv[4] === 'idx') await client.execute('create unique index ta on t(a)');
const N = Number(process.argv[2]), PER_TX = Number(process.argv[3]), CHUNK = 500;
const t0 = performance.now();
let tx = await client.transaction('write');
const rss = () => readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /RssAnon/.test(l))[0].replace(/\s+/g, ' ');
let n = 0;
for (let i = 0; i < N; i += CHUNK) {
  await tx.execute({ sql: `insert into t (a,b) values ${Array(CHUNK).fill('(?,?)').join(',')}`, args: Array.from({ length: CHUNK }, (_, j) => ['x'.repeat(40) + (i + j), i + j]).flat() });
  if (++n % PER_TX === 0) { await tx.commit(); tx = await client.transaction('write'); }
  if ((i + CHUNK) % 200_000 === 0) console.log(i + CHUNK, rss());
}
await tx.commit();
console.log(Math.round(N / ((performance.now() - t0) / 1000)), 'rows/s', rss());
