import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, adminApi, type TestSystem } from '../helpers/start-test-system.js';
import { connectExtension } from './connect-extension.js';
import { screenshotPath } from '../helpers/screenshot-path.js';
import { launchBrowser } from './browser.js';
import { EXTENSION_ID } from '../../extension/manifest.config.js';

/**
 * The extension beyond the ticket: the company panel on a company screen, and
 * the popup with the quarantine count, the last sync and "sync now".
 */
let system: TestSystem;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const api: ReturnType<typeof adminApi> = (...args) => adminApi(system)(...args);

beforeAll(async () => {
  system = await startTestSystem();
  expect((await api('POST', '/api/v1/connectwise/sync', { mode: 'full' })).status).toBe(201);
  browser = await launchBrowser({ withExtension: true });
  await connectExtension(browser.context, system.serverUrl, system.adminToken);
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('extension', () => {
  it('shows the company panel with the unbilled total on a company screen', async () => {
    const billing = (await api('GET', '/api/v1/companies/250/billing')).body;
    const page = await browser.context.newPage();
    await page.goto(
      `${system.simulatorPageUrl}/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=CompanyFV&recid=250`,
    );
    const panel = page.locator('.cwb-ext-panel[data-feature="company-billing-panel"]');
    await panel.getByTestId('company-billing').waitFor({ timeout: 20_000 });
    const total = await panel.getByTestId('unbilled-total').textContent();
    expect(total?.replace(/[^0-9]/g, '')).toBe(String(billing.unbilledTotalCents));
    expect(await page.locator('.cwb-ext-panel[data-feature="ticket-billing-panel"]').count()).toBe(0);
    await page.close();
  });

  it('previews what a time entry will bill while the technician fills it in', async () => {
    const page = await browser.context.newPage();
    await page.goto(
      `${system.simulatorPageUrl}/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=TimeEntryFV&recid=1`,
    );
    const panel = page.locator('.cwb-ext-panel[data-feature="time-entry-preview"]');
    await panel.getByTestId('time-entry-preview').waitFor({ timeout: 20_000 });
    // Senior Engineer × After Hours, 0.6 h: ConnectWise bills 0.75 h at $262.50/h.
    await page.locator('select.cw_WorkRole').selectOption('3');
    await page.locator('select.cw_WorkType').selectOption('2');
    await page.locator('input.cw_Hours').fill('0.6');
    await expect.poll(() => panel.getByTestId('preview-amount').textContent(), { timeout: 10_000 }).toBe('$196.88');
    await page.screenshot({ path: screenshotPath('time-entry-preview.png'), fullPage: true });
    await page.close();
  });

  it('flags, on a ConnectWise invoice, the items billing also charges', async () => {
    const store = system.simulator!.store;
    // Someone invoices entry 1 in ConnectWise although the sync already made it a charge of ours.
    const invoice = store.insert(
      'invoices',
      { invoiceNumber: '10021', type: 'Standard', company: store.get('timeEntries', 1)!.company, total: 131.25 },
      'billing-clerk',
    );
    store.replace(
      'timeEntries',
      { ...store.get('timeEntries', 1)!, invoice: { id: invoice.id, identifier: '10021' }, status: 'Billed' },
      'billing-clerk',
    );
    const page = await browser.context.newPage();
    await page.goto(
      `${system.simulatorPageUrl}/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=InvoiceFV&recid=${invoice.id}`,
    );
    const panel = page.locator('.cwb-ext-panel[data-feature="invoice-double-billing"]');
    await panel.getByTestId('invoice-overlap').waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('invoice-overlap').getAttribute('data-billed-twice')).toBe('1');
    await expect(panel.getByTestId('invoice-overlap').textContent()).resolves.toContain('Time entry 1: $131.25 pending');
    await page.close();
  });

  it("shows an agreement's additions beside what billing has for the company", async () => {
    const agreement = system.simulator!.store.get('agreements', 1)!;
    const additions = system
      .simulator!.store.all('agreementAdditions')
      .filter((a) => a.agreementId === 1 || (a.agreement as { id?: number } | undefined)?.id === 1);
    const page = await browser.context.newPage();
    await page.goto(
      `${system.simulatorPageUrl}/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=AgreementFV&recid=${agreement.id}`,
    );
    const panel = page.locator('.cwb-ext-panel[data-feature="agreement-billing-panel"]');
    await panel.getByTestId('agreement-billing').waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('agreement-addition').count()).toBe(additions.length);
    await panel.getByTestId('company-billing').waitFor();
    await page.close();
  });

  it('shows the quarantine count and the last sync in the popup, and syncs on demand', async () => {
    const summary = (await api('GET', '/api/v1/connectwise/quarantine-summary')).body;
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${EXTENSION_ID}/src/popup/index.html`);
    await popup.getByTestId('quarantine-count').waitFor({ timeout: 15_000 });
    await expect(popup.getByTestId('quarantine-count').textContent()).resolves.toContain(String(summary.open));
    await expect(popup.getByTestId('last-sync').textContent()).resolves.toMatch(/succeeded/);
    await popup.getByRole('button', { name: 'Sync now' }).click();
    await popup.getByText(/Sync succeeded: \d+ added/).waitFor({ timeout: 30_000 });
    const runs = (await api('GET', '/api/v1/connectwise/runs?limit=5')).body;
    expect(runs.items.length).toBe(2);
    await popup.close();
  });
});
