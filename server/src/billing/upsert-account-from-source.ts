import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accounts } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BillingContext } from './billing-context.js';
import { AccountCycleFields, AccountProfileFields, type AccountRow, insertAccount } from './account-fields.js';
import { ExternalKeySchema, parseInput } from './input-schemas.js';

export const UpsertAccountFromSourceInput = AccountProfileFields.extend(AccountCycleFields.shape).extend({
  externalKey: ExternalKeySchema,
  /** Fire Account Created (event id 2) when the account is new; the sync passes its setting. */
  announceCreation: z.boolean().default(true),
});
export type UpsertAccountFromSourceInput = z.input<typeof UpsertAccountFromSourceInput>;

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

const PROFILE_KEYS = ['name', 'accountType', 'accountProfile', 'status', 'taxExempt', 'taxRateBasisPoints', 'taxCode'] as const;

/**
 * Creates or updates the account mirroring an external record (a ConnectWise company),
 * keyed by `externalKey`. On update only the profile fields change (name, type, profile,
 * status, tax profile, tax code); the billing cycle and currency are kept as opened, because
 * re-cutting periods that were already invoiced would bill days twice or not at all. Writes
 * nothing when nothing changed, so replaying a sync page is harmless. The tax code is the
 * source's mapped value, not checked against tax_codes (see update-account.ts `from`); a new
 * one taxes the charges added afterwards, not those already added.
 */
export async function upsertAccountFromSource(
  ctx: BillingContext & { defaultCurrency: string },
  input: UpsertAccountFromSourceInput,
): Promise<{ account: AccountRow; outcome: UpsertOutcome }> {
  const parsed = parseInput(UpsertAccountFromSourceInput, input);
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(accounts).where(eq(accounts.externalKey, parsed.externalKey)).limit(1);
    if (!existing) {
      return {
        account: await insertAccount(tx, ctx, { ...parsed, defaultCurrency: ctx.defaultCurrency, announce: parsed.announceCreation }),
        outcome: 'created' as const,
      };
    }
    const changes = Object.fromEntries(PROFILE_KEYS.filter((key) => existing[key] !== parsed[key]).map((key) => [key, parsed[key]]));
    if (Object.keys(changes).length === 0) return { account: existing, outcome: 'unchanged' as const };
    const [account] = await tx
      .update(accounts)
      .set({ ...changes, updatedAt: ctx.now.toISOString() })
      .where(eq(accounts.id, existing.id))
      .returning();
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'account.update',
      entity: 'account',
      entityId: String(existing.id),
      details: { changes, from: 'source' },
      requestId: ctx.requestId,
    });
    return { account, outcome: 'updated' as const };
  });
}
