import { z } from 'zod';
import { formatMoney, lineAmountCents, minorUnitDigits, parseDecimalToCents, parseQuantityMilli } from '../../../../shared/money.js';
import { cwNumberToDecimal } from '../../connectwise/decimal.js';
import type { MappingSet } from '../../mappings/mapping-store.js';
import type { StreamDef } from '../stream-def.js';
import { chargeSource } from '../stream-def.js';
import { applyChargePlans, type ChargePlan } from './charge-apply.js';

/** Product sales (`GET /procurement/products`, docs/connectwise/records.md#procurement-products; ConnectWise's `ProductItem`). */
const Ref = z.looseObject({ id: z.number().int(), name: z.string().optional(), identifier: z.string().optional() });
export const CwProductItemSchema = z.looseObject({
  id: z.number().int().positive(),
  catalogItem: Ref,
  description: z.string().optional().nullable(),
  quantity: z.number().optional().nullable(),
  price: z.number().optional().nullable(),
  billableOption: z.enum(['Billable', 'DoNotBill', 'NoCharge']).optional().nullable(),
  cancelledFlag: z.boolean().optional().nullable(),
  quantityCancelled: z.number().optional().nullable(),
  company: Ref.optional().nullable(),
  ticket: Ref.optional().nullable(),
  agreement: Ref.optional().nullable(),
  taxCode: Ref.optional().nullable(),
  unitOfMeasure: Ref.optional().nullable(),
  purchaseDate: z.string().optional().nullable(),
  _info: z.looseObject({ lastUpdated: z.string().optional(), dateEntered: z.string().optional() }).optional(),
});
export type CwProductItem = z.infer<typeof CwProductItemSchema>;

export interface ProductSaleRow {
  id: number;
  companyId: number | null;
  catalogItem: { id: number; name: string };
  description: string;
  /** Quantity sold less quantity cancelled, thousandths. */
  quantityMilli: number;
  priceCents: number;
  billableOption: string;
  cancelled: boolean;
  date: string;
  /** ConnectWise's tax code of the line; the tax-code mapping turns it into ours. */
  taxCodeId: number | null;
  /** ConnectWise's unit of measure of the line; the unit-of-measure mapping turns it into ours. */
  unitOfMeasure: { id: number; name: string } | null;
}

/** `currency`: what the price is billed in, so ConnectWise's decimal becomes its minor units. */
export function productToRow(raw: CwProductItem, currency: string): ProductSaleRow {
  const quantity = parseQuantityMilli(cwNumberToDecimal(raw.quantity ?? 0));
  const cancelled = parseQuantityMilli(cwNumberToDecimal(raw.quantityCancelled ?? 0));
  return {
    id: raw.id,
    companyId: raw.company?.id ?? null,
    catalogItem: { id: raw.catalogItem.id, name: raw.catalogItem.identifier ?? raw.catalogItem.name ?? String(raw.catalogItem.id) },
    description: (raw.description ?? '').trim(),
    quantityMilli: Math.max(0, quantity - cancelled),
    priceCents: parseDecimalToCents(cwNumberToDecimal(raw.price ?? 0), minorUnitDigits(currency)),
    billableOption: raw.billableOption ?? 'Billable',
    cancelled: raw.cancelledFlag === true,
    date: (raw.purchaseDate ?? raw._info?.dateEntered ?? raw._info?.lastUpdated ?? '1970-01-01').slice(0, 10),
    taxCodeId: raw.taxCode?.id ?? null,
    unitOfMeasure: raw.unitOfMeasure ? { id: raw.unitOfMeasure.id, name: (raw.unitOfMeasure.name ?? '').trim() } : null,
  };
}

/**
 * The unit of a product created for a catalog item (its first sale): the unit-of-measure
 * mapping's, else ConnectWise's own name for it (an unmapped unit is no reason to hold a sale
 * back from billing), else 'each'.
 */
export function productUnit(unitOfMeasure: ProductSaleRow['unitOfMeasure'], mappings: Pick<MappingSet, 'get'>): string {
  if (unitOfMeasure === null) return 'each';
  return mappings.get('unit_of_measure', String(unitOfMeasure.id))?.unit ?? (unitOfMeasure.name.slice(0, 40) || 'each');
}

/**
 * Manage's meanings (docs/connectwise/records.md#procurement-products): a cancelled line (all of its quantity cancelled) bills
 * nothing; a partly cancelled one bills what was not cancelled; DoNotBill bills nothing;
 * NoCharge shows at $0.
 */
export function planProductCharge(
  row: ProductSaleRow,
  options: { billableOptions: readonly string[] },
  currency: string,
  unit = 'each',
): ChargePlan {
  if (row.cancelled && row.quantityMilli === 0) return { kind: 'skip', why: 'cancelled in ConnectWise' };
  if (row.quantityMilli === 0) return { kind: 'skip', why: 'nothing left to bill (quantity 0)' };
  if (!options.billableOptions.includes(row.billableOption))
    return { kind: 'skip', why: `billable option ${row.billableOption} is not let through` };
  const noCharge = row.billableOption === 'NoCharge';
  return {
    kind: 'charge',
    source: chargeSource('product', row.id),
    companyId: row.companyId,
    taxCodeId: row.taxCodeId,
    product: {
      mappingKind: 'catalog_item',
      cwKey: String(row.catalogItem.id),
      cwName: row.catalogItem.name,
      unmappedReason: 'unmapped_catalog_item',
      create: {
        externalKey: `connectwise:catalog:${row.catalogItem.id}`,
        name: row.catalogItem.name,
        kind: 'one-off',
        unitPriceCents: row.priceCents,
        unit,
      },
    },
    build() {
      const unitPriceCents = noCharge ? 0 : row.priceCents;
      const amount = lineAmountCents(unitPriceCents, row.quantityMilli);
      const explanation = noCharge
        ? 'No charge: shown at $0 ("No Charge" in ConnectWise).'
        : `${row.quantityMilli / 1000} × ${formatMoney({ amountCents: unitPriceCents, currency })} (ConnectWise price of ${row.catalogItem.name}) = ${formatMoney({ amountCents: amount, currency })}`;
      return {
        charge: {
          kind: 'product',
          description: (row.description || row.catalogItem.name).slice(0, 500),
          chargeDate: row.date,
          quantityMilli: row.quantityMilli,
          unitPriceCents,
        },
        explanation,
      };
    },
  };
}

export const productsStream: StreamDef<CwProductItem, ProductSaleRow> = {
  name: 'products',
  entity: 'product',
  path: '/procurement/products',
  fields:
    'id,catalogItem/id,catalogItem/identifier,catalogItem/name,description,quantity,quantityCancelled,price,billableOption,cancelledFlag,company/id,ticket/id,taxCode/id,unitOfMeasure/id,unitOfMeasure/name,purchaseDate,_info/lastUpdated,_info/dateEntered',
  schema: CwProductItemSchema,
  key: (raw) => raw.id,
  ticketRecord: { kind: 'product', ticketOf: (raw) => raw.ticket?.id ?? null },
  toRow: productToRow,
  async apply(items, ctx) {
    const plans = items.map((item) =>
      planProductCharge(item.row, ctx.options, ctx.currency, productUnit(item.row.unitOfMeasure, ctx.mappings)),
    );
    return applyChargePlans(items, plans, ctx, (row) => `product ${row.id} (${row.catalogItem.name})`);
  },
};
