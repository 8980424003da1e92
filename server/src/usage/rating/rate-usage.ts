// Rating, pure: identify (which subscription owns the service identifier at that time) →
// bucket (which billing period) → rate (which rule, after the allowances), for records in time
// order. Nothing here reads a database or a clock: the caller passes who owns what, which
// periods are still open, and what the allowances have used so far, and gets back the rated
// records, the new allowance state and the records that failed with their reason.

import { daysBetween, periodContaining, periodDays, type BillingCycle, type BillingPeriod, type IsoDate } from '../../billing/periods.js';
import type { UsageRecord } from '../usage-record.js';
import { formatMinuteOfDay, localClockFor, type LocalClock, type LocalTime } from './local-clock.js';
import { billableQuantityMilli, priceQuantity } from './price-usage.js';
import type { Allowance, RateRule, RatingPlan } from './rating-plan.js';
import { usageProblems, type UsageProblem } from './usage-reasons.js';
import { getOrInsert } from '../../../../shared/get-or-insert.js';

export type RatingAccount = {
  readonly id: number;
  readonly currency: string;
  readonly cycle: BillingCycle;
  readonly openedOn: IsoDate;
  /**
   * First day whose usage is still open: usage dated earlier was in a period an approved invoice
   * already billed (usage is billed in arrears). null = nothing billed yet.
   */
  readonly usageOpenFrom: IsoDate | null;
};

export type RatingService = {
  readonly subscriptionId: number;
  /** The bundle's subscription for a bundle part, else the subscription itself (allowance pools). */
  readonly rootSubscriptionId: number;
  readonly serviceIdentifier: string;
  readonly startDate: IsoDate;
  /** First day no longer served; null = open-ended. */
  readonly endDate: IsoDate | null;
  /**
   * The dates of `rootSubscriptionId`, which its `scope: 'bundle'` allowance pools are pro-rated
   * by (a line added to a bundle later shares the pool the bundle had from its start). Omitted =
   * the service's own dates, right for a service that is its own root.
   */
  readonly rootStartDate?: IsoDate;
  readonly rootEndDate?: IsoDate | null;
  readonly planName: string;
  readonly ratingPlan: RatingPlan | null;
  readonly account: RatingAccount;
};

/** Services by identifier, built once per run with `serviceDirectory`. */
export type ServiceDirectory = ReadonlyMap<string, readonly RatingService[]>;

export function serviceDirectory(services: readonly RatingService[]): ServiceDirectory {
  const directory = new Map<string, RatingService[]>();
  for (const service of services) {
    const list = directory.get(service.serviceIdentifier);
    if (list) list.push(service);
    else directory.set(service.serviceIdentifier, [service]);
  }
  return directory;
}

/** The late-usage rule (docs/usage-rating.md): late usage rolls into the open period, or is quarantined. */
export type LateUsagePolicy = { readonly mode: 'next_open_period' | 'quarantine'; readonly maxLatePeriods: number };
export const DEFAULT_LATE_USAGE: LateUsagePolicy = { mode: 'next_open_period', maxLatePeriods: 1 };

export type RatingSetup = {
  readonly directory: ServiceDirectory;
  /** The zone whose calendar dates decide subscriptions' days and billing periods. */
  readonly billingTimeZone: string;
  readonly lateUsage: LateUsagePolicy;
};

/** What allowances and tiers have used so far, per pool; never mutated, a new one is returned. */
export type AllowanceState = {
  /** `<pool subscription>|<allowance code>|<period start>` → used quantity (thousandths). */
  readonly allowanceUsedMilli: ReadonlyMap<string, number>;
  /** `<subscription>|<rule code>|<period start>` → chargeable quantity so far (for tiers). */
  readonly tierUsedMilli: ReadonlyMap<string, number>;
};

export const EMPTY_ALLOWANCE_STATE: AllowanceState = { allowanceUsedMilli: new Map(), tierUsedMilli: new Map() };

/** What rating reads of a record (cost and carrier id are for reports, not prices). */
export type RatableUsage = Pick<UsageRecord, 'serviceIdentifier' | 'startTime' | 'quantityMilli' | 'unit' | 'usageClass'>;

export type RatingInput<Id> = { readonly id: Id; readonly record: RatableUsage };

export type RatedUsage<Id> = {
  readonly id: Id;
  readonly subscriptionId: number;
  readonly accountId: number;
  /** The period that bills it (the open one for late usage). */
  readonly period: BillingPeriod;
  /** The day the charge is dated: the usage's day, or the first open day for late usage. */
  readonly chargeDate: IsoDate;
  /** Start of the closed period the usage belonged to when it arrived late; null otherwise. */
  readonly lateFromPeriodStart: IsoDate | null;
  readonly ruleCode: string;
  readonly ruleDescription: string;
  readonly allowanceCode: string | null;
  readonly quantityMilli: number;
  /** After rounding up to the rule's increment. */
  readonly billableQuantityMilli: number;
  /** Absorbed by the allowance. */
  readonly includedQuantityMilli: number;
  readonly chargedQuantityMilli: number;
  /** What is left of the allowance after this record (null without one). */
  readonly allowanceRemainingMilli: number | null;
  readonly amountCents: number;
  readonly currency: string;
  readonly glCode: string | null;
  readonly taxCode: string | null;
};

export type UnratedUsage<Id> = {
  readonly id: Id;
  readonly problem: UsageProblem;
  readonly subscriptionId: number | null;
  readonly accountId: number | null;
};

export type RatingResult<Id> = {
  readonly rated: RatedUsage<Id>[];
  readonly unrated: UnratedUsage<Id>[];
  readonly allowanceState: AllowanceState;
};

/**
 * Rates records in time order (they are sorted by start time, stably, if they are not), so
 * allowances are consumed by the earliest usage first. Records of one batch that compete for a
 * pool consume it in time order; a later batch consumes what earlier batches left. `located`
 * (from `locateUsage`, one per record in the order given) saves locating them again when the
 * caller already did to find the state to load.
 */
export function rateUsage<Id>(
  records: readonly RatingInput<Id>[],
  setup: RatingSetup,
  allowanceState: AllowanceState,
  located: readonly LocatedUsage[] = locateUsage(
    records.map((r) => r.record),
    setup,
  ),
): RatingResult<Id> {
  const order = records.map((_, i) => i);
  if (!isSortedByTime(records))
    order.sort((a, b) =>
      records[a].record.startTime < records[b].record.startTime
        ? -1
        : records[a].record.startTime > records[b].record.startTime
          ? 1
          : a - b,
    );
  const allowanceUsed = new Map(allowanceState.allowanceUsedMilli);
  const tierUsed = new Map(allowanceState.tierUsedMilli);

  const rated: RatedUsage<Id>[] = [];
  const unrated: UnratedUsage<Id>[] = [];
  for (const index of order) {
    const { id, record } = records[index];
    const place = located[index];
    if ('problem' in place) {
      unrated.push({ id, ...place });
      continue;
    }
    const { service, period, rule, plan, allowancePool, poolIncludedMilli, tierKey } = place;
    const billable = billableQuantityMilli(record.quantityMilli, rule.incrementQuantityMilli);
    let included = 0;
    let allowanceRemaining: number | null = null;
    if (allowancePool !== null && poolIncludedMilli !== null) {
      const used = allowanceUsed.get(allowancePool) ?? 0;
      included = Math.max(0, Math.min(billable, poolIncludedMilli - used));
      allowanceUsed.set(allowancePool, used + included);
      allowanceRemaining = Math.max(0, poolIncludedMilli - used - included);
    }
    const charged = billable - included;
    // Only graduated prices read what the period used before (tierKey is null otherwise).
    const tierSoFar = tierKey === null ? 0 : (tierUsed.get(tierKey) ?? 0);
    const { amountCents } = priceQuantity(rule, charged, tierSoFar);
    if (tierKey !== null && charged > 0) tierUsed.set(tierKey, tierSoFar + charged);

    rated.push({
      id,
      subscriptionId: service.subscriptionId,
      accountId: service.account.id,
      period,
      chargeDate: place.chargeDate,
      lateFromPeriodStart: place.lateFromPeriodStart,
      ruleCode: rule.code,
      ruleDescription: rule.description,
      allowanceCode: rule.allowanceCode,
      quantityMilli: record.quantityMilli,
      billableQuantityMilli: billable,
      includedQuantityMilli: included,
      chargedQuantityMilli: charged,
      allowanceRemainingMilli: allowanceRemaining,
      amountCents,
      currency: plan.currency,
      glCode: rule.glCode,
      taxCode: rule.taxCode,
    });
  }
  return { rated, unrated, allowanceState: { allowanceUsedMilli: allowanceUsed, tierUsedMilli: tierUsed } };
}

/** Identify, bucket and find the rule of each record (in the order given), without rating it. */
export function locateUsage(records: readonly RatableUsage[], setup: RatingSetup): LocatedUsage[] {
  const locator = locatorFor(setup);
  return records.map((record) => locator.locate(record));
}

// One locator per setup (a rating run's): its caches (periods, pool keys, pro-rated pools) are
// functions of the setup alone, so they serve every page of the run instead of being rebuilt
// for each (5,000 pools pro-rated again per page cost a quarter of the rating time).
const locators = new WeakMap<RatingSetup, UsageLocator>();

function locatorFor(setup: RatingSetup): UsageLocator {
  const locator = getOrInsert(locators, setup, () => new UsageLocator(setup));
  return locator;
}

/**
 * The allowance pools and tier counters rating these located records would touch: what a
 * caller keeping the state in a database loads before calling `rateUsage`.
 */
export function stateKeysFor(located: readonly LocatedUsage[]): { allowancePools: Set<string>; tierKeys: Set<string> } {
  const allowancePools = new Set<string>();
  const tierKeys = new Set<string>();
  for (const place of located) {
    if ('problem' in place) continue;
    if (place.allowancePool !== null) allowancePools.add(place.allowancePool);
    if (place.tierKey !== null) tierKeys.add(place.tierKey);
  }
  return { allowancePools, tierKeys };
}

/** Where a record belongs (service, period, rule, pools), or why it cannot be rated. */
export type LocatedUsage =
  | { problem: UsageProblem; subscriptionId: number | null; accountId: number | null }
  | {
      service: RatingService;
      period: BillingPeriod;
      chargeDate: IsoDate;
      lateFromPeriodStart: IsoDate | null;
      plan: RatingPlan;
      rule: RateRule;
      allowance: Allowance | null;
      /** `<pool subscription>|<allowance code>|<period start>`; null without an allowance. */
      allowancePool: string | null;
      /** What the allowance includes in that pool and period, pro-rated (`proRatedAllowanceMilli`); null without an allowance. */
      poolIncludedMilli: number | null;
      /** `<subscription>|<rule code>|<period start>` for a graduated (tiered) rule; null for a flat one, whose price does not depend on what came before. */
      tierKey: string | null;
    };

/**
 * Identify → bucket → find the rule, for one record (caches periods, local times and pool
 * keys per locator). Allocates little per record: a million records go through it per run.
 */
const RECENT_PERIODS = 4;

class UsageLocator {
  private readonly billingClock: LocalClock;
  /**
   * Account id → its most recently used periods (usage comes in time order, late usage asks
   * for the open period too): a few periods an account instead of one entry per day.
   */
  private readonly periods = new Map<number, BillingPeriod[]>();
  /** Pool subscription → period start → allowance or rule code → key. */
  private readonly keys = new Map<number, Map<string, Map<string, string>>>();
  /** Pool subscription → period start → allowance → its pool, so the pro-rating runs once per pool and period. */
  private readonly pools = new Map<number, Map<string, Map<Allowance, AllowancePool>>>();

  constructor(private readonly setup: RatingSetup) {
    this.billingClock = localClockFor(setup.billingTimeZone);
  }

  locate(record: RatableUsage): LocatedUsage {
    const epochMs = Date.parse(record.startTime);
    if (!Number.isFinite(epochMs) || !Number.isSafeInteger(record.quantityMilli) || record.quantityMilli < 0) {
      return { problem: usageProblems.invalidRecord(['the start time or quantity is not valid']), subscriptionId: null, accountId: null };
    }
    const date = this.billingClock.dateAt(epochMs);

    // Identify
    const service = serviceOn(this.setup.directory.get(record.serviceIdentifier), date);
    if (service === undefined) {
      return {
        problem: usageProblems.missingSubscription(record.serviceIdentifier, record.startTime),
        subscriptionId: null,
        accountId: null,
      };
    }
    const { account } = service;
    const where = { subscriptionId: service.subscriptionId, accountId: account.id };

    // Bucket
    if (date < account.openedOn) return { problem: usageProblems.beforeAccountOpened(date, account.openedOn), ...where };
    let period = this.periodOf(account, date);
    let chargeDate = date;
    let lateFromPeriodStart: IsoDate | null = null;
    if (account.usageOpenFrom !== null && date < account.usageOpenFrom) {
      const openPeriod = this.periodOf(account, account.usageOpenFrom);
      const periodsLate = latePeriods(period, openPeriod, account.cycle.periodMonths);
      if (this.setup.lateUsage.mode === 'quarantine' || periodsLate > this.setup.lateUsage.maxLatePeriods) {
        return { problem: usageProblems.closedPeriod(date, account.usageOpenFrom), ...where };
      }
      lateFromPeriodStart = period.start;
      period = openPeriod;
      chargeDate = account.usageOpenFrom;
    }

    // Rate
    const plan = service.ratingPlan;
    if (plan === null) return { problem: usageProblems.missingRateCard(service.planName), ...where };
    if (plan.currency !== account.currency) return { problem: usageProblems.currencyMismatch(plan.currency, account.currency), ...where };
    const clock = plan.timeZone === this.setup.billingTimeZone ? this.billingClock : localClockFor(plan.timeZone);
    // The local time is only read by time-of-day windows (and to explain a missing rate).
    const local = hasTimeWindows(plan) ? clock.at(epochMs) : null;
    const rule = firstMatchingRule(plan, record, local);
    if (rule === undefined) {
      const at = local ?? clock.at(epochMs);
      return {
        problem: usageProblems.missingRate(
          record.unit,
          record.usageClass,
          `${at.date} ${formatMinuteOfDay(at.minuteOfDay)} ${plan.timeZone}`,
        ),
        ...where,
      };
    }
    const allowance = rule.allowanceCode === null ? null : (plan.allowances.find((a) => a.code === rule.allowanceCode) ?? null);
    const pool = allowance === null ? null : this.poolOf(service, allowance, period);
    const tierKey = rule.tiers === null ? null : this.keyOf(service.subscriptionId, rule.code, period.start);
    return {
      service,
      period,
      chargeDate,
      lateFromPeriodStart,
      plan,
      rule,
      allowance,
      allowancePool: pool?.key ?? null,
      poolIncludedMilli: pool?.includedMilli ?? null,
      tierKey,
    };
  }

  /**
   * The pool the service's usage of `allowance` in `period` draws on, with its pro-rated
   * quantity, built once per locator and shared by the records of that pool and period. Every
   * part of a bundle carries the root's dates (load-rating-setup.ts), so whichever part comes
   * first pro-rates a bundle pool the same way.
   */
  private poolOf(service: RatingService, allowance: Allowance, period: BillingPeriod): AllowancePool {
    const bundlePool = allowance.scope === 'bundle';
    const poolSubscriptionId = bundlePool ? service.rootSubscriptionId : service.subscriptionId;
    const byPeriod = getOrInsert(this.pools, poolSubscriptionId, () => new Map());
    const byAllowance = getOrInsert(byPeriod, period.start, () => new Map());
    let pool = byAllowance.get(allowance);
    if (pool === undefined) {
      const servedFrom = bundlePool ? (service.rootStartDate ?? service.startDate) : service.startDate;
      const servedUntil = bundlePool && service.rootEndDate !== undefined ? service.rootEndDate : service.endDate;
      pool = {
        key: this.keyOf(poolSubscriptionId, allowance.code, period.start),
        includedMilli: proRatedAllowanceMilli(allowance, period, servedFrom, servedUntil),
      };
      byAllowance.set(allowance, pool);
    }
    return pool;
  }

  private periodOf(account: RatingAccount, date: IsoDate): BillingPeriod {
    // The periods of a cycle partition the calendar: the one holding the date is the period.
    const recent = getOrInsert(this.periods, account.id, () => []);
    for (const period of recent) if (period.start <= date && date < period.end) return period;
    const period = periodContaining(date, account.cycle);
    recent.unshift(period);
    if (recent.length > RECENT_PERIODS) recent.pop();
    return period;
  }

  /** `<subscription>|<code>|<period start>`, built once per locator. */
  private keyOf(subscriptionId: number, code: string, periodStart: string): string {
    const byPeriod = getOrInsert(this.keys, subscriptionId, () => new Map());
    const byCode = getOrInsert(byPeriod, periodStart, () => new Map());
    const key = getOrInsert(byCode, code, () => `${subscriptionId}|${code}|${periodStart}`);
    return key;
  }
}

type AllowancePool = { readonly key: string; readonly includedMilli: number };

/**
 * What `allowance` includes in `period` for a pool served from `servedFrom` until `servedUntil`
 * (exclusive; null = still served). With `proRate: 'daily'` a period the pool covers only
 * partly gets the covered days' share, rounded down so the customer never gets more than the
 * plan says, and to whole bytes (a multiple of 1000 thousandths) for a bytes allowance. A full
 * period, or `proRate: 'none'`, gets the whole quantity, exactly as the plan says.
 */
export function proRatedAllowanceMilli(
  allowance: Allowance,
  period: BillingPeriod,
  servedFrom: IsoDate,
  servedUntil: IsoDate | null,
): number {
  const full = allowance.includedQuantityMilli;
  if (allowance.proRate === 'none') return full;
  const days = periodDays(period);
  const covered = coveredDays(period, servedFrom, servedUntil);
  if (covered >= days) return full;
  // In BigInt: the quantity may be up to 2^53, and times the days it would lose digits.
  const share = Number((BigInt(full) * BigInt(covered)) / BigInt(days));
  return allowance.unit === 'bytes' ? share - (share % 1000) : share;
}

/** Days of `period` on which a service served from `servedFrom` until `servedUntil` (exclusive; null = still served) is active. */
function coveredDays(period: BillingPeriod, servedFrom: IsoDate, servedUntil: IsoDate | null): number {
  const from = servedFrom > period.start ? servedFrom : period.start;
  const until = servedUntil !== null && servedUntil < period.end ? servedUntil : period.end;
  return Math.max(0, daysBetween(from, until));
}

/** Who had the identifier on that day (a number can move between subscriptions). */
function serviceOn(candidates: readonly RatingService[] | undefined, date: IsoDate): RatingService | undefined {
  if (candidates === undefined) return undefined;
  for (const s of candidates) if (s.startDate <= date && (s.endDate === null || date < s.endDate)) return s;
  return undefined;
}

const timeWindowsOfPlan = new WeakMap<RatingPlan, boolean>();

function hasTimeWindows(plan: RatingPlan): boolean {
  const has = getOrInsert(timeWindowsOfPlan, plan, () => plan.rules.some((rule) => rule.timeOfDay !== null));
  return has;
}

function firstMatchingRule(plan: RatingPlan, record: RatableUsage, local: LocalTime | null): RateRule | undefined {
  for (const rule of plan.rules) if (ruleMatches(rule, record, local)) return rule;
  return undefined;
}

function isSortedByTime<Id>(records: readonly RatingInput<Id>[]): boolean {
  for (let i = 1; i < records.length; i++) if (records[i - 1].record.startTime > records[i].record.startTime) return false;
  return true;
}

/** How many regular periods `from` is before `to` (both regular periods of one cycle). */
function latePeriods(from: BillingPeriod, to: BillingPeriod, periodMonths: number): number {
  const months = (y: string) => Number(y.slice(0, 4)) * 12 + Number(y.slice(5, 7));
  return Math.round((months(to.start) - months(from.start)) / periodMonths);
}

/** Whether the rule prices the record; `local` may be null only when the rule has no time-of-day window. */
export function ruleMatches(rule: RateRule, record: RatableUsage, local: LocalTime | null): boolean {
  if (rule.unit !== record.unit) return false;
  if (rule.classes !== null && (record.usageClass === null || !rule.classes.includes(record.usageClass))) return false;
  const window = rule.timeOfDay;
  if (window === null) return true;
  if (local === null) throw new Error('ruleMatches: a time-of-day window needs the local time');
  if (window.days !== null && !window.days.includes(local.weekday)) return false;
  const from = clockMinutes(window.from);
  const to = clockMinutes(window.to);
  const minute = local.minuteOfDay;
  return from <= to ? minute >= from && minute < to : minute >= from || minute < to;
}

function clockMinutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}
