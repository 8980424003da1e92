// Code cites the project's own reference on ConnectWise (docs/connectwise/) for behaviour
// that comes from Manage. A citation that names a missing file or heading is a broken
// promise to the reader, so every one is checked here, as are the reference's own links.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|tsx|mjs|md)$/.test(file) && existsSync(path.join(ROOT, file)));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

function anchorsIn(file: string): Set<string> {
  const headings = readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => /^#{1,6} /.test(line));
  return new Set(headings.map((line) => anchorOf(line.replace(/^#+ /, ''))));
}

describe('citations of docs/connectwise/', () => {
  const files = trackedFiles();

  it('point at files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/docs\/connectwise\/([a-z0-9-]+\.md)(#[a-z0-9-]+)?/g)) {
        const cited = `docs/connectwise/${match[1]}`;
        if (!existsSync(path.join(ROOT, cited))) broken.push(`${file}: ${match[0]} (no such file)`);
        else if (match[2] && !anchorsIn(cited).has(match[2].slice(1))) broken.push(`${file}: ${match[0]} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('are the only reference: nothing cites research notes kept outside the repository', () => {
    const outside = files.filter(
      (file) =>
        !file.startsWith('docs/connectwise/') && /\b(API|SCREENS|PRODUCT|STYLE)\.md\b/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(outside).toEqual([]);
  });

  it('link, inside the reference, only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const file of files.filter((f) => f.startsWith('docs/connectwise/'))) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const match of text.matchAll(/\]\((?!https?:)([^)#\s]*)(#[^)\s]+)?\)/g)) {
        const target = match[1] === '' ? file : path.normalize(path.join(path.dirname(file), match[1]));
        if (!existsSync(path.join(ROOT, target))) broken.push(`${file}: ${match[0]}`);
        else if (match[2] && target.endsWith('.md') && !anchorsIn(target).has(match[2].slice(1)))
          broken.push(`${file}: ${match[0]} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });
});
