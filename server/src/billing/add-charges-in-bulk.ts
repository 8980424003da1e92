import { sql } from 'drizzle-orm';
import { auditChargesAdded, CHARGE_CONTENT_KEYS } from './audit-charges-added.js';
import { lineAmountCents } from '../../../shared/money.js';
import { accounts, charges, products } from '../db/schema/index.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import type { BillingContext } from './billing-context.js';
import { AddChargesInput, MAX_CHARGES_PER_BATCH, type AddChargesResult } from './add-charges.js';
import { parseInput } from './input-schemas.js';
import { isIsoDate } from './periods.js';
import { CHARGE_KINDS } from '../db/schema/index.js';

type ParsedCharge = ReturnType<typeof AddChargesInput.parse>['charges'][number];

const KINDS: ReadonlySet<unknown> = new Set(CHARGE_KINDS);
const KEYS: ReadonlySet<string> = new Set(Object.keys(AddChargesInput.shape.charges.element.shape));
const EXTERNAL_KEY = /^[a-z][a-z0-9-]*:[^\s]+$/;
const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
// Already trimmed, within bounds: what the schema would return unchanged.
const isCleanText = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max && v.trim() === v;
const isCleanKey = (v: unknown) => isCleanText(v, 3, 200) && EXTERNAL_KEY.test(v as string);
const isNullableText = (v: unknown, max: number) => v === undefined || v === null || isCleanText(v, 1, max);

/**
 * The charges exactly as AddChargesInput would return them, when every one is already in
 * that form (what a sync builds: known keys, trimmed text, values in range); null as soon as
 * one is not, and the schema parses the batch and says why. A sync page is 1,000 charges:
 * the schema's parse and copy of each cost as much as writing it. Never looser than the
 * schema (a property test holds it to that).
 */
export function alreadyClean(input: unknown): ParsedCharge[] | null {
  const list = (input as { charges?: unknown })?.charges;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_CHARGES_PER_BATCH || Object.keys(input as object).length !== 1) return null;
  const out: ParsedCharge[] = [];
  for (const c of list as Record<string, unknown>[]) {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return null;
    for (const key in c) if (!KEYS.has(key) || c[key] === undefined) return null;
    const ok =
      isCleanKey(c.source) &&
      (c.accountId === undefined || isInt(c.accountId, 1, Number.MAX_SAFE_INTEGER)) &&
      (c.accountExternalKey === undefined || isCleanKey(c.accountExternalKey)) &&
      KINDS.has(c.kind) &&
      (c.productId === undefined || c.productId === null || isInt(c.productId, 1, Number.MAX_SAFE_INTEGER)) &&
      isCleanText(c.description, 1, 500) &&
      typeof c.chargeDate === 'string' &&
      isIsoDate(c.chargeDate) &&
      isInt(c.quantityMilli, -1_000_000_000_000, 1_000_000_000_000) &&
      isInt(c.unitPriceCents, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) &&
      (c.currency === undefined || (typeof c.currency === 'string' && /^[A-Z]{3}$/.test(c.currency))) &&
      isNullableText(c.taxCode, 20) &&
      isNullableText(c.glCode, 40) &&
      isNullableText(c.ticketNumber, 200) &&
      isNullableText(c.memberName, 200) &&
      isNullableText(c.workRole, 200) &&
      isNullableText(c.workType, 200);
    if (!ok) return null;
    out.push({ productId: null, taxCode: null, glCode: null, ticketNumber: null, memberName: null, workRole: null, workType: null, ...c } as ParsedCharge);
  }
  return out;
}

export type AddChargesInBulkResult = {
  /** The charges written, in input order (id and source only: nothing is read back). */
  added: { id: number; source: string }[];
  alreadyPresent: AddChargesResult['alreadyPresent'];
};

/**
 * `addCharges` for bulk producers (a sync page of 1,000 time entries): the same input, the
 * same rules (account by id or key, the account's currency, the tax code in chargeTaxCode's
 * order, the GL code from the product, amount rounded once), the same idempotency (unique
 * `source`: a replay is reported, never written) and the same audit row, in one transaction. Each statement carries its rows as ONE
 * JSON parameter read by SQLite's `json_each`, and nothing is read back (the added charges' ids
 * follow from the insert's rowsAffected and lastInsertRowid): with 20 columns × 1,000 rows bound one by one and every added row read back,
 * `addCharges` spends several times longer building statements and reading rows than SQLite
 * spends writing them (bench/sync-full.ts).
 */
export async function addChargesInBulk(ctx: BillingContext, input: AddChargesInput): Promise<AddChargesInBulkResult> {
  const parsed = alreadyClean(input) ?? parseInput(AddChargesInput, input).charges;
  const sources = parsed.map((charge) => charge.source);
  if (new Set(sources).size !== sources.length) throw new ValidationError('A source appears twice in the batch.');
  return ctx.db.transaction(async (tx) => {
    // Accounts named by key: their ids. Accounts named by id: only counted (a page names ~1,000
    // of them and reading each back costs more than the insert); their currency is read by the
    // insert itself, and read here only for charges that name a currency to check.
    const keys = [...new Set(parsed.flatMap((c) => (c.accountExternalKey === undefined ? [] : [c.accountExternalKey])))];
    const keyRows = keys.length ? await tx.select({ id: accounts.id, externalKey: accounts.externalKey }).from(accounts).where(sql`${accounts.externalKey} in (select value from json_each(${JSON.stringify(keys)}))`) : [];
    const idOfKey = new Map(keyRows.map((a) => [a.externalKey, a.id]));
    const accountIdOf = parsed.map((charge, index) => {
      if ((charge.accountId === undefined) === (charge.accountExternalKey === undefined)) throw new ValidationError('Give exactly one of accountId and accountExternalKey.', { index });
      const id = charge.accountId ?? idOfKey.get(charge.accountExternalKey!);
      if (id === undefined) throw new NotFoundError(`No account ${charge.accountExternalKey}.`, { index });
      return id;
    });
    const ids = [...new Set(parsed.flatMap((c) => (c.accountId === undefined ? [] : [c.accountId])))];
    if (ids.length > 0) {
      const [{ found }] = await tx.all<{ found: number }>(sql`select count(*) as found from ${accounts} where ${accounts.id} in (select value from json_each(${JSON.stringify(ids)}))`);
      if (found !== ids.length) {
        const present = new Set((await tx.select({ id: accounts.id }).from(accounts).where(sql`${accounts.id} in (select value from json_each(${JSON.stringify(ids)}))`)).map((a) => a.id));
        const index = parsed.findIndex((c) => c.accountId !== undefined && !present.has(c.accountId));
        throw new NotFoundError(`No account ${parsed[index].accountId}.`, { index });
      }
    }
    const checked = [...new Set(parsed.flatMap((c, i) => (c.currency === undefined ? [] : [accountIdOf[i]])))];
    const currencyOf = new Map(
      (checked.length ? await tx.select({ id: accounts.id, currency: accounts.currency }).from(accounts).where(sql`${accounts.id} in (select value from json_each(${JSON.stringify(checked)}))`) : []).map((a) => [a.id, a.currency]),
    );
    const productIds = [...new Set(parsed.flatMap((c) => (c.productId === null ? [] : [c.productId])))];
    const productRows = productIds.length
      ? await tx.select({ id: products.id, taxCode: products.taxCode, glCode: products.glCode }).from(products).where(sql`${products.id} in (select value from json_each(${JSON.stringify(productIds)}))`)
      : [];
    const productById = new Map(productRows.map((p) => [p.id, p]));

    const at = ctx.now.toISOString();
    const amountOf = parsed.map((charge) => lineAmountCents(charge.unitPriceCents, charge.quantityMilli));
    const rows = parsed.map((charge, index) => {
      const accountId = accountIdOf[index];
      if (charge.currency !== undefined && charge.currency !== currencyOf.get(accountId)) {
        throw new ValidationError(`The charge is in ${charge.currency} but the account bills in ${currencyOf.get(accountId)}.`, { index });
      }
      const product = charge.productId === null ? undefined : productById.get(charge.productId);
      if (charge.productId !== null && !product) throw new NotFoundError(`No product ${charge.productId}.`, { index });
      // The tax code: the charge's own, else the account's, else this fallback (chargeTaxCode's
      // order); the insert reads the account's, as it reads its currency.
      const taxCodeFallback = product?.taxCode ?? 'GST';
      const glCode = charge.glCode ?? product?.glCode ?? null;
      return [charge.source, accountId, charge.kind, charge.productId, charge.description, charge.chargeDate, charge.quantityMilli, charge.unitPriceCents, amountOf[index], charge.taxCode, glCode, charge.ticketNumber, charge.memberName, charge.workRole, charge.workType, taxCodeFallback];
    });

    // `where true` keeps SQLite from reading `on conflict` as a join constraint of the select.
    // No `returning`: reading 1,000 rows back cost a sixth of the insert. `id` is AUTOINCREMENT
    // and this statement is the only writer (we hold the write transaction), so the rows it adds
    // take the ids lastInsertRowid - rowsAffected + 1 .. lastInsertRowid, in json_each's (input)
    // order; a replayed source (on conflict do nothing) takes none.
    const written = await tx.run(sql`
      insert into charges (source, account_id, kind, product_id, description, charge_date, quantity_milli, unit_price_cents, amount_cents, tax_code, gl_code, ticket_number, member_name, work_role, work_type, currency, created_at)
      select value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7, value ->> 8,
        coalesce(value ->> 9, (select tax_code from accounts where id = value ->> 1), value ->> 15), value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14,
        (select currency from accounts where id = value ->> 1), ${at}
      from json_each(${JSON.stringify(rows)}) where true
      on conflict (source) do nothing`);
    const count = written.rowsAffected;
    const lastId = count === 0 ? 0 : Number(written.lastInsertRowid);
    const added: { id: number; source: string }[] =
      count === parsed.length
        ? parsed.map((charge, index) => ({ id: lastId - count + 1 + index, source: charge.source }))
        : count === 0
          ? []
          : await tx.select({ id: charges.id, source: charges.source }).from(charges).where(sql`${charges.id} > ${lastId - count} and ${charges.id} <= ${lastId}`).orderBy(charges.id);

    const alreadyPresent: AddChargesResult['alreadyPresent'] = [];
    if (added.length < parsed.length) {
      const addedSources = new Set(added.map((charge) => charge.source));
      const replayed = parsed.flatMap((charge, index) => (addedSources.has(charge.source) ? [] : [index]));
      const existing = await tx
        .select({ id: charges.id, source: charges.source, invoiceId: charges.invoiceId, accountId: charges.accountId, kind: charges.kind, chargeDate: charges.chargeDate, quantityMilli: charges.quantityMilli, unitPriceCents: charges.unitPriceCents, amountCents: charges.amountCents })
        .from(charges)
        .where(sql`${charges.source} in (select value from json_each(${JSON.stringify(replayed.map((index) => parsed[index].source))}))`);
      const bySource = new Map(existing.map((charge) => [charge.source, charge]));
      for (const index of replayed) {
        const charge = parsed[index];
        const found = bySource.get(charge.source)!;
        const now = { accountId: accountIdOf[index], kind: charge.kind, chargeDate: charge.chargeDate, quantityMilli: charge.quantityMilli, unitPriceCents: charge.unitPriceCents, amountCents: amountOf[index] };
        const differs = CHARGE_CONTENT_KEYS.some((key) => found[key] !== now[key]);
        alreadyPresent.push({ source: charge.source, chargeId: found.id, invoiceId: found.invoiceId, differs });
      }
    }
    await auditChargesAdded(tx, ctx, added, alreadyPresent.length);
    return { added, alreadyPresent };
  });
}
