import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { contacts } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ForbiddenError, NotFoundError } from '../errors/domain-errors.js';
import { POWERS } from '../../../shared/powers.js';
import type { BillingContext } from './billing-context.js';
import { ContactFields, type ContactRow } from './contact-fields.js';
import { IdSchema, parseInput } from './input-schemas.js';

export const UpdateContactInput = z.object({
  contactId: IdSchema,
  changes: z.strictObject({
    firstName: ContactFields.shape.firstName.optional(),
    lastName: z.string().trim().max(100).optional(),
    email: z.email().max(254).nullable().optional(),
    phone: ContactFields.shape.phone.removeDefault().optional(),
  }),
  /** Whether the caller holds "Allow Contact Editing" (the route passes the principal's power). */
  mayEditLockedContacts: z.boolean(),
});
export type UpdateContactInput = z.input<typeof UpdateContactInput>;

/**
 * Edits a contact. Contacts synced from ConnectWise are locked, since ConnectWise is their
 * master and the next sync would silently undo a local edit; only a user holding the power
 * "Allow Contact Editing" may override the lock (Emersion's rule), and the edit is audited.
 */
export async function updateContact(ctx: BillingContext, input: UpdateContactInput): Promise<ContactRow> {
  const { contactId, changes, mayEditLockedContacts } = parseInput(UpdateContactInput, input);
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(contacts).where(eq(contacts.id, contactId)).limit(1);
    if (!existing) throw new NotFoundError(`No contact ${contactId}.`);
    if (existing.locked && !mayEditLockedContacts) {
      throw new ForbiddenError(`Contact ${contactId} is mastered by ConnectWise; editing it needs the power "${POWERS.contactEditing}".`, {
        missing: [POWERS.contactEditing],
      });
    }
    const [contact] = await tx
      .update(contacts)
      .set({ ...changes, updatedAt: ctx.now.toISOString() })
      .where(eq(contacts.id, contactId))
      .returning();
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: existing.locked ? 'contact.update.locked-override' : 'contact.update',
      entity: 'contact',
      entityId: String(contactId),
      details: { changes },
      requestId: ctx.requestId,
    });
    return contact;
  });
}
