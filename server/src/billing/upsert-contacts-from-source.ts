import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, contacts } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { parseInput } from './input-schemas.js';
import { UpsertContactFromSourceInput } from './upsert-contact-from-source.js';
import type { UpsertOutcome } from './upsert-account-from-source.js';

export const UpsertContactsFromSourceInput = z.object({ contacts: z.array(UpsertContactFromSourceInput).min(1).max(5000) });
export type UpsertContactsFromSourceInput = z.input<typeof UpsertContactsFromSourceInput>;

const CONTACT_KEYS = ['accountId', 'firstName', 'lastName', 'email', 'phone'] as const;

/**
 * `upsertContactFromSource` for a page of contacts (a sync page of 1,000): the same rules
 * (keyed by `externalKey`, locked, mastered by ConnectWise, nothing written when nothing
 * changed) and the same audit rows, in one transaction. The page's existing contacts are read
 * in one query and its new ones inserted, with their audit rows, in one statement each (one
 * JSON parameter), instead of five statements per contact. All or nothing: an unknown account
 * refuses the whole page (the caller retries one by one to find it).
 */
export async function upsertContactsFromSource(
  ctx: BillingContext,
  input: UpsertContactsFromSourceInput,
): Promise<{ contactId: number; externalKey: string; outcome: UpsertOutcome }[]> {
  const parsed = parseInput(UpsertContactsFromSourceInput, input).contacts;
  if (new Set(parsed.map((c) => c.externalKey)).size !== parsed.length)
    throw new ValidationError('An externalKey appears twice in the batch.');
  return ctx.db.transaction(async (tx) => {
    const keys = [...new Set(parsed.flatMap((c) => (c.accountExternalKey === undefined ? [] : [c.accountExternalKey])))];
    const ids = [...new Set(parsed.flatMap((c) => (c.accountId === undefined ? [] : [c.accountId])))];
    const found = [
      ...(keys.length
        ? await tx
            .select({ id: accounts.id, externalKey: accounts.externalKey })
            .from(accounts)
            .where(sql`${accounts.externalKey} in (select value from json_each(${JSON.stringify(keys)}))`)
        : []),
      ...(ids.length
        ? await tx
            .select({ id: accounts.id, externalKey: accounts.externalKey })
            .from(accounts)
            .where(sql`${accounts.id} in (select value from json_each(${JSON.stringify(ids)}))`)
        : []),
    ];
    const idOfKey = new Map(found.map((a) => [a.externalKey, a.id]));
    const knownIds = new Set(found.map((a) => a.id));
    const wanted = parsed.map(({ externalKey, accountExternalKey, accountId, ...fields }, index) => {
      if ((accountId === undefined) === (accountExternalKey === undefined))
        throw new ValidationError('Give exactly one of accountId and accountExternalKey.', { index });
      const resolved = accountId !== undefined ? (knownIds.has(accountId) ? accountId : undefined) : idOfKey.get(accountExternalKey!);
      if (resolved === undefined)
        throw new NotFoundError(`No account ${accountId ?? accountExternalKey}.`, { index, accountId, accountExternalKey });
      return { externalKey, values: { ...fields, accountId: resolved } };
    });

    const existing = new Map(
      (
        await tx
          .select()
          .from(contacts)
          .where(sql`${contacts.externalKey} in (select value from json_each(${JSON.stringify(wanted.map((w) => w.externalKey))}))`)
      ).map((c) => [c.externalKey!, c]),
    );
    const at = ctx.now.toISOString();
    const results = new Map<string, { contactId: number; externalKey: string; outcome: UpsertOutcome }>();
    const fresh = wanted.filter((w) => !existing.has(w.externalKey));
    if (fresh.length > 0) {
      const rows = fresh.map((w) => [
        w.externalKey,
        w.values.accountId,
        w.values.firstName,
        w.values.lastName,
        w.values.email,
        w.values.phone,
      ]);
      const inserted = await tx.all<{ id: number; externalKey: string }>(sql`
        insert into contacts (external_key, account_id, first_name, last_name, email, phone, source, locked, created_at, updated_at)
        select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, 'connectwise', 1, ${at}, ${at} from json_each(${JSON.stringify(rows)})
        returning id, external_key as externalKey`);
      // One audit row per contact created, as upsertContactFromSource writes.
      await tx.run(sql`
        insert into audit_log (at, actor, action, entity, entity_id, details, request_id)
        select ${at}, ${ctx.actor}, 'contact.create', 'contact', value ->> 0, json_object('externalKey', value ->> 1), ${ctx.requestId ?? null}
        from json_each(${JSON.stringify(inserted.map((c) => [String(c.id), c.externalKey]))})`);
      for (const c of inserted) results.set(c.externalKey, { contactId: c.id, externalKey: c.externalKey, outcome: 'created' });
    }
    for (const w of wanted) {
      const before = existing.get(w.externalKey);
      if (!before) continue;
      const changes = Object.fromEntries(CONTACT_KEYS.filter((key) => before[key] !== w.values[key]).map((key) => [key, w.values[key]]));
      if (Object.keys(changes).length === 0 && before.locked) {
        results.set(w.externalKey, { contactId: before.id, externalKey: w.externalKey, outcome: 'unchanged' });
        continue;
      }
      await tx
        .update(contacts)
        .set({ ...changes, source: 'connectwise', locked: true, updatedAt: at })
        .where(eq(contacts.id, before.id));
      await recordAudit(tx, {
        at: ctx.now,
        actor: ctx.actor,
        action: 'contact.update',
        entity: 'contact',
        entityId: String(before.id),
        details: { changes, from: 'source' },
        requestId: ctx.requestId,
      });
      results.set(w.externalKey, { contactId: before.id, externalKey: w.externalKey, outcome: 'updated' });
    }
    return wanted.map((w) => results.get(w.externalKey)!);
  });
}
