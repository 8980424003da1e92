import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestSystem, type TestSystem } from '../helpers/start-test-system.js';
import { screenshotPath } from '../helpers/screenshot-path.js';
import { launchBrowser } from './browser.js';
import { EXTENSION_ID } from '../../extension/manifest.config.js';

/**
 * The simulated Manage ticket screen in real Chromium: the pod (framed, over
 * the Hosted API) lists the ticket's time entries, and with the extension
 * configured from its options page, the panel shows the same entries.
 */
let system: TestSystem;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  system = await startTestSystem();
  browser = await launchBrowser({ withExtension: true });
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

const ticketUrl = (id: number) =>
  `${system.simulatorPageUrl}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=${id}`;

async function podEntryIds(page: Page): Promise<number[]> {
  const pod = page.frameLocator('iframe[data-cw-hosted]');
  await pod.locator('[data-testid="time-entry"]').first().waitFor({ timeout: 20_000 });
  return await pod.locator('[data-testid="time-entry"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-entry-id'))));
}

describe('ticket screen', () => {
  it('shows the pod listing the ticket time entries, signed in through the Hosted API', async () => {
    const page = await browser.context.newPage();
    await page.goto(ticketUrl(1001));
    await expect(page.locator('[data-testid="ticket-banner"]').textContent()).resolves.toMatch(/^Service Ticket #1001 - /);
    const expected = system
      .simulator!.store.all('timeEntries')
      .filter((e) => e.chargeToId === 1001 && e.chargeToType === 'ServiceTicket')
      .map((e) => e.id);
    expect(await podEntryIds(page)).toEqual(expected);
    const log = (await page.evaluate(
      () => (window as unknown as { __cwHost: { log: Array<Record<string, unknown>> } }).__cwHost.log,
    )) as Array<Record<string, unknown>>;
    expect(log[0]).toEqual({ message: 'ready' });
    expect(log.some((m) => m.hosted_request === 'getMemberAuthentication')).toBe(true);
    expect(log.some((m) => m.event === 'onLoad' && m.result === 'success')).toBe(true);
    await page.close();
  });

  it('shows the products sold and the expenses entered on the ticket', async () => {
    const page = await browser.context.newPage();
    await page.goto(ticketUrl(1003));
    const pod = page.frameLocator('iframe[data-cw-hosted]');
    await pod.getByTestId('ticket-product').first().waitFor({ timeout: 20_000 });
    const store = system.simulator!.store;
    expect(await pod.getByTestId('ticket-product').count()).toBe(
      store.all('products').filter((p) => (p.ticket as { id?: number } | undefined)?.id === 1003).length,
    );
    expect(await pod.getByTestId('ticket-expense').count()).toBe(store.all('expenseEntries').filter((e) => e.chargeToId === 1003).length);
    await page.close();
  });

  it("reads the ticket from ConnectWise again on the pod's Refresh, and says as of when", async () => {
    const page = await browser.context.newPage();
    await page.goto(ticketUrl(1003));
    const pod = page.frameLocator('iframe[data-cw-hosted]');
    await pod.getByTestId('ticket-product').first().waitFor({ timeout: 20_000 });
    await expect(pod.getByTestId('billing-as-of').textContent()).resolves.toMatch(/^as of \S/);
    // Products have no callback: the server's copy stays as it was until something reads it again.
    const store = system.simulator!.store;
    const [sale] = store.all('products').filter((p) => (p.ticket as { id?: number } | undefined)?.id === 1003);
    store.replace('products', { ...sale, description: 'Toner, changed in Manage' }, 'tkowalski');
    await pod.getByRole('button', { name: 'Refresh from ConnectWise' }).click();
    await pod
      .locator(`[data-testid="ticket-product"][data-record-id="${sale.id}"]`)
      .getByText('Toner, changed in Manage')
      .waitFor({ timeout: 10_000 });
    await expect(pod.getByTestId('billing-as-of').getAttribute('data-source')).resolves.toBe('live');
    await page.close();
  });

  it('shows the extension panel with the same entries once the admin connects it in the options page', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/src/options/index.html`);
    await options.getByLabel('Billing server address').fill(system.serverUrl);
    await options.getByLabel('API token').fill(system.adminToken);
    await options.getByRole('button', { name: 'Save and test connection' }).click();
    await expect(options.getByTestId('connection-status').textContent({ timeout: 15_000 })).resolves.toBeDefined();
    await options.getByText(/Connected as bootstrap admin/).waitFor({ timeout: 15_000 });
    await options.screenshot({ path: screenshotPath('extension-options.png'), fullPage: true });
    await options.close();

    const page = await browser.context.newPage();
    await page.goto(ticketUrl(1001));
    const panel = page.locator('.cwb-ext-panel[data-feature="ticket-billing-panel"]');
    await panel.locator('[data-testid="time-entry"]').first().waitFor({ timeout: 20_000 });
    const panelIds = await panel
      .locator('[data-testid="time-entry"]')
      .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-entry-id'))));
    expect(panelIds).toEqual(await podEntryIds(page));
    expect(await page.locator('.cwb-ext-panel').count()).toBe(1);

    await page.screenshot({ path: screenshotPath('ticket-screen.png'), fullPage: true });
    await panel.screenshot({ path: screenshotPath('extension-panel.png') });
    await page.close();
  });
});
