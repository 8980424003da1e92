import Database from 'libsql';
import { readFileSync } from 'node:fs';
const db = new Database('/tmp/exp/leak3.db');
const rss = () => readFileSync('/proc/self/status', 'utf8').split('\n').filter((l) => /RssAnon/.test(l))[0].replace(/\s+/g, ' ');
const P = 100; const mode = process.argv[2];
const sql = `select ${Array(P).fill('?').join('+')}`;
const once = db.prepare(sql);
const args = Array.from({ length: P }, (_, j) => j);
for (let r = 0; r < 20000; r++) {
  if (mode === 'prepare-only') db.prepare(sql);
  else if (mode === 'reuse') once.all(args);
  else if (mode === 'reuse-run') once.run(args);
  else if (mode === 'fresh') { const s = db.prepare(sql); s.raw(true); s.all(args); }
  if (r % 5000 === 4999) { (globalThis as any).gc(); console.log(mode, r, rss()); }
}
