import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { charges } from '../db/schema/charges.js';
import { invoices } from '../db/schema/invoices.js';
import type { ConnectWiseClient } from '../connectwise/client.js';
import { ConnectWiseRejectedError } from '../connectwise/errors.js';
import { chargeSource } from '../sync/stream-def.js';
import { NotFoundError } from '../errors/domain-errors.js';
import type { InvoiceOverlap } from '../../../shared/schemas/connectwise-invoices.js';

type Ref = { id: number };
const ON_INVOICE = (id: number) => `invoice/id = ${id}`;

/**
 * "Billed once, on both sides" seen from a ConnectWise invoice: which of the
 * time entries, products and expenses ConnectWise put on it are also charges
 * of ours. The invoice screen is one the Hosted API cannot host, so the
 * extension shows this there.
 */
export async function describeInvoiceOverlap(db: DbOrTx, cw: ConnectWiseClient, invoiceId: number): Promise<InvoiceOverlap> {
  let invoice: { id: number; invoiceNumber?: string };
  try {
    invoice = await cw.get(`/finance/invoices/${invoiceId}`, { fields: 'id,invoiceNumber' });
  } catch (error) {
    if (error instanceof ConnectWiseRejectedError && error.status === 404)
      throw new NotFoundError(`ConnectWise invoice ${invoiceId} was not found.`);
    throw error;
  }
  const [time, products, expenses] = await Promise.all([
    cw.listAll<Ref>('/time/entries', { conditions: ON_INVOICE(invoiceId), fields: 'id' }),
    cw.listAll<Ref>('/procurement/products', { conditions: ON_INVOICE(invoiceId), fields: 'id' }),
    cw.listAll<Ref>('/expense/entries', { conditions: ON_INVOICE(invoiceId), fields: 'id' }),
  ]);
  const records = [
    ...time.map((r) => ({ kind: 'time' as const, id: r.id })),
    ...products.map((r) => ({ kind: 'product' as const, id: r.id })),
    ...expenses.map((r) => ({ kind: 'expense' as const, id: r.id })),
  ];
  const sources = records.map((r) => chargeSource(r.kind, r.id));
  const ours = sources.length
    ? await db
        .select({
          source: charges.source,
          chargeId: charges.id,
          amountCents: charges.amountCents,
          currency: charges.currency,
          invoiceNumber: invoices.number,
          invoiceStatus: invoices.status,
          invoiceId: charges.invoiceId,
        })
        .from(charges)
        .leftJoin(invoices, eq(invoices.id, charges.invoiceId))
        .where(inArray(charges.source, sources))
    : [];
  const bySource = new Map(ours.map((o) => [o.source, o]));
  const items = records.map((r) => {
    const o = bySource.get(chargeSource(r.kind, r.id));
    return {
      ...r,
      ourCharge: o
        ? {
            chargeId: o.chargeId,
            amountCents: o.amountCents,
            currency: o.currency,
            invoiceNumber: o.invoiceNumber,
            status:
              o.invoiceId === null ? ('pending' as const) : o.invoiceStatus === 'approved' ? ('approved' as const) : ('draft' as const),
          }
        : null,
    };
  });
  return {
    invoice: { id: invoice.id, number: invoice.invoiceNumber ?? null },
    items,
    billedByUsToo: items.filter((i) => i.ourCharge).length,
  };
}
