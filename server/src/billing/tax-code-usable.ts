import { eq } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { taxCodes } from '../db/schema/index.js';
import { ValidationError } from '../errors/domain-errors.js';

/** The tax code every plan, product and charge gets by default; it needs no row (set-tax-code.ts). */
export const DEFAULT_TAX_CODE = 'GST';

/**
 * A tax code an admin gives (an account's, a plan's, a product's) must be the default 'GST'
 * or one defined in tax_codes (`PUT /api/v1/tax-codes/:code`): any other code with no row would
 * be taxed at the account's own rate, so a typo would tax silently. (The sync's tax-code
 * mapping is not checked here: refusing a mapped code would hold back a company's other
 * changes; see update-account.ts.)
 */
export async function assertTaxCodeUsable(tx: Tx, code: string | null | undefined): Promise<void> {
  if (code === null || code === undefined || code === DEFAULT_TAX_CODE) return;
  const [row] = await tx.select({ code: taxCodes.code }).from(taxCodes).where(eq(taxCodes.code, code)).limit(1);
  if (!row)
    throw new ValidationError(`No tax code ${code}: define it first (PUT /api/v1/tax-codes/${code}), or use ${DEFAULT_TAX_CODE}.`, {
      taxCode: code,
    });
}
