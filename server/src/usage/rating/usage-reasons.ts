// Why a usage record could not be rated: Emersion's quarantine stages (identify → bucket →
// rate) plus records that were never valid, each with the title Emersion's screens use and
// the fix we recommend. These are the `reason` codes of usage items in the quarantine.

export const USAGE_QUARANTINE_REASONS = ['not_identified', 'not_bucketed', 'not_rated', 'invalid_record'] as const;
export type UsageQuarantineReason = (typeof USAGE_QUARANTINE_REASONS)[number];

export type UsageProblem = {
  readonly reason: UsageQuarantineReason;
  /** Emersion's name for the failure, e.g. 'Missing Service Subscription'. */
  readonly title: string;
  readonly recommendedFix: string;
};

export const usageProblems = {
  missingSubscription: (identifier: string, at: string): UsageProblem => ({
    reason: 'not_identified',
    title: 'Missing Service Subscription',
    recommendedFix: `Add a subscription with service identifier ${identifier} covering ${at} (or correct the identifier at the carrier), then re-process.`,
  }),
  closedPeriod: (date: string, openFrom: string): UsageProblem => ({
    reason: 'not_bucketed',
    title: 'Invalid Package Period',
    recommendedFix: `Usage of ${date} falls in a billing period already invoiced (open from ${openFrom}) beyond the late-usage window. Write it off, or credit it by hand and write it off.`,
  }),
  beforeAccountOpened: (date: string, openedOn: string): UsageProblem => ({
    reason: 'not_bucketed',
    title: 'Invalid Package Period',
    recommendedFix: `Usage of ${date} is before the account opened on ${openedOn}. Correct the account's opening or the subscription, or write it off.`,
  }),
  missingRateCard: (planName: string): UsageProblem => ({
    reason: 'not_rated',
    title: 'Missing Rate Card',
    recommendedFix: `Give the plan ${planName} a rating plan (rate card) for usage, then re-process.`,
  }),
  missingRate: (unit: string, usageClass: string | null, localTime: string): UsageProblem => ({
    reason: 'not_rated',
    title: 'Missing Rate',
    recommendedFix: `Add a rate for ${unit}${usageClass === null ? ' without a class' : ` of class ${usageClass}`} at ${localTime} to the rate card, then re-process.`,
  }),
  currencyMismatch: (planCurrency: string, accountCurrency: string): UsageProblem => ({
    reason: 'not_rated',
    title: 'Invalid Service Type',
    recommendedFix: `The rate card prices in ${planCurrency} but the account bills in ${accountCurrency}: attach a rate card in ${accountCurrency}, then re-process.`,
  }),
  invalidRecord: (errors: readonly string[]): UsageProblem => ({
    reason: 'invalid_record',
    title: 'Invalid Record',
    recommendedFix: `Correct the record at its source and import it again, then write this one off (${errors.join('; ')}).`,
  }),
};
