import { createClient } from '@libsql/client';
import { readFileSync } from 'node:fs';
const client = createClient({ url: `file:/tmp/exp/leak3.db` });
const rss = () => readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /RssAnon/.test(l))[0].replace(/\s+/g, ' ');
const kind = process.argv[2];
const P = 500;
const sql = `select ${Array(P).fill('?').join(',')}`;
for (let r = 0; r < 4000; r++) {
  const args = Array.from({ length: P }, (_, j) => kind === 'int' ? j : kind === 'null' ? null : 'abc' + j);
  await client.execute({ sql, args });
  if ((r + 1) % 1000 === 0) console.log(kind, (r + 1) * P, 'values', rss());
}
