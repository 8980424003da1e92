import type { ChargeInput } from '../../billing/add-charges.js';
import { ConflictError } from '../../errors/domain-errors.js';
import type { QuarantineReason } from '../../quarantine/reasons.js';
import type { ApplyItem, ApplyOutcome, ResolvedProduct, SyncContext } from '../stream-def.js';

/** What a financial record (time, product sale, expense) needs from a product mapping. */
export interface ProductNeed {
  mappingKind: 'work_role_type' | 'catalog_item' | 'expense_type';
  cwKey: string;
  cwName: string;
  unmappedReason: QuarantineReason;
  /** Used when the product is created automatically (Emersion: "created automatically when missing"). */
  create: { externalKey: string; name: string; kind: 'labour' | 'one-off' | 'expense'; unitPriceCents: number; unit: string };
}

export type ChargePlan =
  | { kind: 'skip'; why: string }
  | { kind: 'quarantine'; reason: QuarantineReason; details: Record<string, unknown> }
  | {
      kind: 'charge';
      source: string;
      companyId: number | null;
      /** ConnectWise's tax code on the record, when it has one: mapped, it sets the charge's tax code. */
      taxCodeId?: number | null;
      product: ProductNeed;
      /** Builds the charge once the product (and its rate-card price) is known; null rate = missing_rate. */
      build(product: {
        id: number;
        unitPriceCents: number;
        name: string;
      }): { charge: Omit<ChargeInput, 'accountId' | 'source' | 'productId'>; explanation: string } | null;
    };

type ChargeInfo = { chargeId: number; invoiceId: number | null; invoiceStatus: string | null; invoiceNumber: string | null };
type Draft<Row> = { item: ApplyItem<Row>; charge: ChargeInput; explanation: string };

/**
 * The shared half of the financial streams: account and product resolution, one charge per
 * ConnectWise record (the billing core's unique `source`), and "financial data syncs once":
 * while its charge is pending (no invoice took it), the charge follows the record (replaced,
 * or removed when the record no longer bills); once invoiced, a change goes to quarantine
 * instead of re-billing.
 */
export async function applyChargePlans<Row>(
  items: ApplyItem<Row>[],
  plans: ChargePlan[],
  ctx: SyncContext,
  label: (row: Row) => string,
): Promise<ApplyOutcome[]> {
  const out = new Map<number, ApplyOutcome>();
  const companyIds = [...new Set(plans.flatMap((p) => (p.kind === 'charge' && p.companyId !== null ? [p.companyId] : [])))];
  const accounts = await ctx.accountForCompany(companyIds);
  // Records charged before (their charge source is known): is that charge still pending?
  const previouslyCharged = items.filter((i) => i.existing?.target?.startsWith('connectwise:')).map((i) => i.existing!.target!);
  const existingCharges = await ctx.billing.chargesBySource(previouslyCharged);

  const drafts: Draft<Row>[] = [];
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    const plan = plans[index];
    const externalId = item.externalId;
    const previous = item.existing?.target ? existingCharges.get(item.existing.target) : undefined;
    if (item.decision?.status === 'ignored') {
      out.set(externalId, { externalId, outcome: 'skipped', why: 'ignored in quarantine' });
      continue;
    }
    // The record cannot bill (now): a pending charge it had goes with it (see releaseCharge).
    // (A plain call, not a closure made per record: that cost more than the rest of the loop.)
    if (plan.kind !== 'charge') {
      await cannotBill(
        out,
        item,
        previous,
        ctx,
        label,
        plan.kind === 'skip'
          ? { externalId, outcome: 'skipped', why: plan.why }
          : { externalId, outcome: 'quarantined', reason: plan.reason, details: { record: label(item.row), ...plan.details } },
      );
      continue;
    }
    const decided = (item.decision?.decision ?? {}) as { accountId?: number; productId?: number };
    const accountId = decided.accountId ?? (plan.companyId === null ? undefined : accounts.get(plan.companyId));
    if (!accountId) {
      await cannotBill(out, item, previous, ctx, label, {
        externalId,
        outcome: 'quarantined',
        reason: 'unknown_company',
        details: { record: label(item.row), companyId: plan.companyId },
      });
      continue;
    }
    // Cached after the first record of each product: no await (and no promise) per record.
    const product = cachedProduct(plan.product, decided.productId, ctx) ?? (await resolveProduct(plan.product, decided.productId, ctx));
    if (!product) {
      await cannotBill(out, item, previous, ctx, label, {
        externalId,
        outcome: 'quarantined',
        reason: plan.product.unmappedReason,
        details: { record: label(item.row), cwKey: plan.product.cwKey, cwName: plan.product.cwName },
      });
      continue;
    }
    const built = plan.build(product);
    if (!built) {
      await cannotBill(out, item, previous, ctx, label, {
        externalId,
        outcome: 'quarantined',
        reason: 'missing_rate',
        details: { record: label(item.row), product: product.name },
      });
      continue;
    }
    // Tax codes (a mapping of Emersion's): a mapped ConnectWise tax code decides; unmapped, the product's applies.
    const taxCode = plan.taxCodeId == null ? undefined : ctx.mappings.get('tax_code', String(plan.taxCodeId))?.taxCode;
    drafts.push({
      item,
      charge: { ...built.charge, ...(taxCode ? { taxCode } : {}), source: plan.source, accountId, productId: product.id },
      explanation: built.explanation,
    });
  }

  for (let i = 0; i < drafts.length; i += 1000) {
    const chunk = drafts.slice(i, i + 1000);
    let result: Awaited<ReturnType<typeof ctx.billing.addCharges>>;
    try {
      result = await ctx.billing.addCharges(chunk.map((d) => d.charge));
    } catch (error) {
      // One bad charge must not hold back the page: retry one by one to find it.
      for (const d of chunk) out.set(d.item.externalId, await applySingle(d, ctx, label, chunk.length === 1 ? error : undefined));
      continue;
    }
    const present = new Map(result.alreadyPresent.map((p) => [p.source, p]));
    for (const d of chunk) {
      const replay = present.get(d.charge.source);
      out.set(
        d.item.externalId,
        replay
          ? await settle(d, replay, ctx, label)
          : { externalId: d.item.externalId, outcome: 'synced', target: d.charge.source, explanation: d.explanation, created: true },
      );
    }
  }
  return items.map((item) => out.get(item.externalId)!);
}

/** The record cannot bill (now): a pending charge it had goes with it (see releaseCharge). */
async function cannotBill<Row>(
  out: Map<number, ApplyOutcome>,
  item: ApplyItem<Row>,
  previous: ChargeInfo | undefined,
  ctx: SyncContext,
  label: (row: Row) => string,
  now: ApplyOutcome & { outcome: 'skipped' | 'quarantined' },
): Promise<void> {
  out.set(
    item.externalId,
    previous
      ? await releaseCharge(item.existing!.target!, previous, now, ctx, {
          now: now.outcome === 'skipped' ? now.why : now.reason,
          record: label(item.row),
        })
      : now,
  );
}

async function applySingle<Row>(d: Draft<Row>, ctx: SyncContext, label: (row: Row) => string, knownError?: unknown): Promise<ApplyOutcome> {
  try {
    if (knownError) throw knownError;
    const result = await ctx.billing.addCharges([d.charge]);
    return await settle(d, result.alreadyPresent[0], ctx, label);
  } catch (error) {
    return {
      externalId: d.item.externalId,
      outcome: 'quarantined',
      reason: 'billing_rejected',
      details: { record: label(d.item.row), message: (error as Error).message },
    };
  }
}

/**
 * After addCharges: a new charge, or the record's existing one. A pending charge is made to
 * follow the record (replacePendingCharge: conditional on no invoice, audited); an invoiced
 * one that differs goes to quarantine.
 */
async function settle<Row>(
  d: Draft<Row>,
  replay: { source: string; invoiceId: number | null; differs: boolean } | undefined,
  ctx: SyncContext,
  label: (row: Row) => string,
): Promise<ApplyOutcome> {
  const externalId = d.item.externalId;
  const synced = { externalId, outcome: 'synced' as const, target: d.charge.source, explanation: d.explanation };
  if (!replay) return { ...synced, created: true };
  if (replay.invoiceId === null) {
    const { source: _source, ...replacement } = d.charge;
    try {
      const replaced = await ctx.billing.replacePendingCharge(d.charge.source, replacement, 'changed in ConnectWise');
      return { ...synced, created: false, replaced: replaced.outcome === 'replaced' };
    } catch (error) {
      // An invoice took the charge meanwhile (409): from here on it is billed work.
      if (!(error instanceof ConflictError))
        return {
          externalId,
          outcome: 'quarantined',
          reason: 'billing_rejected',
          details: { record: label(d.item.row), message: (error as Error).message },
        };
    }
  } else if (!replay.differs) {
    return { ...synced, created: false };
  }
  const info = (await ctx.billing.chargesBySource([d.charge.source])).get(d.charge.source)!;
  return changedOutcome(externalId, info, { record: label(d.item.row), now: d.explanation });
}

/**
 * The record no longer bills (now skipped or quarantined) but was charged: a pending charge
 * follows it and is removed (audited); an invoiced one stays, and the change is quarantined.
 */
async function releaseCharge(
  source: string,
  previous: ChargeInfo,
  now: ApplyOutcome & { outcome: 'skipped' | 'quarantined' },
  ctx: SyncContext,
  details: Record<string, unknown>,
): Promise<ApplyOutcome> {
  if (previous.invoiceId === null) {
    try {
      await ctx.billing.replacePendingCharge(
        source,
        null,
        now.outcome === 'skipped' ? `no longer billed: ${now.why}` : `no longer billable: ${now.reason}`,
      );
      return { ...now, released: true };
    } catch (error) {
      if (!(error instanceof ConflictError))
        return {
          externalId: now.externalId,
          outcome: 'quarantined',
          reason: 'billing_rejected',
          details: { ...details, message: (error as Error).message },
        };
      previous = (await ctx.billing.chargesBySource([source])).get(source) ?? previous;
    }
  }
  return changedOutcome(now.externalId, previous, details);
}

function changedOutcome(externalId: number, charge: ChargeInfo, details: Record<string, unknown>): ApplyOutcome {
  const billed = charge.invoiceId !== null && charge.invoiceStatus === 'approved';
  return {
    externalId,
    outcome: 'quarantined',
    reason: billed ? 'changed_after_billing' : 'changed_after_charge',
    details: { ...details, chargeId: charge.chargeId, invoiceId: charge.invoiceId, invoiceNumber: charge.invoiceNumber },
  };
}

const productCacheKey = (need: ProductNeed, productId: number | undefined) =>
  productId ? `id:${productId}` : `${need.mappingKind}:${need.cwKey}`;

/** The product resolveProduct found before (this run), or undefined when it has not looked yet. */
function cachedProduct(need: ProductNeed, linkedProductId: number | undefined, ctx: SyncContext): ResolvedProduct | null | undefined {
  return ctx.cache.products.get(productCacheKey(need, linkedProductId ?? ctx.mappings.get(need.mappingKind, need.cwKey)?.productId));
}

/** An admin's link, else the mapping, else (when allowed) a product created for it, else null. Once per run for each. */
async function resolveProduct(need: ProductNeed, linkedProductId: number | undefined, ctx: SyncContext): Promise<ResolvedProduct | null> {
  const cache = ctx.cache.products;
  const productId = linkedProductId ?? ctx.mappings.get(need.mappingKind, need.cwKey)?.productId;
  const cacheKey = productCacheKey(need, productId);
  if (cache.has(cacheKey)) return cache.get(cacheKey)!;
  let resolved: ResolvedProduct | null = null;
  if (productId) {
    resolved = (await ctx.billing.productById(productId)) ?? null;
  } else if (ctx.options.autoCreateProducts) {
    const { product } = await ctx.billing.ensureProduct({
      externalKey: need.create.externalKey,
      name: need.create.name,
      kind: need.create.kind,
      unitPriceCents: need.create.unitPriceCents,
      unit: need.create.unit,
    });
    await ctx.saveMapping(need.mappingKind, need.cwKey, need.cwName, product.id);
    resolved = product;
  }
  cache.set(cacheKey, resolved);
  return resolved;
}
