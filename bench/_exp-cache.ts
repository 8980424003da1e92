import Database from 'libsql';
import { createClient } from '@libsql/client';
import { rmSync, readFileSync } from 'node:fs';
const caches = new WeakMap<object, Map<string, any>>();
const prepare = (Database as any).prototype.prepare;
if (process.argv[5] !== 'nocache') (Database as any).prototype.prepare = function (sql: string) {
  let cache = caches.get(this); if (!cache) { cache = new Map(); caches.set(this, cache); }
  let st = cache.get(sql);
  if (st) { cache.delete(sql); cache.set(sql, st); return st; }
  st = prepare.call(this, sql); cache.set(sql, st);
  if (cache.size > 100) cache.delete(cache.keys().next().value!);
  return st;
};
const path = '/tmp/exp/cache.db';
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
const client = createClient({ url: `file:${path}` });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute('create table t (id integer primary key autoincrement, k text not null, a text, b integer, c text, d text, e integer, f text, g text, h text, s text, ca text, imp integer)');
await client.execute('create unique index tk on t(k)');
await client.execute('create index ts on t(s, c, id)');
// correctness: error then reuse
await client.execute({ sql: 'insert into t (k) values (?)', args: ['dup'] });
try { await client.execute({ sql: 'insert into t (k) values (?)', args: ['dup'] }); } catch (e) { console.log('expected error', (e as Error).message.slice(0, 40)); }
await client.execute({ sql: 'insert into t (k) values (?)', args: ['dup2'] });
console.log((await client.execute({ sql: 'select k from t where k like ?', args: ['dup%'] })).rows.map((r) => r.k), (await client.execute({ sql: 'select k from t where k like ?', args: ['dup2%'] })).rows.map((r) => r.k));
const rss = () => readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /RssAnon/.test(l))[0].replace(/\s+/g, ' ');
const ROWS = Number(process.argv[2] ?? 1_000_000), CHUNK = Number(process.argv[3] ?? 500), PER_TX = Number(process.argv[4] ?? 20);
const cols = 12;
const sql = `insert into t (k,a,b,c,d,e,f,g,h,s,ca,imp) values ${Array.from({ length: CHUNK }, () => `(${Array(cols).fill('?').join(',')})`).join(',')} on conflict (k) do nothing`;
const t0 = performance.now();
let tx = await client.transaction('write'); let n = 0; let added = 0;
for (let i = 0; i < ROWS; i += CHUNK) {
  const args: unknown[] = [];
  for (let j = 0; j < CHUNK; j++) { const r = i + j; args.push('sha256:' + r.toString(36).padStart(43, 'x'), '02' + String(r % 5000).padStart(8, '0'), 1000 * (r % 900), new Date(1772323200000 + r * 2678).toISOString(), 'seconds', null, 'local', null, null, 'pending', '2026-04-01T00:00:00.000Z', 1); }
  added += (await tx.execute({ sql, args })).rowsAffected;
  if (++n % PER_TX === 0) { await tx.commit(); tx = await client.transaction('write'); }
  if ((i + CHUNK) % 200000 === 0) console.log(i + CHUNK, Math.round((i + CHUNK) / ((performance.now() - t0) / 1000)), 'rows/s', rss());
}
await tx.commit();
console.log('done', added, Math.round(ROWS / ((performance.now() - t0) / 1000)), 'rows/s', rss());
