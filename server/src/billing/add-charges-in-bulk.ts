import { sql } from 'drizzle-orm';
import { auditChargesAdded, CHARGE_CONTENT_KEYS } from './audit-charges-added.js';
import { lineAmountCents } from '../../../shared/money.js';
import { isIsoCurrency } from '../../../shared/iso-4217.js';
import { accounts, charges, products } from '../db/schema/index.js';
import { NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { AddChargesInput, chargeTaxCode, MAX_CHARGES_PER_BATCH, type AddChargesResult } from './add-charges.js';
import { insertRowsWithLastId } from '../db/insert-rows.js';
import { selectRows } from '../db/select-rows.js';
import { parseInput } from './input-schemas.js';
import { assertChargeTaxCodesUsable } from './tax-code-usable.js';
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
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_CHARGES_PER_BATCH || Object.keys(input as object).length !== 1)
    return null;
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
      (c.currency === undefined || (typeof c.currency === 'string' && isIsoCurrency(c.currency))) &&
      isNullableText(c.taxCode, 20) &&
      isNullableText(c.glCode, 40) &&
      isNullableText(c.ticketNumber, 200) &&
      isNullableText(c.memberName, 200) &&
      isNullableText(c.workRole, 200) &&
      isNullableText(c.workType, 200);
    if (!ok) return null;
    out.push({
      productId: null,
      taxCode: null,
      glCode: null,
      ticketNumber: null,
      memberName: null,
      workRole: null,
      workType: null,
      ...c,
    } as ParsedCharge);
  }
  return out;
}

// One object for every call: insertRows keeps its statements by it. 1,000 rows × 17 columns
// stays under SQLite's 32,766 bound values.
const SKIP_KNOWN_SOURCES = { chunkSize: 1000, onConflict: { doNothing: { target: charges.source } } };

export type AddChargesInBulkResult = {
  /** The charges written, in input order (id and source only: nothing is read back). */
  added: { id: number; source: string }[];
  alreadyPresent: AddChargesResult['alreadyPresent'];
};

/**
 * `addCharges` for bulk producers (a sync page of 1,000 time entries): the same input, the
 * same rules (account by id or key, the account's currency, the tax code in chargeTaxCode's
 * order and GST or defined when given, the GL code from the product, amount rounded once),
 * the same idempotency (unique `source`: a replay is reported, never written) and the same
 * audit row, in one transaction.
 * The rows go in as bound multi-row VALUES through `insertRows` (one prepared statement per
 * shape, reused), and nothing is read back: the added charges' ids follow from the rows
 * written and the last rowid. Why not `addCharges`: it builds each statement through
 * drizzle (about 1.5 µs a value) and reads every added row back. Why not one JSON parameter
 * read by `json_each` (what this did before): SQLite parses a row's JSON again for every
 * `value ->> n`, and with 17 columns that cost more than binding them (bench/sync-full.ts).
 */
export async function addChargesInBulk(ctx: BillingContext, input: AddChargesInput): Promise<AddChargesInBulkResult> {
  const parsed = alreadyClean(input) ?? parseInput(AddChargesInput, input).charges;
  const sources = parsed.map((charge) => charge.source);
  if (new Set(sources).size !== sources.length) throw new ValidationError('A source appears twice in the batch.');
  return ctx.db.transaction(async (tx) => {
    await assertChargeTaxCodesUsable(tx, parsed);
    // Accounts named by key: their ids. Then every account of the batch, once: its currency
    // and tax code (packed read, db/select-rows.ts), and whether it exists.
    const keys = [...new Set(parsed.flatMap((c) => (c.accountExternalKey === undefined ? [] : [c.accountExternalKey])))];
    const keyRows = keys.length
      ? await tx
          .select({ id: accounts.id, externalKey: accounts.externalKey })
          .from(accounts)
          .where(sql`${accounts.externalKey} in (select value from json_each(${JSON.stringify(keys)}))`)
      : [];
    const idOfKey = new Map(keyRows.map((a) => [a.externalKey, a.id]));
    const accountIdOf = parsed.map((charge, index) => {
      if ((charge.accountId === undefined) === (charge.accountExternalKey === undefined))
        throw new ValidationError('Give exactly one of accountId and accountExternalKey.', { index });
      const id = charge.accountId ?? idOfKey.get(charge.accountExternalKey!);
      if (id === undefined) throw new NotFoundError(`No account ${charge.accountExternalKey}.`, { index });
      return id;
    });
    const accountIds = [...new Set(accountIdOf)];
    const accountById = new Map(
      (
        await selectRows(
          tx,
          tx
            .select({ id: accounts.id, currency: accounts.currency, taxCode: accounts.taxCode })
            .from(accounts)
            .where(sql`${accounts.id} in (select value from json_each(${JSON.stringify(accountIds)}))`),
        )
      ).map((a) => [a.id, a]),
    );
    const productIds = [...new Set(parsed.flatMap((c) => (c.productId === null ? [] : [c.productId])))];
    const productRows = productIds.length
      ? await tx
          .select({ id: products.id, taxCode: products.taxCode, glCode: products.glCode })
          .from(products)
          .where(sql`${products.id} in (select value from json_each(${JSON.stringify(productIds)}))`)
      : [];
    const productById = new Map(productRows.map((p) => [p.id, p]));

    const createdAt = ctx.now.toISOString();
    const amountOf = parsed.map((charge) => lineAmountCents(charge.unitPriceCents, charge.quantityMilli));
    const rows = parsed.map((charge, index) => {
      const account = accountById.get(accountIdOf[index]);
      if (account === undefined) throw new NotFoundError(`No account ${accountIdOf[index]}.`, { index });
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
        amountCents: amountOf[index],
        currency: account.currency,
        taxCode: chargeTaxCode(charge.taxCode, account.taxCode, product?.taxCode),
        glCode: charge.glCode ?? product?.glCode ?? null,
        ticketNumber: charge.ticketNumber,
        memberName: charge.memberName,
        workRole: charge.workRole,
        workType: charge.workType,
        createdAt,
      };
    });

    // Bound multi-row VALUES (db/insert-rows.ts): a page of 1,000 is one statement of 17,000
    // values. No `returning`: reading 1,000 rows back cost a sixth of the insert. `id` is
    // AUTOINCREMENT and this transaction is the only writer, so the rows added take
    // consecutive ids ending at the last one written, in input order; a replayed source
    // (on conflict do nothing) takes none.
    const written = await insertRowsWithLastId(tx, charges, rows, SKIP_KNOWN_SOURCES);
    const count = written.written;
    const lastId = written.lastInsertRowid;
    const added: { id: number; source: string }[] =
      count === parsed.length
        ? parsed.map((charge, index) => ({ id: lastId - count + 1 + index, source: charge.source }))
        : count === 0
          ? []
          : await tx
              .select({ id: charges.id, source: charges.source })
              .from(charges)
              .where(sql`${charges.id} > ${lastId - count} and ${charges.id} <= ${lastId}`)
              .orderBy(charges.id);

    const alreadyPresent: AddChargesResult['alreadyPresent'] = [];
    if (added.length < parsed.length) {
      const addedSources = new Set(added.map((charge) => charge.source));
      const replayed = parsed.flatMap((charge, index) => (addedSources.has(charge.source) ? [] : [index]));
      const existing = await tx
        .select({
          id: charges.id,
          source: charges.source,
          invoiceId: charges.invoiceId,
          accountId: charges.accountId,
          kind: charges.kind,
          chargeDate: charges.chargeDate,
          quantityMilli: charges.quantityMilli,
          unitPriceCents: charges.unitPriceCents,
          amountCents: charges.amountCents,
        })
        .from(charges)
        .where(sql`${charges.source} in (select value from json_each(${JSON.stringify(replayed.map((index) => parsed[index].source))}))`);
      const bySource = new Map(existing.map((charge) => [charge.source, charge]));
      for (const index of replayed) {
        const charge = parsed[index];
        const found = bySource.get(charge.source)!;
        const now = {
          accountId: accountIdOf[index],
          kind: charge.kind,
          chargeDate: charge.chargeDate,
          quantityMilli: charge.quantityMilli,
          unitPriceCents: charge.unitPriceCents,
          amountCents: amountOf[index],
        };
        const differs = CHARGE_CONTENT_KEYS.some((key) => found[key] !== now[key]);
        alreadyPresent.push({ source: charge.source, chargeId: found.id, invoiceId: found.invoiceId, differs });
      }
    }
    await auditChargesAdded(tx, ctx, added, alreadyPresent.length);
    return { added, alreadyPresent };
  });
}
