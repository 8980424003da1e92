import { sql } from 'drizzle-orm';
import { lineAmountCents } from '../../../shared/money.js';
import { accounts, charges, products } from '../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import type { BillingContext } from './billing-context.js';
import { AddChargesInput, type AddChargesResult } from './add-charges.js';
import { parseInput } from './input-schemas.js';

export type AddChargesInBulkResult = {
  /** The charges written, in input order (id and source only: nothing is read back). */
  added: { id: number; source: string }[];
  alreadyPresent: AddChargesResult['alreadyPresent'];
};

/**
 * `addCharges` for bulk producers (a sync page of 1,000 time entries): the same input, the
 * same rules (account by id or key, the account's currency, tax and GL codes from the product,
 * amount rounded once), the same idempotency (unique `source`: a replay is reported, never
 * written) and the same audit row, in one transaction. Each statement carries its rows as ONE
 * JSON parameter read by SQLite's `json_each`, and only the id and source of each added charge
 * come back: with 20 columns × 1,000 rows bound one by one and every added row read back,
 * `addCharges` spends several times longer building statements and reading rows than SQLite
 * spends writing them (bench/sync-full.ts).
 */
export async function addChargesInBulk(ctx: BillingContext, input: AddChargesInput): Promise<AddChargesInBulkResult> {
  const parsed = parseInput(AddChargesInput, input).charges;
  const sources = parsed.map((charge) => charge.source);
  if (new Set(sources).size !== sources.length) throw new ValidationError('A source appears twice in the batch.');
  return ctx.db.transaction(async (tx) => {
    const accountIds = [...new Set(parsed.flatMap((c) => (c.accountId === undefined ? [] : [c.accountId])))];
    const accountKeys = [...new Set(parsed.flatMap((c) => (c.accountExternalKey === undefined ? [] : [c.accountExternalKey])))];
    const accountColumns = { id: accounts.id, externalKey: accounts.externalKey, currency: accounts.currency };
    const accountRows = [
      ...(accountIds.length ? await tx.select(accountColumns).from(accounts).where(sql`${accounts.id} in (select value from json_each(${JSON.stringify(accountIds)}))`) : []),
      ...(accountKeys.length ? await tx.select(accountColumns).from(accounts).where(sql`${accounts.externalKey} in (select value from json_each(${JSON.stringify(accountKeys)}))`) : []),
    ];
    const accountById = new Map(accountRows.map((a) => [a.id, a]));
    const accountByKey = new Map(accountRows.map((a) => [a.externalKey, a]));
    const productIds = [...new Set(parsed.flatMap((c) => (c.productId === null ? [] : [c.productId])))];
    const productRows = productIds.length
      ? await tx.select({ id: products.id, taxCode: products.taxCode, glCode: products.glCode }).from(products).where(sql`${products.id} in (select value from json_each(${JSON.stringify(productIds)}))`)
      : [];
    const productById = new Map(productRows.map((p) => [p.id, p]));

    const at = ctx.now.toISOString();
    const rows = parsed.map((charge, index) => {
      if ((charge.accountId === undefined) === (charge.accountExternalKey === undefined)) {
        throw new ValidationError('Give exactly one of accountId and accountExternalKey.', { index });
      }
      const account = charge.accountId !== undefined ? accountById.get(charge.accountId) : accountByKey.get(charge.accountExternalKey!);
      if (!account) throw new NotFoundError(`No account ${charge.accountId ?? charge.accountExternalKey}.`, { index });
      if (charge.currency !== undefined && charge.currency !== account.currency) {
        throw new ValidationError(`The charge is in ${charge.currency} but the account bills in ${account.currency}.`, { index });
      }
      const product = charge.productId === null ? undefined : productById.get(charge.productId);
      if (charge.productId !== null && !product) throw new NotFoundError(`No product ${charge.productId}.`, { index });
      return {
        source: charge.source,
        accountId: account.id,
        kind: charge.kind,
        productId: charge.productId,
        description: charge.description,
        chargeDate: charge.chargeDate,
        quantityMilli: charge.quantityMilli,
        unitPriceCents: charge.unitPriceCents,
        amountCents: lineAmountCents(charge.unitPriceCents, charge.quantityMilli),
        currency: account.currency,
        taxCode: charge.taxCode ?? product?.taxCode ?? 'GST',
        glCode: charge.glCode ?? product?.glCode ?? null,
        ticketNumber: charge.ticketNumber,
        memberName: charge.memberName,
        workRole: charge.workRole,
        workType: charge.workType,
      };
    });

    const json = JSON.stringify(
      rows.map((r) => [r.source, r.accountId, r.kind, r.productId, r.description, r.chargeDate, r.quantityMilli, r.unitPriceCents, r.amountCents, r.currency, r.taxCode, r.glCode, r.ticketNumber, r.memberName, r.workRole, r.workType]),
    );
    // `where true` keeps SQLite from reading `on conflict` as a join constraint of the select.
    const added = await tx.all<{ id: number; source: string }>(sql`
      insert into charges (source, account_id, kind, product_id, description, charge_date, quantity_milli, unit_price_cents, amount_cents, currency, tax_code, gl_code, ticket_number, member_name, work_role, work_type, created_at)
      select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14, value ->> 15, ${at}
      from json_each(${json}) where true
      on conflict (source) do nothing
      returning id, source`);
    // RETURNING's order is SQLite's to choose: hand them back in input (= id) order.
    added.sort((a, b) => a.id - b.id);

    const addedSources = new Set(added.map((charge) => charge.source));
    const replayed = rows.filter((row) => !addedSources.has(row.source));
    const alreadyPresent: AddChargesResult['alreadyPresent'] = [];
    if (replayed.length > 0) {
      const existing = await tx
        .select({ id: charges.id, source: charges.source, invoiceId: charges.invoiceId, accountId: charges.accountId, kind: charges.kind, chargeDate: charges.chargeDate, quantityMilli: charges.quantityMilli, unitPriceCents: charges.unitPriceCents, amountCents: charges.amountCents })
        .from(charges)
        .where(sql`${charges.source} in (select value from json_each(${JSON.stringify(replayed.map((row) => row.source))}))`);
      const bySource = new Map(existing.map((charge) => [charge.source, charge]));
      for (const row of replayed) {
        const found = bySource.get(row.source)!;
        const differs = (['accountId', 'kind', 'chargeDate', 'quantityMilli', 'unitPriceCents', 'amountCents'] as const).some((key) => found[key] !== row[key]);
        alreadyPresent.push({ source: row.source, chargeId: found.id, invoiceId: found.invoiceId, differs });
      }
    }
    if (added.length > 0) {
      await recordAudit(tx, {
        at: ctx.now,
        actor: ctx.actor,
        action: 'charges.add',
        entity: 'charge',
        entityId: added.length === 1 ? String(added[0].id) : `${added[0].id}..${added[added.length - 1].id}`,
        details: { added: added.length, alreadyPresent: alreadyPresent.length },
        requestId: ctx.requestId,
      });
    }
    return { added, alreadyPresent };
  });
}
