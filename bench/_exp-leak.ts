import { createClient } from '@libsql/client';
import { rmSync, readFileSync } from 'node:fs';
const path = '/tmp/exp/leak.db';
for (const s of ['', '-wal', '-shm']) rmSync(path + s, { force: true });
const client = createClient({ url: `file:${path}` });
await client.execute('PRAGMA journal_mode = WAL');
await client.execute('create table t (id integer primary key, a text, b integer)');
const mode = process.argv[2];
const N = 200_000, CHUNK = 500;
const t0 = performance.now();
const tx = await client.transaction('write');
for (let i = 0; i < N; i += CHUNK) {
  if (mode === 'args-text') {
    await tx.execute({ sql: `insert into t (a,b) values ${Array(CHUNK).fill('(?,?)').join(',')}`, args: Array.from({ length: CHUNK }, (_, j) => ['x'.repeat(100) + (i + j), i + j]).flat() });
  } else if (mode === 'args-int') {
    await tx.execute({ sql: `insert into t (a,b) values ${Array(CHUNK).fill('(null,?)').join(',')}`, args: Array.from({ length: CHUNK }, (_, j) => i + j) });
  } else if (mode === 'lit') {
    await tx.execute(`insert into t (a,b) values ${Array.from({ length: CHUNK }, (_, j) => `('${'x'.repeat(100) + (i + j)}',${i + j})`).join(',')}`);
  } else if (mode === 'select') {
    await tx.execute({ sql: `select ?` , args: ['x'.repeat(100 * CHUNK)] });
  }
}
await tx.commit();
const st = readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /RssAnon|VmHWM/.test(l));
console.log(mode, Math.round(N / ((performance.now() - t0) / 1000)), 'rows/s', st.join(' '));
