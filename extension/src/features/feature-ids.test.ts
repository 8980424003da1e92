import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FEATURE_LIST } from '../feature-list.js';

/** One feature, one file: the file name is the id it registers, content.ts imports it, options list it. */
const dir = join(import.meta.dirname);
const files = readdirSync(dir).filter((f) => f.endsWith('.tsx') && !f.endsWith('.test.tsx'));

describe('feature files', () => {
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const file of files) {
    const id = file.replace(/\.tsx$/, '');
    it(`${id} registers itself under its file name, is imported by content.ts and listed in options`, () => {
      expect(readFileSync(join(dir, file), 'utf8')).toContain(`features.add('${id}',`);
      expect(readFileSync(join(dir, '..', 'content.ts'), 'utf8')).toContain(`import './features/${id}.js';`);
      expect(FEATURE_LIST.map((f) => f.id)).toContain(id);
    });
  }
});
