import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, type TestSystem } from '../helpers/start-test-system.js';
import { launchBrowser } from './browser.js';

/**
 * A service manager flags a time entry "do not bill" in the ticket pod; the
 * change is written to ConnectWise with the member's own credentials. An
 * unapplied choice marks the screen dirty and blocks Manage's Save.
 */
let system: TestSystem;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
beforeAll(async () => {
  system = await startTestSystem();
  browser = await launchBrowser({ withExtension: false });
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('flagging from the ticket pod', () => {
  it('writes "Do not bill" back to ConnectWise and shows the entry as not billable', async () => {
    const store = system.simulator!.store;
    const entry = store.all('timeEntries').find((e) => e.chargeToId === 1001 && e.billableOption === 'Billable')!;
    const page = await browser.context.newPage();
    await page.goto(
      `${system.simulatorPageUrl}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001&member=admin`,
    );
    const pod = page.frameLocator('iframe[data-cw-hosted]');
    const row = pod.locator(`[data-entry-id="${entry.id}"]`);
    await row.waitFor({ timeout: 20_000 });

    await row.getByLabel(`Billing flag for entry ${entry.id}`).selectOption('DoNotBill');
    await page.waitForFunction(() => document.body.classList.contains('cw-dirty'));
    await page.locator('[data-cw-action="save"]').click();
    await page.waitForFunction(() => document.body.getAttribute('data-save-state') === 'blocked');
    await expect(page.locator('#cw-messages').textContent()).resolves.toContain('flag changes that are not applied');

    await row.getByRole('button', { name: 'Apply' }).click();
    await row.locator('.cwb-badge.not-billable').waitFor({ timeout: 10_000 });
    expect(store.get('timeEntries', entry.id)!.billableOption).toBe('DoNotBill');
    expect((store.get('timeEntries', entry.id)!._info as { updatedBy: string }).updatedBy).toBe('admin');
    await page.waitForFunction(() => !document.body.classList.contains('cw-dirty'));
    await page.close();
  });
});
