import { createClient } from '@libsql/client';
import { rmSync, readFileSync } from 'node:fs';
const path = '/tmp/exp/json.db';
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
const client = createClient({ url: `file:${path}` });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute('create table t (id integer primary key autoincrement, k text not null, a text, b integer, c text, d text, e integer, f text, g text, h text, s text, ca text, imp integer)');
await client.execute('create unique index tk on t(k)');
await client.execute('create index ts on t(s, c, id)');
const rss = () => readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /RssAnon/.test(l))[0].replace(/\s+/g, ' ');
const ROWS = Number(process.argv[2] ?? 1_000_000), CHUNK = Number(process.argv[3] ?? 1000), PER_TX = Number(process.argv[4] ?? 20);
const cols = ['k','a','b','c','d','e','f','g','h','s','ca','imp'];
const sql = `insert into t (${cols.join(',')}) select ${cols.map((_, i) => `value ->> ${i}`).join(', ')} from json_each(?) where true on conflict (k) do nothing`;
const t0 = performance.now();
let tx = await client.transaction('write'); let n = 0; let added = 0;
for (let i = 0; i < ROWS; i += CHUNK) {
  const rows: unknown[][] = [];
  for (let j = 0; j < CHUNK; j++) { const r = i + j; rows.push(['sha256:' + r.toString(36).padStart(43, 'x'), '02' + String(r % 5000).padStart(8, '0'), 1000 * (r % 900), new Date(1772323200000 + r * 2678).toISOString(), 'seconds', null, 'local', null, null, 'pending', '2026-04-01T00:00:00.000Z', 1]); }
  const res = await tx.execute({ sql, args: [JSON.stringify(rows)] });
  added += res.rowsAffected;
  if (++n % PER_TX === 0) { await tx.commit(); tx = await client.transaction('write'); }
  if ((i + CHUNK) % 200000 === 0) console.log(i + CHUNK, Math.round((i + CHUNK) / ((performance.now() - t0) / 1000)), 'rows/s', rss());
}
await tx.commit();
console.log('done', added, Math.round(ROWS / ((performance.now() - t0) / 1000)), 'rows/s', rss(), (await client.execute('select typeof(b), typeof(e), typeof(f), b from t limit 1')).rows[0]);
