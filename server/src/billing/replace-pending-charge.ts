import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { lineAmountCents } from '../../../shared/money.js';
import { accounts, charges, products } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { ChargeInput, chargeTaxCode, type ChargeRow } from './add-charges.js';
import { ExternalKeySchema, parseInput } from './input-schemas.js';
import { assertTaxCodeUsable } from './tax-code-usable.js';

export const ReplacePendingChargeInput = z.object({
  /** The charge's natural key, e.g. `connectwise:time:123`. */
  source: ExternalKeySchema,
  /** What the charge should now say (addCharges' fields), or null: the source is gone, remove its charge. */
  charge: ChargeInput.omit({ source: true }).nullable(),
  /** Why, for the audit row (e.g. "changed in ConnectWise"). */
  reason: z.string().trim().min(1).max(200),
});
export type ReplacePendingChargeInput = z.input<typeof ReplacePendingChargeInput>;

export type ReplacePendingChargeResult =
  | { outcome: 'replaced'; charge: ChargeRow; previous: ChargeRow }
  | { outcome: 'unchanged'; charge: ChargeRow }
  | { outcome: 'removed'; previous: ChargeRow };

const COMPARED = [
  'accountId',
  'kind',
  'productId',
  'description',
  'chargeDate',
  'quantityMilli',
  'unitPriceCents',
  'amountCents',
  'currency',
  'taxCode',
  'glCode',
  'ticketNumber',
  'memberName',
  'workRole',
  'workType',
] as const;

/**
 * Makes a pending charge follow its source: replaces its content, or removes it when the
 * source was deleted. Only while no invoice has taken it: the update is conditional on
 * `invoice_id is null`, so an invoice run that got there first wins and this refuses (409);
 * billed work is never changed behind an invoice (the caller quarantines it instead).
 * Writes nothing when nothing changed. Audited, in the same transaction.
 */
export async function replacePendingCharge(ctx: BillingContext, input: ReplacePendingChargeInput): Promise<ReplacePendingChargeResult> {
  const { source, charge, reason } = parseInput(ReplacePendingChargeInput, input);
  return ctx.db.transaction(async (tx) => {
    const [previous] = await tx.select().from(charges).where(eq(charges.source, source)).limit(1);
    if (!previous) throw new NotFoundError(`No charge for ${source}.`, { source });
    if (previous.invoiceId !== null)
      throw new ConflictError(`The charge for ${source} is on invoice ${previous.invoiceId}: it can no longer change.`, {
        source,
        invoiceId: previous.invoiceId,
      });
    const pending = and(eq(charges.id, previous.id), isNull(charges.invoiceId));

    if (charge === null) {
      const [removed] = await tx.delete(charges).where(pending).returning();
      if (!removed) throw new ConflictError(`The charge for ${source} was invoiced meanwhile.`, { source });
      await recordAudit(tx, {
        at: ctx.now,
        actor: ctx.actor,
        action: 'charge.remove',
        entity: 'charge',
        entityId: String(previous.id),
        details: { source, reason, removed: pick(previous) },
        requestId: ctx.requestId,
      });
      return { outcome: 'removed' as const, previous };
    }

    const { accountExternalKey, accountId: givenAccountId, currency, ...fields } = charge;
    await assertTaxCodeUsable(tx, fields.taxCode);
    if ((givenAccountId === undefined) === (accountExternalKey === undefined))
      throw new ValidationError('Give exactly one of accountId and accountExternalKey.');
    const [account] = await tx
      .select({ id: accounts.id, currency: accounts.currency, taxCode: accounts.taxCode })
      .from(accounts)
      .where(givenAccountId !== undefined ? eq(accounts.id, givenAccountId) : eq(accounts.externalKey, accountExternalKey!))
      .limit(1);
    if (!account) throw new NotFoundError(`No account ${givenAccountId ?? accountExternalKey}.`);
    if (currency !== undefined && currency !== account.currency)
      throw new ValidationError(`The charge is in ${currency} but the account bills in ${account.currency}.`);
    const [product] =
      fields.productId === null
        ? []
        : await tx
            .select({ taxCode: products.taxCode, glCode: products.glCode })
            .from(products)
            .where(eq(products.id, fields.productId))
            .limit(1);
    if (fields.productId !== null && !product) throw new NotFoundError(`No product ${fields.productId}.`);
    const next = {
      ...fields,
      accountId: account.id,
      currency: account.currency,
      taxCode: chargeTaxCode(fields.taxCode, account.taxCode, product?.taxCode),
      glCode: fields.glCode ?? product?.glCode ?? null,
      amountCents: lineAmountCents(fields.unitPriceCents, fields.quantityMilli),
    };
    const changes = Object.fromEntries(COMPARED.filter((key) => previous[key] !== next[key]).map((key) => [key, next[key]]));
    if (Object.keys(changes).length === 0) return { outcome: 'unchanged' as const, charge: previous };
    const [replaced] = await tx.update(charges).set(changes).where(pending).returning();
    if (!replaced) throw new ConflictError(`The charge for ${source} was invoiced meanwhile.`, { source });
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'charge.replace',
      entity: 'charge',
      entityId: String(previous.id),
      details: {
        source,
        reason,
        before: Object.fromEntries(Object.keys(changes).map((key) => [key, previous[key as keyof ChargeRow]])),
        after: changes,
      },
      requestId: ctx.requestId,
    });
    return { outcome: 'replaced' as const, charge: replaced, previous };
  });
}

function pick(row: ChargeRow) {
  return {
    accountId: row.accountId,
    kind: row.kind,
    chargeDate: row.chargeDate,
    quantityMilli: row.quantityMilli,
    unitPriceCents: row.unitPriceCents,
    amountCents: row.amountCents,
    description: row.description,
  };
}
