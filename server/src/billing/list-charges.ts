import { and, asc, eq, gt, gte, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { ChargeItem, ChargeStatus } from '../../../shared/schemas/listings.js';
import type { DbOrTx } from '../db/client.js';
import { type ChargeKind, charges, invoices } from '../db/schema/index.js';
import { selectRows } from '../db/select-rows.js';
import { startsWith } from '../db/sql-prefix.js';

export interface ChargeFilter {
  accountId?: number;
  kind?: ChargeKind;
  status?: ChargeStatus;
  source?: string;
  sourcePrefix?: string;
  /** Charge dates, both inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
}

/**
 * Charges after `afterId` in id order, at most `limit`, with where each stands: pending (on
 * no invoice), draft (held by a draft) or invoiced (on an approved invoice). Each page walks
 * the primary key from `afterId`, so reading every page costs one pass over the table
 * whatever the filters; an exact `source` goes through its unique index.
 */
export async function listCharges(db: DbOrTx, page: { afterId: number; limit: number } & ChargeFilter): Promise<ChargeItem[]> {
  const where: SQL[] = [gt(charges.id, page.afterId)];
  if (page.accountId !== undefined) where.push(eq(charges.accountId, page.accountId));
  if (page.kind !== undefined) where.push(eq(charges.kind, page.kind));
  if (page.status === 'pending') where.push(isNull(charges.invoiceId));
  if (page.status === 'draft') where.push(eq(invoices.status, 'draft'));
  if (page.status === 'invoiced') where.push(eq(invoices.status, 'approved'));
  if (page.source !== undefined) where.push(eq(charges.source, page.source));
  if (page.sourcePrefix !== undefined) where.push(startsWith(charges.source, page.sourcePrefix));
  if (page.from !== undefined) where.push(gte(charges.chargeDate, page.from));
  if (page.to !== undefined) where.push(lte(charges.chargeDate, page.to));
  const status = sql<ChargeStatus>`case when ${charges.invoiceId} is null then 'pending' when ${invoices.status} = 'approved' then 'invoiced' else 'draft' end`;
  return selectRows(
    db,
    db
      .select({
        id: charges.id,
        source: charges.source,
        accountId: charges.accountId,
        kind: charges.kind,
        status: status.as('status'),
        productId: charges.productId,
        description: charges.description,
        chargeDate: charges.chargeDate,
        quantityMilli: charges.quantityMilli,
        unitPriceCents: charges.unitPriceCents,
        amountCents: charges.amountCents,
        currency: charges.currency,
        taxCode: charges.taxCode,
        glCode: charges.glCode,
        ticketNumber: charges.ticketNumber,
        memberName: charges.memberName,
        workRole: charges.workRole,
        workType: charges.workType,
        invoiceId: charges.invoiceId,
        createdAt: charges.createdAt,
      })
      .from(charges)
      .leftJoin(invoices, eq(invoices.id, charges.invoiceId))
      .where(and(...where))
      .orderBy(asc(charges.id))
      .limit(page.limit),
  );
}
