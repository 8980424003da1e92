/**
 * `npm run bench -- ui-size`: gzipped sizes of what a Manage page loads from
 * us (the extension's content script with every chunk it imports; the pod's
 * page), and the time from the ticket screen's first paint to the extension
 * panel's first paint with entries, in Debian Chromium. Needs `npm run build`.
 */
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, posix } from 'node:path';
import { startTestSystem } from '../test/helpers/start-test-system.js';
import { launchBrowser } from '../test/e2e/browser.js';
import { connectExtension } from '../test/e2e/connect-extension.js';

function closure(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !existsSync(join(root, file))) return;
    seen.add(file);
    const text = readFileSync(join(root, file), 'utf8');
    for (const match of text.matchAll(/(?:from\s*|import\(\s*(?:\/\*[^*]*\*\/\s*)?|getURL\(\s*)["']([^"']+\.js)["']/g)) {
      const target = match[1].startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), match[1])) : match[1].replace(/^\//, '');
      visit(target);
    }
  };
  visit(entry);
  return [...seen];
}

const gzipKb = (root: string, files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(join(root, f))).length, 0) / 1024;

const extRoot = 'dist/extension';
const manifest = JSON.parse(readFileSync(join(extRoot, 'manifest.json'), 'utf8')) as { content_scripts: Array<{ js: string[] }> };
const contentFiles = closure(extRoot, manifest.content_scripts[0].js[0]);
const podRoot = 'dist/pod';
const podHtml = readFileSync(join(podRoot, 'index.html'), 'utf8');
const podEntry = /src="\/pod\/([^"]+\.js)"/.exec(podHtml)![1];
const podFiles = ['index.html', ...closure(podRoot, podEntry)];
const contentScriptGzipKb = gzipKb(extRoot, contentFiles);
const podGzipKb = gzipKb(podRoot, podFiles);

const system = await startTestSystem();
const browser = await launchBrowser({ withExtension: true });
await connectExtension(browser.context, system.serverUrl, system.adminToken);

const samples: number[] = [];
for (let i = 0; i < 5; i++) {
  const page = await browser.context.newPage();
  await page.addInitScript(() => {
    // Shadow-root changes are invisible to a document MutationObserver: poll briefly.
    const w = window as unknown as { __panelPaint?: number };
    const timer = setInterval(() => {
      const host = document.querySelector('.cwb-ext-panel');
      if (host?.shadowRoot?.querySelector('[data-testid="time-entry"]')) {
        w.__panelPaint = performance.now();
        clearInterval(timer);
      }
    }, 2);
  });
  await page.goto(`${system.simulatorPageUrl}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001`);
  await page.waitForFunction(() => (window as unknown as { __panelPaint?: number }).__panelPaint, null, { timeout: 20_000 });
  const ms = await page.evaluate(() => {
    const firstPaint = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? 0;
    return (window as unknown as { __panelPaint: number }).__panelPaint - firstPaint;
  });
  samples.push(ms);
  await page.close();
}
await browser.close();
await system.close();
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)];
console.log(`content script: ${contentFiles.length} files, ${contentScriptGzipKb.toFixed(1)} KB gzipped`);
console.log(`pod page: ${podFiles.length} files, ${podGzipKb.toFixed(1)} KB gzipped`);
console.log(
  `ticket screen first paint → panel with entries painted: median ${median.toFixed(0)} ms of ${samples.map((s) => s.toFixed(0)).join(', ')}`,
);
console.log(
  JSON.stringify({
    bench: 'ui-size',
    contentScriptGzipKb: +contentScriptGzipKb.toFixed(1),
    podGzipKb: +podGzipKb.toFixed(1),
    panelFirstPaintMs: Math.round(median),
  }),
);
