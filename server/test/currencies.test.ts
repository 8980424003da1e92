import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accounts, charges, plans, products } from '../src/db/schema/index.js';
import { createTestApp } from '../../test/helpers/test-app.js';
import { testNow, testToday } from '../../test/helpers/test-clock.js';

/**
 * Currencies over REST: only current ISO 4217 currencies are accepted (docs/money.md), and an
 * account's amounts are shown and exported in its currency's own minor unit: whole yen, dinars
 * to three places.
 */
let t: Awaited<ReturnType<typeof createTestApp>>;
beforeEach(async () => {
  t = await createTestApp({ now: testNow() });
});
afterEach(() => t.dispose());

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as Record<string, any> });
// Intl puts a no-break space between a currency code and the number.
const NBSP = '\u00a0';

const refusedCurrency = (currency: string) => ({
  status: 400,
  body: {
    code: 'validation_failed',
    message: expect.any(String),
    details: { issues: [{ path: 'currency', message: `${currency} is not a current ISO 4217 currency (docs/money.md)` }] },
    requestId: expect.any(String),
  },
});

/** An account in `currency` with one labour charge of `unitPriceCents` for one hour today, invoiced now. */
async function invoicedAccount(currency: string, unitPriceCents: number) {
  const account = await json(
    await t.request('POST', '/api/v1/accounts', { name: `${currency} customer`, currency, openedOn: testToday() }),
  );
  expect(account).toMatchObject({ status: 201, body: { currency } });
  const charge = await json(
    await t.request('POST', '/api/v1/charges', {
      source: `connectwise:time:${currency}`,
      accountId: account.body.id,
      kind: 'labour',
      description: 'Server rebuild',
      chargeDate: testToday(),
      quantityMilli: 1000,
      unitPriceCents,
      currency,
    }),
  );
  expect(charge).toMatchObject({ status: 201, body: { charge: { amountCents: unitPriceCents, currency } } });
  const created = await json(await t.request('POST', `/api/v1/accounts/${account.body.id}/immediate-invoice`, {}));
  expect(created.status).toBe(201);
  const invoice = (await json(await t.request('GET', `/api/v1/invoices/${created.body.invoiceId}`))).body;
  expect(invoice).toMatchObject({ currency, netCents: unitPriceCents });
  return invoice;
}

/** The export's CSV as header → value records. Fields here hold no commas or quotes. */
function csvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trim().split(/\r?\n/);
  const names = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [names[i], value])));
}

describe('currencies that are not ISO 4217', () => {
  it('refuses QQQ for an account, a plan, a product and a charge with a 400 envelope, and creates nothing', async () => {
    expect(await json(await t.request('POST', '/api/v1/accounts', { name: 'Acme', currency: 'QQQ' }))).toMatchObject(
      refusedCurrency('QQQ'),
    );
    expect(
      await json(
        await t.request('POST', '/api/v1/plans', {
          code: 'NBN',
          name: 'NBN 100',
          kind: 'service',
          periodPriceCents: 8900,
          currency: 'QQQ',
        }),
      ),
    ).toMatchObject(refusedCurrency('QQQ'));
    expect(
      await json(
        await t.request('POST', '/api/v1/products', {
          name: 'Laptop',
          kind: 'one-off',
          unitPriceCents: 150000,
          unit: 'each',
          currency: 'QQQ',
        }),
      ),
    ).toMatchObject(refusedCurrency('QQQ'));
    expect(await t.db.select().from(accounts)).toEqual([]);
    expect(await t.db.select().from(plans)).toEqual([]);
    expect(await t.db.select().from(products)).toEqual([]);

    const account = await json(await t.request('POST', '/api/v1/accounts', { name: 'Acme' }));
    const charge = {
      source: 'connectwise:time:1',
      accountId: account.body.id,
      kind: 'labour',
      description: 'Remote support',
      chargeDate: testToday(),
      quantityMilli: 1000,
      unitPriceCents: 16500,
    };
    expect(await json(await t.request('POST', '/api/v1/charges', { ...charge, currency: 'QQQ' }))).toMatchObject(refusedCurrency('QQQ'));
    expect(await t.db.select().from(charges)).toEqual([]);
  });

  it('refuses codes with no minor unit or withdrawn from the list, and accepts current ones', async () => {
    for (const currency of ['XAU', 'XXX', 'XTS', 'ANG']) {
      expect(await json(await t.request('POST', '/api/v1/accounts', { name: `In ${currency}`, currency }))).toMatchObject(
        refusedCurrency(currency),
      );
    }
    for (const currency of ['JPY', 'BHD', 'USD', 'XCG']) {
      expect(await json(await t.request('POST', '/api/v1/accounts', { name: `In ${currency}`, currency }))).toMatchObject({
        status: 201,
        body: { currency },
      });
    }
    expect((await t.db.select({ currency: accounts.currency }).from(accounts)).map((a) => a.currency).sort()).toEqual([
      'BHD',
      'JPY',
      'USD',
      'XCG',
    ]);
  });
});

describe('amounts in the currency’s own minor unit', () => {
  it('invoices a JPY account in whole yen: the document shows no decimals', async () => {
    const invoice = await invoicedAccount('JPY', 1234);
    const html = await (await t.request('GET', `/api/v1/invoices/${invoice.id}/document`)).text();
    expect(html).toContain(`JPY${NBSP}1,234<`);
    expect(html).toContain(`JPY${NBSP}${invoice.totalCents.toLocaleString('en')}<`);
    expect(html).not.toMatch(/JPY\u00a0[\d,]+\.\d/);
    expect(html).not.toContain('12.34');
  });

  it('exports a BHD invoice with three decimals to Xero and QuickBooks, and a JPY one with none', async () => {
    const bhd = await invoicedAccount('BHD', 1234);
    const jpy = await invoicedAccount('JPY', 1234);
    for (const invoice of [bhd, jpy]) expect((await t.request('POST', `/api/v1/invoices/${invoice.id}/approve`, {})).status).toBe(200);
    const exported = async (format: string) => {
      const response = await t.request(
        'GET',
        `/api/v1/accounting/exports?format=${format}&from=${testToday()}&to=${testToday()}&again=true`,
      );
      expect(response.status).toBe(200);
      return csvRecords(await response.text());
    };

    const xero = await exported('xero');
    const xeroBhd = xero.find((row) => row.Currency === 'BHD')!;
    expect(xeroBhd).toMatchObject({ '*Quantity': '1', '*UnitAmount': '1.234' });
    expect(xeroBhd.TaxAmount).toMatch(/^\d+\.\d{3}$/);
    expect(Math.round(Number(xeroBhd.TaxAmount) * 1000)).toBe(bhd.lines[0].taxCents);
    const xeroJpy = xero.find((row) => row.Currency === 'JPY')!;
    expect(xeroJpy).toMatchObject({ '*UnitAmount': '1234', TaxAmount: String(jpy.lines[0].taxCents) });

    const qbo = await exported('qbo');
    expect(qbo.find((row) => row.Currency === 'BHD')).toMatchObject({ ItemRate: '1.234', ItemAmount: '1.234' });
    expect(qbo.find((row) => row.Currency === 'JPY')).toMatchObject({ ItemRate: '1234', ItemAmount: '1234' });
  });
});
