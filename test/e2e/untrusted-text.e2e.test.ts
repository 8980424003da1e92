import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../helpers/start-test-system.js';
import { connectExtension } from './connect-extension.js';
import { launchBrowser } from './browser.js';

/**
 * ConnectWise text is data, never markup: markup planted in a ticket's notes
 * and summary shows as text in the pod and the extension panel, and nothing runs.
 */
const PAYLOAD_IMG = `<img src=x onerror="document.documentElement.setAttribute('data-xss','img')">`;
const PAYLOAD_SCRIPT = `<script>document.documentElement.setAttribute('data-xss','script')</script>`;

let system: TestSystem;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  system = await startTestSystem();
  const store = system.simulator!.store;
  const template = store.all('timeEntries').find((e) => e.chargeToId === 1001)!;
  const { id: _id, ...fields } = structuredClone(template);
  store.insert('timeEntries', { ...fields, notes: `${PAYLOAD_IMG} then ${PAYLOAD_SCRIPT}`, billableOption: 'Billable' }, 'attacker');
  const ticket = store.get('tickets', 1001)!;
  store.replace('tickets', { ...ticket, summary: `Printer ${PAYLOAD_IMG}` }, 'attacker');
  browser = await launchBrowser({ withExtension: true });
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('untrusted ConnectWise text', () => {
  it('is shown as text in the pod and the extension panel, and runs nothing', async () => {
    await connectExtension(browser.context, system.serverUrl, system.adminToken);

    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${system.simulatorPageUrl}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001`);
    const pod = page.frameLocator('iframe[data-cw-hosted]');
    await pod.getByText(PAYLOAD_IMG, { exact: false }).first().waitFor({ timeout: 20_000 });
    const panel = page.locator('.cwb-ext-panel');
    await panel.getByText(PAYLOAD_SCRIPT, { exact: false }).first().waitFor({ timeout: 20_000 });
    // Give any injected handler the chance to run before checking it did not.
    await page.waitForTimeout(500);

    expect(await page.locator('html').getAttribute('data-xss')).toBeNull();
    expect(await pod.locator('html').getAttribute('data-xss')).toBeNull();
    expect(await pod.locator('img[src="x"]').count()).toBe(0);
    expect(await panel.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('[data-testid="ticket-banner"]').textContent()).toContain(PAYLOAD_IMG);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
