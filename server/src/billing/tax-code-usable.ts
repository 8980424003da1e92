import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { taxCodes } from '../db/schema/index.js';
import { ValidationError } from '../errors/domain-errors.js';

/** The tax code every plan, product and charge gets by default; it needs no row (set-tax-code.ts). */
export const DEFAULT_TAX_CODE = 'GST';

/**
 * A tax code an admin gives (an account's, a plan's, a product's, a charge's) must be the default 'GST'
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

/**
 * The same rule for a batch of charges, checked before anything is written: every tax code a
 * charge names is GST or defined, else the whole batch is refused (400) with each offending
 * line named by its index and source, so the sender fixes them all at once. A charge that
 * names none takes its account's or product's code, which were held to the rule when set.
 */
export async function assertChargeTaxCodesUsable(
  tx: Tx,
  lines: readonly { readonly source: string; readonly taxCode: string | null }[],
): Promise<void> {
  const named = [...new Set(lines.flatMap((line) => (line.taxCode === null || line.taxCode === DEFAULT_TAX_CODE ? [] : [line.taxCode])))];
  if (named.length === 0) return;
  const defined = new Set(
    (await tx.select({ code: taxCodes.code }).from(taxCodes).where(inArray(taxCodes.code, named))).map((row) => row.code),
  );
  const unknown = new Set(named.filter((code) => !defined.has(code)));
  if (unknown.size === 0) return;
  const offending = lines.flatMap((line, index) =>
    line.taxCode !== null && unknown.has(line.taxCode) ? [{ index, source: line.source, taxCode: line.taxCode }] : [],
  );
  const codes = [...unknown];
  throw new ValidationError(
    `No tax code ${codes.join(', ')}: define it first (PUT /api/v1/tax-codes/<code>), or use ${DEFAULT_TAX_CODE}. ` +
      `${offending.length === 1 ? 'One charge names it' : `${offending.length} charges name them`}; nothing was added.`,
    { taxCodes: codes, lines: offending },
  );
}
