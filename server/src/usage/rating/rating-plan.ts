// How a service's usage is priced: a rating plan (rate card + allowances) attached to a plan.
// Stored as JSON beside the billing core's plan and validated by `RatingPlanSchema`, so the
// pure rater and the API share one definition. Quantities are thousandths of the unit
// (shared/money.ts): 30 seconds = 30_000, 1 GB (10^9 bytes) = 10^12, 1 kWh = 1_000.

import { z } from 'zod';
import { CurrencySchema } from '../../billing/input-schemas.js';
import { USAGE_UNITS } from '../usage-record.js';

const Code = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');
const QuantityMilli = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const Cents = z.number().int().min(0).max(1_000_000_000_000);
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM, 00:00 to 24:00');

export const TierSchema = z.object({
  /** Cumulative chargeable quantity in the period this tier runs up to; null = no limit (the last tier). */
  uptoQuantityMilli: QuantityMilli.nullable(),
  unitPriceCents: Cents,
});

export const RateRuleSchema = z
  .object({
    /** Shown on every rated record and charge: says which rule produced the amount. */
    code: Code,
    description: z.string().trim().min(1).max(200),
    unit: z.enum(USAGE_UNITS),
    /** Destination classes this rule prices; null = any class, including none. */
    classes: z.array(z.string().trim().min(1).max(100)).min(1).nullable().default(null),
    /** Local time window (the plan's time zone) of the record's start; `from` > `to` wraps midnight. */
    timeOfDay: z
      .object({ days: z.array(z.number().int().min(0).max(6)).min(1).nullable().default(null), from: ClockTime, to: ClockTime })
      .nullable()
      .default(null),
    /** The allowance that absorbs this usage before anything is charged. */
    allowanceCode: Code.nullable().default(null),
    /** The quantity the price is for: per minute = 60_000 (seconds × 1000), per GB = 10^12 (bytes × 1000). */
    perQuantityMilli: QuantityMilli,
    unitPriceCents: Cents,
    /** Graduated prices by cumulative chargeable quantity in the period; replaces `unitPriceCents`. */
    tiers: z.array(TierSchema).min(1).nullable().default(null),
    /** Billable quantity is rounded up to a multiple of this (per 30 s = 30_000); 1 = exact. */
    incrementQuantityMilli: QuantityMilli.default(1),
    /** Least amount of a record that is charged at all (a fully included record is free). */
    minimumChargeCents: Cents.default(0),
    /** Per-record connection fee, added before the minimum is applied. */
    flagfallCents: Cents.default(0),
    glCode: z.string().trim().min(1).max(40).nullable().default(null),
    taxCode: z.string().trim().min(1).max(20).nullable().default(null),
  })
  .superRefine((rule, ctx) => {
    if (rule.tiers === null) return;
    const limits = rule.tiers.map((tier) => tier.uptoQuantityMilli);
    const ascending = limits.every((limit, i) => i === 0 || limit === null || (limits[i - 1] !== null && limit > limits[i - 1]!));
    if (!ascending || limits[limits.length - 1] !== null || limits.slice(0, -1).includes(null)) {
      ctx.addIssue({ code: 'custom', message: 'tiers must rise and only the last may be unlimited (uptoQuantityMilli null)' });
    }
  });

export const AllowanceSchema = z.object({
  code: Code,
  description: z.string().trim().min(1).max(200),
  unit: z.enum(USAGE_UNITS),
  /** Included per billing period, e.g. 300 minutes = 18_000_000 (seconds × 1000). */
  includedQuantityMilli: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** 'bundle': one pool shared by every service of the bundle (its root subscription); 'subscription': one per service. */
  scope: z.enum(['subscription', 'bundle']).default('subscription'),
  /**
   * 'daily': in a period the pool's service covers only partly, the included quantity shrinks to
   * the days covered (rounded down; whole bytes for a bytes allowance). 'none': always the full
   * quantity. docs/usage-rating.md, "Allowances in a partial period".
   */
  proRate: z.enum(['daily', 'none']).default('daily'),
});

export const RatingPlanSchema = z
  .object({
    currency: CurrencySchema,
    /** IANA zone of time-of-day rules, e.g. 'Australia/Sydney'. */
    timeZone: z.string().min(1).max(64).default('UTC'),
    /** Tried in order; the first rule that matches prices the record. */
    rules: z.array(RateRuleSchema).min(1).max(200),
    allowances: z.array(AllowanceSchema).max(20).default([]),
  })
  .superRefine((plan, ctx) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: plan.timeZone });
    } catch {
      ctx.addIssue({ code: 'custom', path: ['timeZone'], message: `unknown time zone ${plan.timeZone}` });
    }
    const allowances = new Map(plan.allowances.map((a) => [a.code, a]));
    if (allowances.size !== plan.allowances.length)
      ctx.addIssue({ code: 'custom', path: ['allowances'], message: 'allowance codes must be unique' });
    if (new Set(plan.rules.map((r) => r.code)).size !== plan.rules.length)
      ctx.addIssue({ code: 'custom', path: ['rules'], message: 'rule codes must be unique' });
    for (const [i, rule] of plan.rules.entries()) {
      if (rule.allowanceCode === null) continue;
      const allowance = allowances.get(rule.allowanceCode);
      if (!allowance) ctx.addIssue({ code: 'custom', path: ['rules', i, 'allowanceCode'], message: `no allowance ${rule.allowanceCode}` });
      else if (allowance.unit !== rule.unit)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'allowanceCode'],
          message: `allowance ${allowance.code} counts ${allowance.unit}, the rule ${rule.unit}`,
        });
    }
  });

export type RatingPlan = z.output<typeof RatingPlanSchema>;
export type RatingPlanInput = z.input<typeof RatingPlanSchema>;
export type RateRule = RatingPlan['rules'][number];
export type Allowance = RatingPlan['allowances'][number];
export type Tier = z.output<typeof TierSchema>;
