// Saves a built invoice as a draft: creates it, or refreshes an existing draft in place.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { charges, invoiceLines, invoices } from '../db/schema/index.js';
import { ConflictError } from '../http/errors.js';
import type { AccountPeriod } from './account-periods.js';
import type { BuiltInvoice } from './build-invoice.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged' | 'empty';

const LINE_CHUNK = 500;
const CHARGE_CHUNK = 500;

/**
 * Writes `built` for the account: nothing when the draft's content hash is the same (a
 * re-run changes nothing), no invoice at all when there is nothing to bill. Charges are
 * claimed with a conditional update (`invoice_id is null`): if any was taken by another
 * invoice meanwhile, the whole transaction fails, so no charge is ever on two invoices.
 */
export async function writeDraftInvoice(
  tx: Tx,
  input: { accountId: number; currency: string; period: AccountPeriod | null; issuedOn: string; now: Date; draft: { id: number; contentHash: string } | null; built: BuiltInvoice },
): Promise<{ outcome: WriteOutcome; invoiceId: number | null }> {
  const { built, draft } = input;
  if (draft && draft.contentHash === built.contentHash) return { outcome: 'unchanged', invoiceId: draft.id };
  if (!draft && built.lines.length === 0) return { outcome: 'empty', invoiceId: null };
  const at = input.now.toISOString();
  const totals = { netCents: built.netCents, taxCents: built.taxCents, totalCents: built.totalCents, contentHash: built.contentHash, updatedAt: at };

  let invoiceId: number;
  if (draft) {
    const [updated] = await tx.update(invoices).set(totals).where(and(eq(invoices.id, draft.id), eq(invoices.status, 'draft'))).returning({ id: invoices.id });
    if (!updated) throw new ConflictError(`Invoice ${draft.id} is no longer a draft.`);
    invoiceId = draft.id;
    await tx.delete(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId));
  } else {
    const [created] = await tx
      .insert(invoices)
      .values({ accountId: input.accountId, kind: 'invoice', status: 'draft', periodStart: input.period?.start ?? null, periodEnd: input.period?.end ?? null, issuedOn: input.issuedOn, currency: input.currency, ...totals, createdAt: at })
      .onConflictDoNothing()
      .returning({ id: invoices.id });
    if (!created) throw new ConflictError(`Account ${input.accountId} already has an invoice for ${input.period?.start}.`);
    invoiceId = created.id;
  }

  for (let i = 0; i < built.lines.length; i += LINE_CHUNK) {
    await tx.insert(invoiceLines).values(built.lines.slice(i, i + LINE_CHUNK).map((line) => ({ ...line, invoiceId, creditedLineId: null })));
  }
  const claimed = new Set(draft ? (await tx.select({ id: charges.id }).from(charges).where(eq(charges.invoiceId, invoiceId))).map((row) => row.id) : []);
  const toClaim = built.chargeIds.filter((id) => !claimed.has(id));
  for (let i = 0; i < toClaim.length; i += CHARGE_CHUNK) {
    const chunk = toClaim.slice(i, i + CHARGE_CHUNK);
    const taken = await tx.update(charges).set({ invoiceId }).where(and(inArray(charges.id, chunk), isNull(charges.invoiceId))).returning({ id: charges.id });
    if (taken.length !== chunk.length) throw new ConflictError('A charge was billed by another invoice meanwhile; run again.');
  }
  return { outcome: draft ? 'updated' : 'created', invoiceId };
}
