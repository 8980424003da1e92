import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { accounts, contacts } from '../db/schema/accounts.js';
import { charges } from '../db/schema/charges.js';
import { invoiceLines, invoices } from '../db/schema/invoices.js';
import { subscriptions } from '../db/schema/subscriptions.js';
import { planInclusions, plans } from '../db/schema/catalog.js';
import { periodContaining } from '../billing/periods.js';
import { inclusionKey } from '../billing/apply-inclusions.js';
import type { CompanyBilling } from '../../../shared/schemas/company-billing.js';

/** The account that mirrors a ConnectWise company, by the sync's natural key. */
export const companyExternalKey = (companyId: number) => `connectwise:company:${companyId}`;

/**
 * Everything a company pod shows: the linked account, what is waiting to be
 * billed by kind, subscriptions with their inclusions used this period, the
 * last invoices and the contacts with their lock state.
 */
export async function describeCompanyBilling(db: DbOrTx, companyId: number, today: string): Promise<CompanyBilling> {
  const externalKey = companyExternalKey(companyId);
  const [account] = await db.select().from(accounts).where(eq(accounts.externalKey, externalKey)).limit(1);
  if (!account)
    return {
      company: { id: companyId, externalKey },
      account: null,
      unbilled: [],
      unbilledTotalCents: 0,
      subscriptions: [],
      invoices: [],
      contacts: [],
    };

  const period = periodContaining(today, { billingDay: account.billingDay, periodMonths: account.periodMonths, anchor: account.anchor });
  const unbilled = await db
    .select({ kind: charges.kind, count: sql<number>`count(*)`, amountCents: sql<number>`coalesce(sum(${charges.amountCents}), 0)` })
    .from(charges)
    .where(and(eq(charges.accountId, account.id), isNull(charges.invoiceId)))
    .groupBy(charges.kind);

  const subs = await db
    .select({ sub: subscriptions, planName: plans.name, planKind: plans.kind })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.accountId, account.id))
    .orderBy(subscriptions.id);
  const planIds = [...new Set(subs.map((s) => s.sub.planId))];
  const inclusions = planIds.length ? await db.select().from(planInclusions).where(inArray(planInclusions.planId, planIds)) : [];
  const used = await db
    .select({ key: invoiceLines.inclusionKey, usedMilli: sql<number>`coalesce(sum(${invoiceLines.includedQuantityMilli}), 0)` })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(and(eq(invoices.accountId, account.id), eq(invoiceLines.inclusionPeriodStart, period.start)))
    .groupBy(invoiceLines.inclusionKey);
  const usedByKey = new Map(used.map((u) => [u.key, Number(u.usedMilli)]));

  const lastInvoices = await db
    .select()
    .from(invoices)
    .where(eq(invoices.accountId, account.id))
    .orderBy(desc(invoices.issuedOn), desc(invoices.id))
    .limit(6);
  const people = await db.select().from(contacts).where(eq(contacts.accountId, account.id)).orderBy(contacts.lastName, contacts.firstName);

  const unbilledRows = unbilled.map((u) => ({ kind: u.kind, count: Number(u.count), amountCents: Number(u.amountCents) }));
  return {
    company: { id: companyId, externalKey },
    account: {
      id: account.id,
      name: account.name,
      status: account.status,
      currency: account.currency,
      billingDay: account.billingDay,
      periodMonths: account.periodMonths,
      accountType: account.accountType,
      currentPeriod: period,
    },
    unbilled: unbilledRows,
    unbilledTotalCents: unbilledRows.reduce((sum, u) => sum + u.amountCents, 0),
    subscriptions: subs.map(({ sub, planName, planKind }) => ({
      id: sub.id,
      planName,
      planKind,
      serviceIdentifier: sub.serviceIdentifier,
      startDate: sub.startDate,
      endDate: sub.endDate,
      status: sub.status,
      inclusions: inclusions
        .filter((i) => i.planId === sub.planId)
        .map((i) => ({
          description: i.description,
          appliesToKind: i.appliesToKind,
          includedMilli: i.quantityMilli,
          usedMilli: usedByKey.get(inclusionKey(i)) ?? 0,
        })),
    })),
    invoices: lastInvoices.map((i) => ({
      id: i.id,
      number: i.number,
      kind: i.kind,
      status: i.status,
      issuedOn: i.issuedOn,
      totalCents: i.totalCents,
      currency: i.currency,
      documentPath: `/api/v1/invoices/${i.id}/document`,
    })),
    contacts: people.map((p) => ({
      id: p.id,
      name: `${p.firstName} ${p.lastName}`.trim(),
      email: p.email,
      phone: p.phone,
      locked: p.locked,
    })),
  };
}
