import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, adminApi, type TestSystem } from '../helpers/start-test-system.js';
import { testToday } from '../helpers/test-clock.js';
import { launchBrowser } from './browser.js';

/**
 * A technician pushes an approved time entry from the ticket pod and sees it
 * pending; after the invoice run and approval the pod shows it invoiced, with
 * the invoice number.
 */
let system: TestSystem;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const api: ReturnType<typeof adminApi> = (...args) => adminApi(system)(...args);

beforeAll(async () => {
  system = await startTestSystem();
  expect((await api('POST', '/api/v1/connectwise/sync', { mode: 'full' })).status).toBe(201);
  browser = await launchBrowser({ withExtension: false });
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('push to billing from the ticket pod', () => {
  it('turns an approved entry into a pending charge, then shows it invoiced after the run', async () => {
    const store = system.simulator!.store;
    // Entry 4 was pending approval at the sync; the service manager approves it in ConnectWise.
    const entry = store.get('timeEntries', 4)!;
    expect(entry.status).toBe('PendingApproval');
    store.replace('timeEntries', { ...entry, status: 'ReadyToBill' }, 'manager');

    const page = await browser.context.newPage();
    await page.goto(
      `${system.simulatorPageUrl}/v4_6_release/services/system_io/Service/fv_sr100_request.rails?service_recid=1001&member=jsmith`,
    );
    const pod = page.frameLocator('iframe[data-cw-hosted]');
    const row = pod.locator('[data-entry-id="4"]');
    await row.locator('[data-billing-status="not-pushed"]').waitFor({ timeout: 20_000 });
    await row.getByRole('button', { name: 'Push to billing' }).click();
    await row.locator('[data-billing-status="pending"]').waitFor({ timeout: 15_000 });
    await expect(pod.getByTestId('push-message').textContent()).resolves.toContain('pending charge');

    // Pushing again never bills twice.
    const again = await api('POST', '/api/v1/connectwise/time-entries/4/push');
    expect(again.body.outcome).toBe('already_present');

    // The account opened today (the test's clock): its first period holds today and the entry.
    const run = await api('POST', '/api/v1/invoice-runs', { billingDate: testToday() });
    expect(run.body.status).toBe('completed');
    const charge = (await api('GET', '/api/v1/companies/250/billing')).body;
    const invoices = (await api('GET', `/api/v1/invoices?accountId=${charge.account.id}`)).body.items as Array<{ id: number }>;
    expect(invoices).toHaveLength(1);
    const approved = await api('POST', `/api/v1/invoices/${invoices[0].id}/approve`);
    expect(approved.status).toBe(200);

    await page.reload();
    const invoiced = pod.locator('[data-entry-id="4"] [data-billing-status="invoiced"]');
    await invoiced.waitFor({ timeout: 20_000 });
    await expect(invoiced.textContent()).resolves.toMatch(/Invoiced #INV-\d+/);
    await page.close();
  });
});
