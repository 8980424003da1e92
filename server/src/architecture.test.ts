// The server's folders form layers along the flow of data:
// ConnectWise → sync → billing → invoices/export, with the HTTP edge on top.
// A folder may import its own layer and the layers below it, never one above.
// This test reads every source file's relative imports and fails on one that
// runs against the flow, so the map in server/README.md stays true.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Each top-level folder (or file, without its extension) of server/src and its layer. */
const LAYER: Record<string, number> = {
  errors: 0,
  db: 0,
  patches: 0,
  audit: 0,
  connectwise: 1,
  settings: 2,
  mappings: 2,
  quarantine: 2,
  auth: 2,
  billing: 3,
  accounting: 4,
  usage: 4,
  sync: 5,
  tickets: 6,
  companies: 6,
  'connectwise-invoices': 6,
  http: 7,
  demo: 7,
  routes: 8,
  'app-deps': 9,
  app: 9,
  env: 9,
  boot: 10,
  cli: 10,
  index: 11,
};

/** The simulator stands in for Manage: the product reaches it over HTTP only, except where it is started. */
const SIMULATOR = 'simulator';
const MAY_START_SIMULATOR = new Set(['boot', 'cli']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function topOf(file: string): string {
  const [first, ...rest] = path.relative(SRC, file).split(path.sep);
  return rest.length === 0 ? first.replace(/\.tsx?$/, '') : first;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => path.resolve(path.dirname(file), m[1]));
}

describe('server layers', () => {
  const files = sourceFiles(SRC);

  it('names every top-level folder in the layer map', () => {
    const tops = new Set(files.map(topOf));
    const unknown = [...tops].filter((top) => top !== SIMULATOR && !(top in LAYER));
    expect(unknown).toEqual([]);
  });

  it('has no import against the flow of data', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = topOf(file);
      if (from === SIMULATOR) continue;
      for (const target of importsOf(file)) {
        if (!target.startsWith(SRC + path.sep)) continue;
        const to = topOf(target);
        if (to === from) continue;
        if (to === SIMULATOR) {
          if (!MAY_START_SIMULATOR.has(from)) violations.push(`${path.relative(SRC, file)} imports the simulator`);
          continue;
        }
        if (LAYER[to] > LAYER[from]) violations.push(`${path.relative(SRC, file)} (${from}) imports ${path.relative(SRC, target)} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps the simulator free of product code', () => {
    const leaks = files
      .filter((file) => topOf(file) === SIMULATOR)
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => target.startsWith(SRC + path.sep) && topOf(target) !== SIMULATOR)
          .map((target) => `${path.relative(SRC, file)} imports ${path.relative(SRC, target)}`),
      );
    expect(leaks).toEqual([]);
  });
});
