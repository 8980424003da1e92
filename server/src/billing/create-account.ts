import type { z } from 'zod';
import type { BillingContext } from './billing-context.js';
import { assertTaxCodeUsable } from './tax-code-usable.js';
import { AccountCycleFields, AccountProfileFields, type AccountRow, insertAccount } from './account-fields.js';
import { ExternalKeySchema, parseInput } from './input-schemas.js';

export const CreateAccountInput = AccountProfileFields.extend(AccountCycleFields.shape).extend({
  externalKey: ExternalKeySchema.nullable().default(null),
});
export type CreateAccountInput = z.input<typeof CreateAccountInput>;

/** Opens an account (409 when its external key is taken, 400 when its tax code is not defined). */
export async function createAccount(ctx: BillingContext & { defaultCurrency: string }, input: CreateAccountInput): Promise<AccountRow> {
  const parsed = parseInput(CreateAccountInput, input);
  return ctx.db.transaction(async (tx) => {
    await assertTaxCodeUsable(tx, parsed.taxCode);
    return insertAccount(tx, ctx, { ...parsed, defaultCurrency: ctx.defaultCurrency });
  });
}
