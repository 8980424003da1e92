import { z } from 'zod';
import { recordAudit } from '../audit/record-audit.js';
import { ConflictError } from '../errors/domain-errors.js';
import type { BillingContext } from './billing-context.js';
import { todayOf } from './billing-context.js';
import { accountInvoiceInputs, buildAccountInvoice } from './build-account-invoice.js';
import { getAccount } from './get-account.js';
import { listPlans } from './get-plan.js';
import { IdSchema, parseInput } from './input-schemas.js';
import { loadBatchInputs, loadTaxRates } from './load-invoice-inputs.js';
import { writeDraftInvoices } from './write-invoice.js';

export const InvoiceAccountNowInput = z.object({ accountId: IdSchema });
export type InvoiceAccountNowInput = z.input<typeof InvoiceAccountNowInput>;

/**
 * An immediate invoice: every pending charge of one account, now, on a draft of its own
 * (no period, no recurring fee: those stay with the period run). Inclusions apply as on
 * any invoice. 409 when there is nothing pending.
 */
export async function invoiceAccountNow(ctx: BillingContext, input: InvoiceAccountNowInput): Promise<{ invoiceId: number }> {
  const { accountId } = parseInput(InvoiceAccountNowInput, input);
  const plansById = new Map((await listPlans(ctx.db)).map((plan) => [plan.id, plan]));
  const taxRates = await loadTaxRates(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const account = await getAccount(tx, accountId);
    const inputs = await loadBatchInputs(tx, [accountId], plansById);
    const built = buildAccountInvoice(account, null, accountInvoiceInputs(account, null, inputs, null), taxRates, []);
    if (built.lines.length === 0) throw new ConflictError(`Account ${accountId} has no pending charges.`);
    const [{ invoiceId }] = await writeDraftInvoices(tx, ctx.now, [
      { accountId, currency: account.currency, period: null, issuedOn: todayOf(ctx.now), draft: null, built, inputsDigest: null },
    ]);
    await recordAudit(tx, {
      at: ctx.now,
      actor: ctx.actor,
      action: 'invoice.immediate',
      entity: 'invoice',
      entityId: String(invoiceId),
      details: { charges: built.chargeIds.length },
      requestId: ctx.requestId,
    });
    return { invoiceId: invoiceId! };
  });
}
