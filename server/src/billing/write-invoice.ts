// Saves built invoices as drafts: creates them, or refreshes existing drafts in place.
import { and, eq, inArray, isNull, lt, notInArray, or, type SQL, sql } from 'drizzle-orm';
import { insertRows } from '../db/insert-rows.js';
import type { Tx } from '../db/client.js';
import { charges, invoiceLines, invoices } from '../db/schema/index.js';
import { selectRows } from '../db/select-rows.js';
import { ConflictError } from '../errors/domain-errors.js';
import type { AccountPeriod } from './account-periods.js';
import { ARREARS_KINDS, type BuiltInvoice } from './build-invoice.js';

// One object for every call: insertRows keeps its statements by it. 2,000 lines × up to 16
// columns stays under SQLite's 32,766 bound values.
const INVOICE_LINES = { chunkSize: 2000 };

export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'empty';

export type DraftToWrite = {
  accountId: number;
  currency: string;
  period: AccountPeriod | null;
  issuedOn: string;
  /** The draft being refreshed, if any. */
  draft: { id: number; contentHash: string; inputsDigest: string | null } | null;
  built: BuiltInvoice;
  /** What the build read, in brief (build-account-invoice.ts); null for an immediate invoice. */
  inputsDigest: string | null;
};

const IN_CHUNK = 500;

/** The SQL twin of `isChargeDue` for pending charges (build-invoice.ts). */
function dueCondition(period: AccountPeriod | null): SQL | undefined {
  if (period === null) return undefined;
  const arrears = [...ARREARS_KINDS];
  return or(
    and(inArray(charges.kind, arrears), lt(charges.chargeDate, period.start)),
    and(notInArray(charges.kind, arrears), lt(charges.chargeDate, period.end)),
  );
}

/**
 * Writes each built invoice in `tx`: nothing when a draft's content hash is unchanged (a
 * re-run changes nothing; at most the draft's inputs digest is brought up to date), no
 * invoice at all when there is nothing to bill. New invoices go in with one statement, the
 * lines of all the invoices together (a run writes them by the hundred thousand). Charges are
 * claimed by conditional updates (`invoice_id is null`, by the same due rule the build applied,
 * one statement per period), then the charges each invoice holds are read back and must be
 * exactly the built ones: otherwise the whole transaction fails, so no charge is ever on two
 * invoices or missed.
 */
export async function writeDraftInvoices(
  tx: Tx,
  now: Date,
  drafts: readonly DraftToWrite[],
): Promise<{ outcome: WriteOutcome; invoiceId: number | null }[]> {
  const at = now.toISOString();
  const results: { outcome: WriteOutcome; invoiceId: number | null }[] = [];
  const toCreate: { input: DraftToWrite; result: { outcome: WriteOutcome; invoiceId: number | null } }[] = [];
  const written: { input: DraftToWrite; invoiceId: number }[] = [];
  const totalsOf = (input: DraftToWrite) => ({
    netCents: input.built.netCents,
    taxCents: input.built.taxCents,
    totalCents: input.built.totalCents,
    contentHash: input.built.contentHash,
    inputsDigest: input.inputsDigest,
    updatedAt: at,
  });

  for (const input of drafts) {
    const { built, draft } = input;
    if (draft && draft.contentHash === built.contentHash) {
      if (draft.inputsDigest !== input.inputsDigest) {
        await tx
          .update(invoices)
          .set({ inputsDigest: input.inputsDigest })
          .where(and(eq(invoices.id, draft.id), eq(invoices.status, 'draft')));
      }
      results.push({ outcome: 'unchanged', invoiceId: draft.id });
      continue;
    }
    if (!draft && built.lines.length === 0) {
      results.push({ outcome: 'empty', invoiceId: null });
      continue;
    }
    if (draft) {
      const [updated] = await tx
        .update(invoices)
        .set(totalsOf(input))
        .where(and(eq(invoices.id, draft.id), eq(invoices.status, 'draft')))
        .returning({ id: invoices.id });
      if (!updated) throw new ConflictError(`Invoice ${draft.id} is no longer a draft.`);
      written.push({ input, invoiceId: draft.id });
      results.push({ outcome: 'updated', invoiceId: draft.id });
    } else {
      const result = { outcome: 'created' as WriteOutcome, invoiceId: null as number | null };
      toCreate.push({ input, result });
      results.push(result);
    }
  }

  const refreshed = written.map(({ invoiceId }) => invoiceId);
  for (let i = 0; i < refreshed.length; i += IN_CHUNK)
    await tx.delete(invoiceLines).where(inArray(invoiceLines.invoiceId, refreshed.slice(i, i + IN_CHUNK)));

  // One account has at most one invoice in a call, so the account tells which row is whose.
  for (let i = 0; i < toCreate.length; i += IN_CHUNK) {
    const chunk = toCreate.slice(i, i + IN_CHUNK);
    const created = await tx
      .insert(invoices)
      .values(
        chunk.map(({ input }) => ({
          accountId: input.accountId,
          kind: 'invoice' as const,
          status: 'draft' as const,
          periodStart: input.period?.start ?? null,
          periodEnd: input.period?.end ?? null,
          issuedOn: input.issuedOn,
          currency: input.currency,
          ...totalsOf(input),
          createdAt: at,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: invoices.id, accountId: invoices.accountId });
    const idOfAccount = new Map(created.map((row) => [row.accountId, row.id]));
    for (const { input, result } of chunk) {
      const invoiceId = idOfAccount.get(input.accountId);
      if (invoiceId === undefined) throw new ConflictError(`Account ${input.accountId} already has an invoice for ${input.period?.start}.`);
      result.invoiceId = invoiceId;
      written.push({ input, invoiceId });
    }
  }

  // Fee lines and charge lines apart: each kind fills its own columns, so each has one statement shape (db/insert-rows.ts).
  const feeLines: (typeof invoiceLines.$inferInsert)[] = [];
  const chargeLines: (typeof invoiceLines.$inferInsert)[] = [];
  for (const { input, invoiceId } of written) {
    for (const line of input.built.lines)
      (line.chargeId === null ? feeLines : chargeLines).push({ ...line, invoiceId, creditedLineId: null });
  }
  await insertRows(tx, invoiceLines, feeLines, INVOICE_LINES);
  await insertRows(tx, invoiceLines, chargeLines, INVOICE_LINES);
  await claimCharges(tx, written);
  return results;
}

/**
 * Claims the pending charges due on each written invoice. Invoices of one period are claimed
 * by one update: each charge takes its own account's invoice for that period (unique per
 * account and period); an immediate invoice claims its account's pending charges itself.
 */
async function claimCharges(tx: Tx, written: readonly { input: DraftToWrite; invoiceId: number }[]): Promise<void> {
  const byPeriod = new Map<string, { period: AccountPeriod; accountIds: number[] }>();
  for (const { input, invoiceId } of written) {
    if (input.period === null) {
      await tx
        .update(charges)
        .set({ invoiceId })
        .where(and(eq(charges.accountId, input.accountId), isNull(charges.invoiceId)));
      continue;
    }
    const key = `${input.period.start}|${input.period.end}`;
    const group = byPeriod.get(key) ?? { period: input.period, accountIds: [] };
    group.accountIds.push(input.accountId);
    byPeriod.set(key, group);
  }
  for (const { period, accountIds } of byPeriod.values()) {
    const invoiceOfPeriod = tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.accountId, charges.accountId), eq(invoices.periodStart, period.start)));
    for (let i = 0; i < accountIds.length; i += IN_CHUNK) {
      await tx
        .update(charges)
        .set({ invoiceId: sql`(${invoiceOfPeriod})` })
        .where(and(inArray(charges.accountId, accountIds.slice(i, i + IN_CHUNK)), isNull(charges.invoiceId), dueCondition(period)));
    }
  }

  // The check: what each invoice now holds is exactly what it was built from.
  const expected = new Map(written.map(({ input, invoiceId }) => [invoiceId, input.built.chargeIds]));
  const held = new Map<number, number[]>();
  for (let i = 0; i < written.length; i += IN_CHUNK) {
    const chunk = written.slice(i, i + IN_CHUNK);
    const rows = await selectRows(
      tx,
      tx
        .select({ id: charges.id, invoiceId: charges.invoiceId })
        .from(charges)
        .where(
          and(
            inArray(charges.accountId, [...new Set(chunk.map(({ input }) => input.accountId))]),
            inArray(
              charges.invoiceId,
              chunk.map(({ invoiceId }) => invoiceId),
            ),
          ),
        ),
    );
    for (const row of rows) {
      const list = held.get(row.invoiceId!);
      if (list) list.push(row.id);
      else held.set(row.invoiceId!, [row.id]);
    }
  }
  for (const [invoiceId, chargeIds] of expected) {
    const holding = new Set(held.get(invoiceId) ?? []);
    if (holding.size !== chargeIds.length || chargeIds.some((id) => !holding.has(id))) {
      throw new ConflictError('The pending charges changed while the invoice was built; run again.');
    }
  }
}
