import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBillingTestContext } from '../../../test/helpers/billing-test-context.js';
import { upsertAccountFromSource } from './upsert-account-from-source.js';
import { upsertContactFromSource } from './upsert-contact-from-source.js';
import { updateContact } from './update-contact.js';
import { createContact } from './create-contact.js';

let t: Awaited<ReturnType<typeof openBillingTestContext>>;
beforeEach(async () => {
  t = await openBillingTestContext();
  await upsertAccountFromSource(t.ctx(), { externalKey: 'connectwise:company:250', name: 'Acme' });
});
afterEach(() => t.dispose());

const contact = {
  externalKey: 'connectwise:contact:88',
  accountExternalKey: 'connectwise:company:250',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  phone: '+61212345678',
};

describe('upsertContactFromSource', () => {
  it('creates a locked ConnectWise contact once and writes nothing on replay', async () => {
    const created = await upsertContactFromSource(t.ctx(), contact);
    expect(created.outcome).toBe('created');
    expect(created.contact).toMatchObject({ source: 'connectwise', locked: true, firstName: 'Ada' });
    expect((await upsertContactFromSource(t.ctx(), contact)).outcome).toBe('unchanged');
    const moved = await upsertContactFromSource(t.ctx(), { ...contact, email: 'ada@acme.example' });
    expect(moved).toMatchObject({ outcome: 'updated', contact: { id: created.contact.id, email: 'ada@acme.example' } });
  });

  it('answers 404 for an unknown account and 400 when the account is given twice or not at all', async () => {
    await expect(upsertContactFromSource(t.ctx(), { ...contact, accountExternalKey: 'connectwise:company:999' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(upsertContactFromSource(t.ctx(), { ...contact, accountId: 1 })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(upsertContactFromSource(t.ctx(), { ...contact, accountExternalKey: undefined })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('updateContact and the ConnectWise lock', () => {
  it('refuses to edit a locked contact without "Allow Contact Editing", and allows it with the power', async () => {
    const { contact: locked } = await upsertContactFromSource(t.ctx(), contact);
    await expect(
      updateContact(t.ctx(), { contactId: locked.id, changes: { firstName: 'Augusta' }, mayEditLockedContacts: false }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const edited = await updateContact(t.ctx(), { contactId: locked.id, changes: { firstName: 'Augusta' }, mayEditLockedContacts: true });
    expect(edited.firstName).toBe('Augusta');
  });

  it('lets anyone edit a local contact', async () => {
    const local = await createContact(t.ctx(), { accountId: 1, firstName: 'Grace' });
    expect(
      (await updateContact(t.ctx(), { contactId: local.id, changes: { lastName: 'Hopper' }, mayEditLockedContacts: false })).lastName,
    ).toBe('Hopper');
  });
});
