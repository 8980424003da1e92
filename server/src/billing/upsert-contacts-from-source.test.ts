import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, contacts } from '../db/schema/index.js';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { upsertAccountFromSource } from './upsert-account-from-source.js';
import { upsertContactFromSource, type UpsertContactFromSourceInput } from './upsert-contact-from-source.js';
import { upsertContactsFromSource } from './upsert-contacts-from-source.js';

let t: Awaited<ReturnType<typeof openBillingTestContext>>;
let accountId: number;
beforeEach(async () => {
  t = await openBillingTestContext();
  accountId = (await upsertAccountFromSource(t.ctx(), { externalKey: 'connectwise:company:250', name: 'Acme' })).account.id;
});
afterEach(() => t.dispose());

const page = (): UpsertContactFromSourceInput[] => [
  {
    externalKey: 'connectwise:contact:1',
    accountId,
    firstName: 'Sarah',
    lastName: 'Mitchell',
    email: 'sarah@contoso.com.au',
    phone: '0292514401',
  },
  {
    externalKey: 'connectwise:contact:2',
    accountExternalKey: 'connectwise:company:250',
    firstName: 'Seán',
    lastName: "O'Brien",
    email: null,
    phone: null,
  },
];
const stored = async () =>
  (await t.db.select().from(contacts)).map(({ id: _id, ...c }) => c).sort((a, b) => a.externalKey!.localeCompare(b.externalKey!));
const audits = async () => (await t.db.select().from(auditLog)).filter((a) => a.entity === 'contact').map((a) => [a.action, a.details]);

describe('upsertContactsFromSource', () => {
  it('writes the rows and audit rows upsertContactFromSource writes, one page at a time', async () => {
    for (const contact of page()) await upsertContactFromSource(t.ctx(), contact);
    const oneByOne = { rows: await stored(), audits: await audits() };
    await t.db.delete(contacts);
    await t.db.delete(auditLog);

    const first = await upsertContactsFromSource(t.ctx(), { contacts: page() });
    expect(first.map((r) => [r.externalKey, r.outcome])).toEqual([
      ['connectwise:contact:1', 'created'],
      ['connectwise:contact:2', 'created'],
    ]);
    expect(await stored()).toEqual(oneByOne.rows);
    expect(await audits()).toEqual(oneByOne.audits);

    const [sarah, sean] = page();
    const second = await upsertContactsFromSource(t.ctx(), { contacts: [{ ...sarah, phone: '0299990000' }, sean] });
    expect(second.map((r) => [r.contactId, r.outcome])).toEqual([
      [first[0].contactId, 'updated'],
      [first[1].contactId, 'unchanged'],
    ]);
    expect((await audits()).slice(2)).toEqual([['contact.update', { changes: { phone: '0299990000' }, from: 'source' }]]);
  });

  it('refuses the whole page for an unknown account or a repeated key', async () => {
    await expect(
      upsertContactsFromSource(t.ctx(), {
        contacts: [...page(), { externalKey: 'connectwise:contact:3', accountId: 999, firstName: 'X' }],
      }),
    ).rejects.toMatchObject({ code: 'not_found', details: { index: 2 } });
    await expect(upsertContactsFromSource(t.ctx(), { contacts: [page()[0], page()[0]] })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await t.db.select().from(contacts)).toEqual([]);
  });
});
