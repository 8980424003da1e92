import type { z } from 'zod';
import { contacts } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from './billing-context.js';
import { ContactFields, type ContactRow } from './contact-fields.js';
import { getAccount } from './get-account.js';
import { IdSchema, parseInput } from './input-schemas.js';

export const CreateContactInput = ContactFields.extend({ accountId: IdSchema });
export type CreateContactInput = z.input<typeof CreateContactInput>;

/** A contact mastered here: unlocked, editable by anyone with the integration power. */
export async function createContact(ctx: BillingContext, input: CreateContactInput): Promise<ContactRow> {
  const parsed = parseInput(CreateContactInput, input);
  return ctx.db.transaction(async (tx) => {
    await getAccount(tx, parsed.accountId);
    const at = ctx.now.toISOString();
    const [contact] = await tx
      .insert(contacts)
      .values({ ...parsed, source: 'local', locked: false, externalKey: null, createdAt: at, updatedAt: at })
      .returning();
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'contact.create',
      entity: 'contact',
      entityId: String(contact.id),
      requestId: ctx.requestId,
    });
    return contact;
  });
}
