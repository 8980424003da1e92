import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../helpers/test-app.js';
import { screenshotPath } from '../helpers/screenshot-path.js';
import { launchBrowser } from './browser.js';

/**
 * The printable invoice in real Chromium: a bundle with parts and a discount, labour with
 * included hours, a product and an expense, rendered from GET /api/v1/invoices/:id/document
 * and saved as invoice.png (test/helpers/screenshot-path.ts: docs/ with `npm run docs:screenshots`).
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-01-01T08:00:00Z') });
  browser = await launchBrowser({ withExtension: false });
});
afterAll(async () => {
  await browser?.close();
  t?.dispose();
});

async function call(method: string, path: string, body?: unknown) {
  const response = await t.request(method, path, body);
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return (await response.json()) as Record<string, any>;
}

describe('the invoice document', () => {
  it('renders every section in Chromium', async () => {
    const account = await call('POST', '/api/v1/accounts', {
      name: 'Harbour Dental Group Pty Ltd',
      externalKey: 'connectwise:company:250',
      billingDay: 1,
    });
    const seat = await call('POST', '/api/v1/plans', {
      code: 'SEAT',
      name: 'Managed workstation',
      kind: 'service',
      periodPriceCents: 4500,
    });
    const voice = await call('POST', '/api/v1/plans', { code: 'SIP', name: 'SIP voice line', kind: 'service', periodPriceCents: 2990 });
    const bundle = await call('POST', '/api/v1/plans', {
      code: 'MSP-GOLD',
      name: 'Managed Services Gold',
      kind: 'package',
      periodPriceCents: 49500,
      discountBasisPoints: 500,
      parts: [
        { servicePlanId: seat.id, mandatory: true, quantityMilli: 12_000 },
        { servicePlanId: voice.id, mandatory: false, quantityMilli: 2000 },
      ],
      inclusions: [{ description: '10 support hours a month', appliesToKind: 'labour', quantityMilli: 10_000 }],
    });
    await call('POST', `/api/v1/accounts/${account.id}/subscriptions`, {
      planId: bundle.id,
      startDate: '2026-01-01',
      optionalPartPlanIds: [voice.id],
      partIdentifiers: [{ planId: voice.id, serviceIdentifier: '+61290001234' }],
    });
    const labour = (id: number, day: string, hours: number, member: string, role: string, type: string, text: string) => ({
      source: `connectwise:time:${id}`,
      accountId: account.id,
      kind: 'labour',
      description: text,
      chargeDate: `2026-01-${day}`,
      quantityMilli: hours * 1000,
      unitPriceCents: 16500,
      ticketNumber: String(48_000 + id),
      memberName: member,
      workRole: role,
      workType: type,
    });
    // A charge's tax code must be defined before the charge is added.
    await call('PUT', '/api/v1/tax-codes/FRE', { rate: 0, description: 'GST-free' });
    await call('POST', '/api/v1/charges/batch', {
      charges: [
        labour(1, '06', 3, 'jsmith', 'Field Engineer', 'Onsite', 'Replace failed switch in surgery 2'),
        labour(2, '13', 4.5, 'apatel', 'Service Desk', 'Remote', 'Outlook profile rebuild <all users>'),
        labour(3, '21', 4, 'jsmith', 'Field Engineer', 'Onsite', 'Imaging PC for new hygienist'),
        {
          source: 'connectwise:product:77',
          accountId: account.id,
          kind: 'product',
          description: 'Ubiquiti USW-24-PoE switch',
          chargeDate: '2026-01-06',
          quantityMilli: 1000,
          unitPriceCents: 64900,
        },
        {
          source: 'connectwise:expense:12',
          accountId: account.id,
          kind: 'expense',
          description: 'Parking, Sydney CBD',
          chargeDate: '2026-01-06',
          quantityMilli: 1000,
          unitPriceCents: 3200,
          taxCode: 'FRE',
        },
      ],
    });
    // January is billed in advance on its own invoice; February's then carries January's work.
    await call('POST', '/api/v1/invoice-runs', { billingDate: '2026-01-01' });
    const [january] = (await call('GET', `/api/v1/invoices?accountId=${account.id}&periodStart=2026-01-01`)).items;
    await call('POST', `/api/v1/invoices/${january.id}/approve`, {});

    t.setNow(new Date('2026-02-01T08:00:00Z'));
    await call('POST', '/api/v1/invoice-runs', { billingDate: '2026-02-01' });
    const [invoice] = (await call('GET', `/api/v1/invoices?accountId=${account.id}&periodStart=2026-02-01`)).items;
    expect((await call('POST', `/api/v1/invoices/${invoice.id}/approve`, {})).number).toBe('INV-000002');

    const html = await (await t.request('GET', `/api/v1/invoices/${invoice.id}/document`)).text();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 900, height: 1200 });
    await page.setContent(html, { waitUntil: 'load' });
    for (const heading of ['Services and Equipment', 'Labour Charges', 'Products', 'Expenses', 'Tax summary']) {
      await expect(page.getByRole('heading', { name: heading }).count()).resolves.toBe(1);
    }
    expect(await page.locator('h1').textContent()).toBe('Tax Invoice');
    expect(await page.getByText('Outlook profile rebuild <all users>').count()).toBe(1); // escaped, shown as text
    expect(await page.locator('tr.total td').textContent()).toBe(
      `$${(invoice.totalCents / 100).toLocaleString('en-AU', { minimumFractionDigits: 2 })}`,
    );
    await page.screenshot({ path: screenshotPath('invoice.png'), fullPage: true });
    await page.close();
  });
});
