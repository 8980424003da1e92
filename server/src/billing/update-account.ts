import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { accounts } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { assertTaxCodeUsable } from './tax-code-usable.js';
import { AccountProfileFields, type AccountRow } from './account-fields.js';
import { IdSchema, parseInput } from './input-schemas.js';

// Only profile fields: the cycle and currency are fixed at opening (see account-fields.ts).
export const UpdateAccountInput = z.object({
  accountId: IdSchema,
  changes: z.strictObject({
    name: AccountProfileFields.shape.name.optional(),
    accountType: z.string().trim().min(1).max(100).optional(),
    accountProfile: z.string().trim().min(1).max(100).nullable().optional(),
    status: AccountProfileFields.shape.status.removeDefault().optional(),
    taxExempt: z.boolean().optional(),
    taxRateBasisPoints: AccountProfileFields.shape.taxRateBasisPoints.removeDefault().optional(),
    /** null = the product's tax code again. */
    taxCode: AccountProfileFields.shape.taxCode.removeDefault().optional(),
  }),
  /**
   * Who decided the changes. An admin's tax code must be defined (400 otherwise); a source's
   * (the sync) comes through the tax-code mapping, which may name a code with no row, such as
   * 'GST', taxed at the account's rate as on any charge: refusing it would hold back the
   * company's other changes.
   */
  from: z.enum(['admin', 'source']).default('admin'),
});
export type UpdateAccountInput = z.input<typeof UpdateAccountInput>;

export async function updateAccount(ctx: BillingContext, input: UpdateAccountInput): Promise<AccountRow> {
  const { accountId, changes, from } = parseInput(UpdateAccountInput, input);
  return ctx.db.transaction(async (tx) => {
    if (from === 'admin') await assertTaxCodeUsable(tx, changes.taxCode);
    const [account] = await tx
      .update(accounts)
      .set({ ...changes, updatedAt: ctx.now.toISOString() })
      .where(eq(accounts.id, accountId))
      .returning();
    if (!account) throw new NotFoundError(`No account ${accountId}.`);
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'account.update',
      entity: 'account',
      entityId: String(accountId),
      details: { changes, from },
      requestId: ctx.requestId,
    });
    return account;
  });
}
