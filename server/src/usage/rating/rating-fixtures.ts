// Plans and services shared by the rating tests (test-only; nothing imports it in production).

import type { UsageRecord } from '../usage-record.js';
import { RatingPlanSchema, type RatingPlan, type RatingPlanInput } from './rating-plan.js';
import { DEFAULT_LATE_USAGE, serviceDirectory, type RatingAccount, type RatingService, type RatingSetup } from './rate-usage.js';

export const SECONDS = 1000; // one second in thousandths
export const MINUTE = 60 * SECONDS;
export const GB = 1_000_000_000 * 1000; // 10^9 bytes in thousandths

export const plan = (input: RatingPlanInput): RatingPlan => RatingPlanSchema.parse(input);

/** 300 included minutes, overage 20c a minute per 30 seconds, minimum charge 25c. */
export const phonePlan = plan({
  currency: 'AUD',
  rules: [
    {
      code: 'calls',
      description: 'Calls',
      unit: 'seconds',
      allowanceCode: 'minutes',
      perQuantityMilli: MINUTE,
      unitPriceCents: 20,
      incrementQuantityMilli: 30 * SECONDS,
      minimumChargeCents: 25,
      glCode: '4100',
    },
  ],
  allowances: [{ code: 'minutes', description: '300 included minutes', unit: 'seconds', includedQuantityMilli: 300 * MINUTE }],
});

/** 10 GB included, then $10 a GB counted per MB. */
export const dataPlan = plan({
  currency: 'AUD',
  rules: [
    {
      code: 'data',
      description: 'Data',
      unit: 'bytes',
      allowanceCode: 'gb',
      perQuantityMilli: GB,
      unitPriceCents: 1000,
      incrementQuantityMilli: GB / 1000,
      glCode: '4200',
    },
  ],
  allowances: [{ code: 'gb', description: '10 GB included', unit: 'bytes', includedQuantityMilli: 10 * GB }],
});

export const account: RatingAccount = {
  id: 1,
  currency: 'AUD',
  cycle: { billingDay: 1, periodMonths: 1 },
  openedOn: '2026-01-01',
  usageOpenFrom: null,
};

export function service(
  subscriptionId: number,
  serviceIdentifier: string,
  ratingPlan: RatingPlan | null,
  extra: Partial<RatingService> = {},
): RatingService {
  return {
    subscriptionId,
    rootSubscriptionId: subscriptionId,
    serviceIdentifier,
    startDate: '2026-01-01',
    endDate: null,
    planName: `plan ${subscriptionId}`,
    ratingPlan,
    account,
    ...extra,
  };
}

export function setup(services: RatingService[], extra: Partial<RatingSetup> = {}): RatingSetup {
  return { directory: serviceDirectory(services), billingTimeZone: 'UTC', lateUsage: DEFAULT_LATE_USAGE, ...extra };
}

export function usage(
  serviceIdentifier: string,
  startTime: string,
  quantityMilli: number,
  unit: UsageRecord['unit'] = 'seconds',
  usageClass: string | null = null,
): UsageRecord {
  return {
    serviceIdentifier,
    startTime: new Date(startTime).toISOString(),
    quantityMilli,
    unit,
    usageClass,
    costCents: null,
    costCurrency: null,
    carrierRecordId: null,
  };
}
