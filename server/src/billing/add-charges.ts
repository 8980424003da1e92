import { and, inArray } from 'drizzle-orm';
import { auditChargesAdded, CHARGE_CONTENT_KEYS } from './audit-charges-added.js';
import { z } from 'zod';
import { lineAmountCents } from '../../../shared/money.js';
import { accounts, CHARGE_KINDS, charges, products } from '../db/schema/index.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { assertChargeTaxCodesUsable } from './tax-code-usable.js';
import {
  CentsSchema,
  CurrencySchema,
  ExternalKeySchema,
  IdSchema,
  IsoDateSchema,
  parseInput,
  QuantityMilliSchema,
  TaxCodeSchema,
} from './input-schemas.js';

export type ChargeRow = typeof charges.$inferSelect;

const Metadata = z.string().trim().min(1).max(200).nullable().default(null);

export const ChargeInput = z.object({
  /** The natural key of what is billed, e.g. `connectwise:time:123`: one source, one charge, ever. */
  source: ExternalKeySchema,
  /** The account, by id or by external key (`connectwise:company:250`); exactly one. */
  accountId: IdSchema.optional(),
  accountExternalKey: ExternalKeySchema.optional(),
  kind: z.enum(CHARGE_KINDS),
  productId: IdSchema.nullable().default(null),
  description: z.string().trim().min(1).max(500),
  /** The day the work was done or the sale made: it decides which invoice bills the charge. */
  chargeDate: IsoDateSchema,
  /** Thousandths: 1.25 hours = 1250. */
  quantityMilli: QuantityMilliSchema,
  unitPriceCents: CentsSchema,
  /** Must be the account's currency when given. */
  currency: CurrencySchema.optional(),
  /** Defaults to the account's tax code, else the product's, else 'GST' (chargeTaxCode); when given, GST or a defined code (400 otherwise). */
  taxCode: TaxCodeSchema.nullable().default(null),
  glCode: z.string().trim().min(1).max(40).nullable().default(null),
  ticketNumber: Metadata,
  memberName: Metadata,
  workRole: Metadata,
  workType: Metadata,
});
export type ChargeInput = z.input<typeof ChargeInput>;

export const MAX_CHARGES_PER_BATCH = 5000;
export const AddChargesInput = z.object({ charges: z.array(ChargeInput).min(1).max(MAX_CHARGES_PER_BATCH) });
export type AddChargesInput = z.input<typeof AddChargesInput>;

export type AddChargesResult = {
  added: ChargeRow[];
  /** Sources that already had a charge: nothing was written for them. `differs` flags a source whose
   * content changed since (financial data syncs once: surface it, never re-bill it silently). */
  alreadyPresent: { source: string; chargeId: number; invoiceId: number | null; differs: boolean }[];
};

/**
 * A charge's tax code when it is added: its own (a product sale's mapped ConnectWise tax code),
 * else its account's (the company's, e.g. a tax-exempt customer's), else its product's, else
 * 'GST'. add-charges-in-bulk.ts resolves the same order in SQL.
 */
export function chargeTaxCode(own: string | null, account: string | null, product: string | null | undefined): string {
  return own ?? account ?? product ?? 'GST';
}

// Rows per INSERT: well under SQLite's bound-parameter limit with ~20 columns a row.
const INSERT_CHUNK = 400;

/**
 * Adds pending charges in one transaction, idempotently: the unique `source` means the same
 * batch twice adds nothing, and a replayed source is reported, not duplicated. The amount is
 * unit price × quantity, rounded once half away from zero (shared/money.ts). A charge naming a
 * tax code that is neither GST nor defined refuses the whole batch (400, the lines named).
 */
export async function addCharges(ctx: BillingContext, input: AddChargesInput): Promise<AddChargesResult> {
  const parsed = parseInput(AddChargesInput, input).charges;
  const sources = parsed.map((charge) => charge.source);
  if (new Set(sources).size !== sources.length) throw new ValidationError('A source appears twice in the batch.');
  return ctx.db.transaction(async (tx) => {
    await assertChargeTaxCodesUsable(tx, parsed);
    const accountIds = [...new Set(parsed.flatMap((c) => (c.accountId === undefined ? [] : [c.accountId])))];
    const accountKeys = [...new Set(parsed.flatMap((c) => (c.accountExternalKey === undefined ? [] : [c.accountExternalKey])))];
    const accountRows = [
      ...(accountIds.length ? await tx.select().from(accounts).where(inArray(accounts.id, accountIds)) : []),
      ...(accountKeys.length ? await tx.select().from(accounts).where(inArray(accounts.externalKey, accountKeys)) : []),
    ];
    const productIds = [...new Set(parsed.flatMap((c) => (c.productId === null ? [] : [c.productId])))];
    const productRows = productIds.length ? await tx.select().from(products).where(inArray(products.id, productIds)) : [];
    const productById = new Map(productRows.map((p) => [p.id, p]));

    const at = ctx.now.toISOString();
    const rows = parsed.map(({ accountExternalKey, accountId, currency, ...charge }, index) => {
      if ((accountId === undefined) === (accountExternalKey === undefined)) {
        throw new ValidationError('Give exactly one of accountId and accountExternalKey.', { index });
      }
      const account = accountRows.find((a) => (accountId !== undefined ? a.id === accountId : a.externalKey === accountExternalKey));
      if (!account) throw new NotFoundError(`No account ${accountId ?? accountExternalKey}.`, { index });
      if (currency !== undefined && currency !== account.currency) {
        throw new ValidationError(`The charge is in ${currency} but the account bills in ${account.currency}.`, { index });
      }
      const product = charge.productId === null ? undefined : productById.get(charge.productId);
      if (charge.productId !== null && !product) throw new NotFoundError(`No product ${charge.productId}.`, { index });
      return {
        ...charge,
        accountId: account.id,
        currency: account.currency,
        taxCode: chargeTaxCode(charge.taxCode, account.taxCode, product?.taxCode),
        glCode: charge.glCode ?? product?.glCode ?? null,
        amountCents: lineAmountCents(charge.unitPriceCents, charge.quantityMilli),
        createdAt: at,
      };
    });

    const added: ChargeRow[] = [];
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      added.push(
        ...(await tx
          .insert(charges)
          .values(rows.slice(i, i + INSERT_CHUNK))
          .onConflictDoNothing({ target: charges.source })
          .returning()),
      );
    }
    const addedSources = new Set(added.map((charge) => charge.source));
    const replayed = rows.filter((row) => !addedSources.has(row.source));
    const alreadyPresent: AddChargesResult['alreadyPresent'] = [];
    for (let i = 0; i < replayed.length; i += INSERT_CHUNK) {
      const chunk = replayed.slice(i, i + INSERT_CHUNK);
      const existing = await tx
        .select()
        .from(charges)
        .where(
          and(
            inArray(
              charges.source,
              chunk.map((row) => row.source),
            ),
          ),
        );
      for (const row of chunk) {
        const found = existing.find((charge) => charge.source === row.source)!;
        const differs = CHARGE_CONTENT_KEYS.some((key) => found[key] !== row[key]);
        alreadyPresent.push({ source: row.source, chargeId: found.id, invoiceId: found.invoiceId, differs });
      }
    }
    await auditChargesAdded(tx, ctx, added, alreadyPresent.length);
    return { added, alreadyPresent };
  });
}
