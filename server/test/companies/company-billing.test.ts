import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/test-app.js';
import { upsertAccountFromSource } from '../../src/billing/upsert-account-from-source.js';
import { upsertContactFromSource } from '../../src/billing/upsert-contact-from-source.js';
import { addCharges } from '../../src/billing/add-charges.js';
import type { CompanyBilling } from '../../../shared/schemas/company-billing.js';

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp({ now: new Date('2026-06-20T10:00:00Z') });
  const ctx = { db: t.db, now: new Date('2026-06-20T10:00:00Z'), actor: 'test', defaultCurrency: 'AUD' };
  await upsertAccountFromSource(ctx, {
    externalKey: 'connectwise:company:250',
    name: 'Contoso Pty Ltd',
    billingDay: 1,
    openedOn: '2026-01-01',
  });
  await upsertContactFromSource(ctx, {
    externalKey: 'connectwise:contact:1',
    accountExternalKey: 'connectwise:company:250',
    firstName: 'Sarah',
    lastName: 'Mitchell',
    email: 'sarah@contoso.example',
  });
  await addCharges(ctx, {
    charges: [
      {
        source: 'connectwise:time:1',
        accountExternalKey: 'connectwise:company:250',
        kind: 'labour',
        description: 'Outlook repair',
        chargeDate: '2026-06-18',
        quantityMilli: 750,
        unitPriceCents: 17500,
      },
      {
        source: 'connectwise:time:2',
        accountExternalKey: 'connectwise:company:250',
        kind: 'labour',
        description: 'Archive',
        chargeDate: '2026-06-19',
        quantityMilli: 1500,
        unitPriceCents: 14000,
      },
      {
        source: 'connectwise:expense:1',
        accountExternalKey: 'connectwise:company:250',
        kind: 'expense',
        description: 'Parking',
        chargeDate: '2026-06-19',
        quantityMilli: 1000,
        unitPriceCents: 1850,
      },
    ],
  });
});
afterAll(() => t?.dispose());

describe('GET /api/v1/companies/:id/billing', () => {
  it('shows the linked account, unbilled amounts by kind and the locked contacts', async () => {
    const response = await t.request('GET', '/api/v1/companies/250/billing');
    expect(response.status).toBe(200);
    const body = (await response.json()) as CompanyBilling;
    expect(body.account).toMatchObject({
      name: 'Contoso Pty Ltd',
      billingDay: 1,
      currentPeriod: { start: '2026-06-01', end: '2026-07-01' },
    });
    // 0.75 h × $175.00 = $131.25; 1.5 h × $140.00 = $210.00; parking $18.50.
    expect(body.unbilled.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
      { kind: 'expense', count: 1, amountCents: 1850 },
      { kind: 'labour', count: 2, amountCents: 34125 },
    ]);
    expect(body.unbilledTotalCents).toBe(35975);
    expect(body.contacts).toEqual([expect.objectContaining({ name: 'Sarah Mitchell', locked: true })]);
  });

  it('says plainly when no account is linked to the company', async () => {
    const body = (await (await t.request('GET', '/api/v1/companies/999/billing')).json()) as CompanyBilling;
    expect(body.account).toBeNull();
    expect(body.company.externalKey).toBe('connectwise:company:999');
  });

  it('rejects a bad company id with 400', async () => {
    expect((await t.request('GET', '/api/v1/companies/x/billing')).status).toBe(400);
  });
});
