import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { accounts, contacts } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { DbOrTx } from '../db/client.js';
import type { BillingContext } from './billing-context.js';
import { ContactFields, type ContactRow } from './contact-fields.js';
import { ExternalKeySchema, IdSchema, parseInput } from './input-schemas.js';
import type { UpsertOutcome } from './upsert-account-from-source.js';

export const UpsertContactFromSourceInput = ContactFields.extend({
  externalKey: ExternalKeySchema,
  /** The account, by id or by its own external key (`connectwise:company:250`); exactly one. */
  accountId: IdSchema.optional(),
  accountExternalKey: ExternalKeySchema.optional(),
});
export type UpsertContactFromSourceInput = z.input<typeof UpsertContactFromSourceInput>;

const CONTACT_KEYS = ['accountId', 'firstName', 'lastName', 'email', 'phone'] as const;

/**
 * Creates or updates the contact mirroring a ConnectWise contact, keyed by `externalKey`.
 * Such contacts are locked (ConnectWise is their master), and the sync overwrites local
 * edits, which is the point of the lock. Writes nothing when nothing changed.
 */
export async function upsertContactFromSource(
  ctx: BillingContext,
  input: UpsertContactFromSourceInput,
): Promise<{ contact: ContactRow; outcome: UpsertOutcome }> {
  const { externalKey, accountExternalKey, ...parsed } = parseInput(UpsertContactFromSourceInput, input);
  return ctx.db.transaction(async (tx) => {
    const accountId = await resolveAccountId(tx, parsed.accountId, accountExternalKey);
    const values = { ...parsed, accountId };
    const at = ctx.now.toISOString();
    const [existing] = await tx.select().from(contacts).where(eq(contacts.externalKey, externalKey)).limit(1);
    if (!existing) {
      const [contact] = await tx
        .insert(contacts)
        .values({ ...values, externalKey, source: 'connectwise', locked: true, createdAt: at, updatedAt: at })
        .returning();
      await recordAudit(tx, {
        at: ctx.now,
        actor: ctx.actor,
        action: 'contact.create',
        entity: 'contact',
        entityId: String(contact.id),
        details: { externalKey },
        requestId: ctx.requestId,
      });
      return { contact, outcome: 'created' as const };
    }
    const changes = Object.fromEntries(CONTACT_KEYS.filter((key) => existing[key] !== values[key]).map((key) => [key, values[key]]));
    if (Object.keys(changes).length === 0 && existing.locked) return { contact: existing, outcome: 'unchanged' as const };
    const [contact] = await tx
      .update(contacts)
      .set({ ...changes, source: 'connectwise', locked: true, updatedAt: at })
      .where(eq(contacts.id, existing.id))
      .returning();
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'contact.update',
      entity: 'contact',
      entityId: String(existing.id),
      details: { changes, from: 'source' },
      requestId: ctx.requestId,
    });
    return { contact, outcome: 'updated' as const };
  });
}

/** The account id from either its id or its external key (exactly one given). */
export async function resolveAccountId(db: DbOrTx, accountId: number | undefined, accountExternalKey: string | undefined): Promise<number> {
  if ((accountId === undefined) === (accountExternalKey === undefined)) {
    throw new ValidationError('Give exactly one of accountId and accountExternalKey.');
  }
  const where = accountId !== undefined ? eq(accounts.id, accountId) : eq(accounts.externalKey, accountExternalKey!);
  const [account] = await db.select({ id: accounts.id }).from(accounts).where(where).limit(1);
  if (!account) throw new NotFoundError(`No account ${accountId ?? accountExternalKey}.`, { accountId, accountExternalKey });
  return account.id;
}
