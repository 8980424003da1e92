import { createClient } from '@libsql/client';
import { readFileSync } from 'node:fs';
let client = createClient({ url: `file:/tmp/exp/leak3.db` });
const rss = () => readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /RssAnon/.test(l))[0].replace(/\s+/g, ' ');
const P = 100;
const sql = `select ${Array(P).fill('?').join('+')}`;
for (let r = 0; r < 20000; r++) {
  await client.execute({ sql, args: Array.from({ length: P }, (_, j) => j) });
  if (r % 2000 === 1999) { client.close(); (globalThis as any).gc(); client = createClient({ url: `file:/tmp/exp/leak3.db` }); console.log(r, rss()); }
}
