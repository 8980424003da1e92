import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, adminApi, type TestSystem } from '../helpers/start-test-system.js';
import { screenshotPath } from '../helpers/screenshot-path.js';
import { launchBrowser } from './browser.js';

/**
 * Stories of the ticket pod around the quarantine and who may act: a
 * quarantined entry is resolved from the ticket; a member without the
 * quarantine power sees no quarantine actions; a tampered member hash is refused.
 */
let system: TestSystem;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const ticketUrl = (member: string) =>
  `${system.simulatorPageUrl}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001&member=${member}`;
const api: ReturnType<typeof adminApi> = (...args) => adminApi(system)(...args);

beforeAll(async () => {
  system = await startTestSystem();
  // Unmapped work role × work type combinations wait in the quarantine instead of creating products.
  const options = (await api('GET', '/api/v1/connectwise/options')).body;
  expect((await api('PUT', '/api/v1/connectwise/options', { ...options, autoCreateProducts: false })).status).toBe(200);
  expect((await api('POST', '/api/v1/connectwise/sync', { mode: 'full' })).status).toBe(201);
  browser = await launchBrowser({ withExtension: false });
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('the ticket pod and the quarantine', () => {
  it('lets a member with the quarantine power resolve a quarantined entry from the ticket', async () => {
    const page = await browser.context.newPage();
    await page.goto(ticketUrl('admin'));
    const pod = page.frameLocator('iframe[data-cw-hosted]');
    const quarantined = pod.locator('[data-testid="time-entry"]:has([data-billing-status="quarantined"])');
    await quarantined.first().waitFor({ timeout: 20_000 });
    const entryId = await quarantined.first().getAttribute('data-entry-id');
    await expect(quarantined.first().textContent()).resolves.toContain('work role × work type not mapped');
    await page.screenshot({ path: screenshotPath('ticket-pod.png'), fullPage: true });

    // Saving the ticket warns once about the unmapped work; saving again goes through.
    await page.locator('[data-cw-action="save"]').click();
    await page.waitForFunction(() => document.body.getAttribute('data-save-state') === 'blocked');
    await expect(page.locator('#cw-messages').textContent()).resolves.toContain('has no billing product mapped');
    await page.locator('[data-cw-action="save"]').click();
    await page.waitForFunction(() => document.body.getAttribute('data-save-state') === 'saved');

    await quarantined.first().getByRole('button', { name: 'Create product' }).click();
    const row = pod.locator(`[data-entry-id="${entryId}"]`);
    await row.locator('[data-billing-status="pending"]').waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('shows no quarantine actions to a member without the quarantine power', async () => {
    const page = await browser.context.newPage();
    await page.goto(ticketUrl('jsmith'));
    const pod = page.frameLocator('iframe[data-cw-hosted]');
    await pod.locator('[data-billing-status="quarantined"]').first().waitFor({ timeout: 20_000 });
    expect(await pod.locator('[data-testid="quarantine-actions"]').count()).toBe(0);
    await page.close();
  });

  it('refuses a tampered member hash', async () => {
    const page = await browser.context.newPage();
    // Tamper with what Manage hands the pod: the hash in the screen's member authentication
    // data, as the simulated Manage page reads it.
    await page.addInitScript(() => {
      const parse = JSON.parse;
      JSON.parse = (text: string, reviver?: (key: string, value: unknown) => unknown) => {
        const value = parse(text, reviver);
        // Another last character, whatever the (random) hash ends with.
        const hash: unknown = value?.member?.memberHash;
        if (typeof hash === 'string' && hash) value.member.memberHash = hash.slice(0, -1) + (hash.endsWith('x') ? 'y' : 'x');
        return value;
      };
    });
    await page.goto(ticketUrl('admin'));
    const pod = page.frameLocator('iframe[data-cw-hosted]');
    await pod.getByRole('alert').waitFor({ timeout: 20_000 });
    await expect(pod.getByRole('alert').textContent()).resolves.toContain('ConnectWise did not confirm this member');
    expect(await pod.locator('[data-testid="time-entry"]').count()).toBe(0);
    await page.close();
  });
});
