import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where an e2e test saves a screenshot: $SCREENSHOT_DIR, else .tmp/screenshots (ignored by
 * git), so a test run never rewrites tracked files. `npm run docs:screenshots` sets
 * SCREENSHOT_DIR=docs to refresh the README's pictures on purpose.
 */
export function screenshotPath(name: string): string {
  const dir = resolve(process.env.SCREENSHOT_DIR || '.tmp/screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
