// What a subscription change would do to the fees, before it is saved: the invoice run's own
// fee code (recurring-fees.ts `feeLinesForPeriod`, which pro-rates through proration.ts) run
// on the subscription tree as it is and as it would be, for the account period the change
// falls in. Nothing is written. The checks are those of subscribe / change terms / cancel, so
// a preview that answers is a change that saves, and the cents shown are the cents billed.

import { and, asc, eq, inArray, isNotNull, or, sum } from 'drizzle-orm';
import { z } from 'zod';
import type { PreviewFeeLine, SubscriptionPreview } from '../../../shared/schemas/billing-desk.js';
import { sumCents } from '../../../shared/money.js';
import type { DbOrTx } from '../db/client.js';
import { invoiceLines, invoices, subscriptions, subscriptionTerms } from '../db/schema/index.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors/domain-errors.js';
import type { AccountRow } from './account-fields.js';
import { type AccountPeriod, accountPeriodContaining } from './account-periods.js';
import { CancelSubscriptionInput } from './cancel-subscription.js';
import { ChangeSubscriptionTermsInput, TermsChangeBody } from './change-subscription-terms.js';
import { getAccount } from './get-account.js';
import { getPlan, type PlanWithParts } from './get-plan.js';
import { IdSchema, parseInput } from './input-schemas.js';
import { daysBetween, periodDays } from './periods.js';
import { type BillableSubscription, type FeeLine, feeLinesForPeriod, type SubscriptionTree } from './recurring-fees.js';
import { SubscribeInput } from './subscribe.js';

/** The REST body: the body of the subscribe, terms or cancel route, with what it is. */
export const SubscriptionChangeBody = z.discriminatedUnion('change', [
  z.object({ change: z.literal('subscribe'), ...SubscribeInput.omit({ accountId: true }).shape }),
  z.object({ change: z.literal('terms'), subscriptionId: IdSchema, ...TermsChangeBody.shape }),
  z.object({ change: z.literal('cancel'), subscriptionId: IdSchema, endDate: CancelSubscriptionInput.shape.endDate }),
]);
export type SubscriptionChangeBody = z.input<typeof SubscriptionChangeBody>;

type Subject = { tree: SubscriptionTree; planOf: Map<number, number>; isNew: boolean };

export async function previewSubscriptionChange(
  db: DbOrTx,
  input: { accountId: number; change: SubscriptionChangeBody },
): Promise<SubscriptionPreview> {
  const change = parseInput(SubscriptionChangeBody, input.change);
  const account = await getAccount(db, input.accountId);
  let before: Subject | null;
  let after: Subject;
  let date: string;
  let setupFeeCents = 0;
  if (change.change === 'subscribe') {
    const parsed = parseInput(SubscribeInput, { ...change, accountId: account.id });
    const plan = await getPlan(db, parsed.planId);
    if (account.status !== 'active') throw new ConflictError(`Account ${account.id} is ${account.status}.`);
    if (plan.currency !== account.currency)
      throw new ValidationError(`Plan ${plan.code} is in ${plan.currency}; the account bills in ${account.currency}.`);
    const unknownOptional = parsed.optionalPartPlanIds.filter(
      (id) => !plan.parts.some((part) => part.servicePlanId === id && !part.mandatory),
    );
    if (unknownOptional.length > 0) throw new ValidationError('Not optional parts of this plan.', { planIds: unknownOptional });
    before = null;
    after = await newTree(db, plan, parsed);
    date = parsed.startDate;
    setupFeeCents = plan.setupFeeCents;
  } else {
    const subscription = await subscriptionOf(db, account, change.subscriptionId);
    before = await existingTree(db, subscription.rootSubscriptionId ?? subscription.id);
    if (change.change === 'terms') {
      const parsed = parseInput(ChangeSubscriptionTermsInput, change);
      if (subscription.status !== 'active') throw new ConflictError(`Subscription ${subscription.id} is ${subscription.status}.`);
      if (parsed.effectiveFrom < subscription.startDate)
        throw new ValidationError(`The change is before the subscription starts (${subscription.startDate}).`);
      after = withTerms(before, subscription.id, parsed);
      date = parsed.effectiveFrom;
    } else {
      const parsed = parseInput(CancelSubscriptionInput, change);
      if (parsed.endDate < subscription.startDate)
        throw new ValidationError(`The end is before the subscription starts (${subscription.startDate}).`);
      if (subscription.status !== 'active') throw new ConflictError(`Subscription ${subscription.id} is already cancelled.`);
      after = cancelled(before, subscription.id, parsed.endDate);
      date = parsed.endDate;
    }
  }

  const period = accountPeriodContaining(account, date);
  const beforeLines = before ? previewLines(before, period) : [];
  const afterLines = previewLines(after, period);
  const next = accountPeriodContaining(account, period.end);
  const nextCents = sumCents(feeLinesForPeriod(after.tree, next).map((line) => line.amountCents));
  const beforeCents = sumCents(beforeLines.map((line) => line.amountCents));
  const afterCents = sumCents(afterLines.map((line) => line.amountCents));
  return {
    accountId: account.id,
    currency: account.currency,
    change: change.change,
    period: {
      start: period.start,
      end: period.end,
      regularStart: period.regular.start,
      regularEnd: period.regular.end,
      regularDays: periodDays(period.regular),
    },
    before: beforeLines,
    after: afterLines,
    beforeCents,
    afterCents,
    differenceCents: afterCents - beforeCents,
    alreadyInvoicedCents: before ? await invoicedCents(db, before.tree, period.start) : 0,
    setupFeeCents,
    nextPeriod: hasService(after.tree, next) ? { start: next.start, end: next.end, amountCents: nextCents } : null,
  };

  function previewLines(subject: Subject, of: AccountPeriod): PreviewFeeLine[] {
    return feeLinesForPeriod(subject.tree, of).map((line) => toPreviewLine(line, of, subject));
  }
}

function toPreviewLine(line: FeeLine, period: AccountPeriod, subject: Subject): PreviewFeeLine {
  const servedDays = daysBetween(line.servicePeriodStart, line.servicePeriodEnd);
  const regularDays = periodDays(period.regular);
  return {
    lineKind: line.lineKind,
    subscriptionId: subject.isNew ? null : line.subscriptionId,
    planId: subject.planOf.get(line.subscriptionId) ?? null,
    description: line.description,
    from: line.servicePeriodStart,
    to: line.servicePeriodEnd,
    servedDays,
    periodDays: regularDays,
    prorated: line.lineKind === 'recurring' && servedDays < regularDays,
    quantityMilli: line.quantityMilli,
    unitPriceCents: line.unitPriceCents,
    amountCents: line.amountCents,
  };
}

async function subscriptionOf(db: DbOrTx, account: AccountRow, subscriptionId: number) {
  const [subscription] = await db.select().from(subscriptions).where(eq(subscriptions.id, subscriptionId)).limit(1);
  if (!subscription || subscription.accountId !== account.id)
    throw new NotFoundError(`Account ${account.id} has no subscription ${subscriptionId}.`);
  return subscription;
}

function billable(
  row: { id: number; rootSubscriptionId: number | null; startDate: string; endDate: string | null; serviceIdentifier: string | null },
  plan: PlanWithParts,
  terms: BillableSubscription['terms'],
): BillableSubscription {
  return {
    id: row.id,
    rootSubscriptionId: row.rootSubscriptionId ?? row.id,
    startDate: row.startDate,
    endDate: row.endDate,
    serviceIdentifier: row.serviceIdentifier,
    terms,
    plan,
  };
}

/** The tree as stored: the root and every part, with their terms. */
async function existingTree(db: DbOrTx, rootId: number): Promise<Subject> {
  const rows = await db
    .select()
    .from(subscriptions)
    .where(or(eq(subscriptions.id, rootId), eq(subscriptions.rootSubscriptionId, rootId)))
    .orderBy(asc(subscriptions.id));
  const terms = await db
    .select()
    .from(subscriptionTerms)
    .where(
      inArray(
        subscriptionTerms.subscriptionId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(subscriptionTerms.effectiveFrom));
  const plans = new Map<number, PlanWithParts>();
  for (const planId of new Set(rows.map((row) => row.planId))) plans.set(planId, await getPlan(db, planId));
  const subs = rows.map((row) =>
    billable(
      row,
      plans.get(row.planId)!,
      terms
        .filter((t) => t.subscriptionId === row.id)
        .map(({ effectiveFrom, quantityMilli, unitPriceOverrideCents }) => ({ effectiveFrom, quantityMilli, unitPriceOverrideCents })),
    ),
  );
  const root = subs.find((s) => s.id === rootId)!;
  return {
    tree: { root, parts: subs.filter((s) => s.id !== rootId) },
    planOf: new Map(rows.map((row) => [row.id, row.planId])),
    isNew: false,
  };
}

/** The tree subscribe would create (ids are stand-ins: nothing is stored). */
async function newTree(db: DbOrTx, plan: PlanWithParts, parsed: z.output<typeof SubscribeInput>): Promise<Subject> {
  const planOf = new Map<number, number>([[-1, plan.id]]);
  const root = billable(
    { id: -1, rootSubscriptionId: -1, startDate: parsed.startDate, endDate: null, serviceIdentifier: parsed.serviceIdentifier },
    plan,
    [{ effectiveFrom: parsed.startDate, quantityMilli: parsed.quantityMilli, unitPriceOverrideCents: parsed.unitPriceOverrideCents }],
  );
  const parts: BillableSubscription[] = [];
  for (const part of plan.parts.filter((p) => p.mandatory || parsed.optionalPartPlanIds.includes(p.servicePlanId))) {
    const id = -2 - parts.length;
    planOf.set(id, part.servicePlanId);
    const identifier = parsed.partIdentifiers.find((entry) => entry.planId === part.servicePlanId)?.serviceIdentifier ?? null;
    parts.push(
      billable(
        { id, rootSubscriptionId: -1, startDate: parsed.startDate, endDate: null, serviceIdentifier: identifier },
        await getPlan(db, part.servicePlanId),
        // As subscribe does: a part's price inside the bundle is the package plan's.
        [{ effectiveFrom: parsed.startDate, quantityMilli: part.quantityMilli, unitPriceOverrideCents: part.bundlePriceCents }],
      ),
    );
  }
  return { tree: { root, parts }, planOf, isNew: true };
}

/** As change-subscription-terms.ts stores it: a segment from the day, the rest kept from the terms then in force. */
function withTerms(subject: Subject, subscriptionId: number, change: z.output<typeof ChangeSubscriptionTermsInput>): Subject {
  const edit = (s: BillableSubscription): BillableSubscription => {
    if (s.id !== subscriptionId) return s;
    const current = s.terms.filter((t) => t.effectiveFrom <= change.effectiveFrom).at(-1)!;
    const segment = {
      effectiveFrom: change.effectiveFrom,
      quantityMilli: change.quantityMilli ?? current.quantityMilli,
      unitPriceOverrideCents: change.unitPriceOverrideCents !== undefined ? change.unitPriceOverrideCents : current.unitPriceOverrideCents,
    };
    const terms = [...s.terms.filter((t) => t.effectiveFrom !== change.effectiveFrom), segment].sort((a, b) =>
      a.effectiveFrom < b.effectiveFrom ? -1 : 1,
    );
    return { ...s, terms };
  };
  return { ...subject, tree: { root: edit(subject.tree.root), parts: subject.tree.parts.map(edit) } };
}

/** As cancel-subscription.ts stores it: the subscription and, for a bundle, its parts still active end on the day. */
function cancelled(subject: Subject, subscriptionId: number, endDate: string): Subject {
  const isBundle = subject.tree.root.id === subscriptionId;
  const end = (s: BillableSubscription): BillableSubscription =>
    (s.id === subscriptionId || isBundle) && s.endDate === null ? { ...s, endDate } : s;
  return { ...subject, tree: { root: end(subject.tree.root), parts: subject.tree.parts.map(end) } };
}

function hasService(tree: SubscriptionTree, period: AccountPeriod): boolean {
  return [tree.root, ...tree.parts].some((s) => s.startDate < period.end && (s.endDate === null || s.endDate > period.start));
}

async function invoicedCents(db: DbOrTx, tree: SubscriptionTree, feePeriodStart: string): Promise<number> {
  const ids = [tree.root.id, ...tree.parts.map((part) => part.id)];
  const [row] = await db
    .select({ cents: sum(invoiceLines.amountCents) })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(
      and(
        inArray(invoiceLines.subscriptionId, ids),
        isNotNull(invoiceLines.feePeriodStart),
        eq(invoiceLines.feePeriodStart, feePeriodStart),
        eq(invoices.kind, 'invoice'),
        eq(invoices.status, 'approved'),
      ),
    );
  return Number(row?.cents ?? 0);
}
