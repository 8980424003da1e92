import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, adminApi, type TestSystem } from '../helpers/start-test-system.js';
import { screenshotPath } from '../helpers/screenshot-path.js';
import { launchBrowser } from './browser.js';

/**
 * The simulated Manage company screen: the company pod shows the billing
 * account behind the company, and the module's pages open as Manage tabs.
 */
let system: TestSystem;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
const api: ReturnType<typeof adminApi> = (...args) => adminApi(system)(...args);
const companyUrl = (id: number) =>
  `${system.simulatorPageUrl}/v4_6_release/services/system_io/router/openrecord.rails?locale=en_US&recordType=CompanyFV&recid=${id}&member=admin`;

beforeAll(async () => {
  system = await startTestSystem();
  expect((await api('POST', '/api/v1/connectwise/sync', { mode: 'full' })).status).toBe(201);
  browser = await launchBrowser({ withExtension: false });
});
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('company screen', () => {
  it('shows the linked billing account with what waits to be billed', async () => {
    const billing = (await api('GET', '/api/v1/companies/250/billing')).body;
    expect(billing.account).not.toBeNull();
    const page = await browser.context.newPage();
    await page.goto(companyUrl(250));
    const pod = page.frameLocator('iframe[data-hosted-as="pod"]');
    await pod.getByTestId('company-billing').waitFor({ timeout: 20_000 });
    await expect(pod.locator('h2').first().textContent()).resolves.toContain(billing.account.name);
    expect(await pod.getByTestId('unbilled-row').count()).toBe(billing.unbilled.length);
    await page.screenshot({ path: screenshotPath('company-pod.png'), fullPage: true });
    await page.close();
  });

  it('creates the billing account of a quarantined company from its company pod', async () => {
    // Company 254's type (Partner) is not mapped, so it has no account yet.
    expect((await api('GET', '/api/v1/companies/254/billing')).body.account).toBeNull();
    const page = await browser.context.newPage();
    await page.goto(companyUrl(254));
    const pod = page.frameLocator('iframe[data-hosted-as="pod"]');
    await pod.getByTestId('company-account-actions').waitFor({ timeout: 20_000 });
    await pod.getByRole('button', { name: 'Create its billing account' }).click();
    await pod.getByTestId('company-billing').waitFor({ timeout: 15_000 });
    expect((await api('GET', '/api/v1/companies/254/billing')).body.account).not.toBeNull();
    const stillOpen = (await api('GET', '/api/v1/connectwise/quarantine?status=open&entity=company')).body.items as Array<{
      externalId: string;
    }>;
    expect(stillOpen.map((i) => i.externalId)).not.toContain('254');
    await page.close();
  });

  it('opens the quarantine as a Manage tab, filters it and resolves items in bulk', async () => {
    const page = await browser.context.newPage();
    await page.goto(companyUrl(254));
    await page.getByRole('tab', { name: 'Billing quarantine' }).click();
    const tab = page.frameLocator('iframe[data-hosted-as="tab"][title="Billing quarantine"]');
    await tab.getByTestId('quarantine-page').waitFor({ timeout: 20_000 });
    const open = (await api('GET', '/api/v1/connectwise/quarantine?status=open&limit=1000')).body;
    expect(open.items.length).toBeGreaterThan(0);
    // On a company's screen the tab starts filtered to that company (company 254's type is unmapped).
    const ofCompany = open.items.filter((i: { entity: string; externalId: string; details: { companyId?: number } }) =>
      i.entity === 'company' ? i.externalId === '254' : i.details.companyId === 254,
    ).length;
    expect(ofCompany).toBeGreaterThan(0);
    await expect.poll(() => tab.getByTestId('quarantine-item').count()).toBe(ofCompany);
    await tab.getByLabel('Company id').fill('');
    await expect.poll(() => tab.getByTestId('quarantine-item').count()).toBe(open.items.length);

    const reason = open.items[0].reason as string;
    await tab.getByLabel('Reason').selectOption(reason);
    await tab.locator(`[data-testid="quarantine-item"]`).first().waitFor();
    const withReason = open.items.filter((i: { reason: string }) => i.reason === reason).length;
    await expect.poll(() => tab.getByTestId('quarantine-item').count()).toBe(withReason);
    await page.screenshot({ path: screenshotPath('quarantine-tab.png'), fullPage: true });

    await tab.getByLabel('Select all').check();
    await tab.getByRole('button', { name: 'Ignore (write off) selected' }).click();
    await tab.getByText(`${withReason} of ${withReason} moved on`).waitFor({ timeout: 15_000 });
    const after = (await api('GET', `/api/v1/connectwise/quarantine?status=ignored&reason=${reason}&limit=1000`)).body;
    expect(after.items.length).toBe(withReason);
    await page.close();
  });

  it('grants a member the quarantine power from the settings tab', async () => {
    const page = await browser.context.newPage();
    await page.goto(companyUrl(250));
    await page.getByRole('tab', { name: 'Billing settings' }).click();
    const tab = page.frameLocator('iframe[data-hosted-as="tab"][title="Billing settings"]');
    await tab.getByTestId('member-powers').waitFor({ timeout: 20_000 });
    await tab.getByLabel('Member identifier').fill('mchen');
    await tab.getByLabel('ConnectWise Quarantine Management').check();
    await tab.getByRole('button', { name: 'Save powers' }).click();
    await tab.getByText('mchen: ConnectWise Integration, ConnectWise Quarantine Management.').waitFor({ timeout: 10_000 });
    const grants = (await api('GET', '/api/v1/member-grants')).body.grants as Array<{ memberIdentifier: string; powers: string[] }>;
    expect(grants.find((g) => g.memberIdentifier === 'mchen')?.powers).toEqual([
      'ConnectWise Integration',
      'ConnectWise Quarantine Management',
    ]);
    await page.close();
  });

  it('opens the module pages on their own, outside Manage, with an API token', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${system.serverUrl}/pod/?page=mappings`);
    await page.getByLabel('API token').fill(system.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('mappings-page').waitFor({ timeout: 15_000 });
    await page.getByTestId('mapping-row').first().waitFor({ timeout: 15_000 });
    // Standalone, the pages list each other (inside Manage each is its own tab).
    await page.getByRole('button', { name: 'Sync runs' }).click();
    await page.getByTestId('runs-page').waitFor();
    await page.close();
  });

  it('runs a sync from the sync tab and lists it', async () => {
    const page = await browser.context.newPage();
    await page.goto(companyUrl(250));
    await page.getByRole('tab', { name: 'Billing sync' }).click();
    const tab = page.frameLocator('iframe[data-hosted-as="tab"][title="Billing sync"]');
    await tab.getByRole('button', { name: 'Sync now' }).click();
    await tab
      .getByTestId('sync-message')
      .getByText(/Sync succeeded/)
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => tab.getByTestId('sync-run').count()).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
