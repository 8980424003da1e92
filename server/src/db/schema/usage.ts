import { sqliteTable, text, integer, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { plans } from './catalog.js';

/**
 * How an import or a rating run ends. 'interrupted': its process stopped before it finished
 * (killed, machine restarted); its counts are what it had saved batch by batch.
 */
export const USAGE_JOB_STATUSES = ['running', 'completed', 'failed', 'interrupted'] as const;

/** One usage file upload or API batch, with its counts (the import report). */
export const usageImports = sqliteTable('usage_imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  source: text('source', { enum: ['csv', 'api'] }).notNull(),
  fileName: text('file_name'),
  status: text('status', { enum: USAGE_JOB_STATUSES }).notNull(),
  linesRead: integer('lines_read').notNull(),
  recordsAdded: integer('records_added').notNull(),
  duplicates: integer('duplicates').notNull(),
  invalid: integer('invalid').notNull(),
  error: text('error'),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  /** The process importing it (db/run-holder.ts) and its lease, renewed while it reads the file. */
  holder: text('holder'),
  leaseExpiresAt: text('lease_expires_at'),
});

/**
 * Where a record stands with the quarantine: 'accepted' (stored; waiting in usage_rating_queue
 * or rated, as its rating row says), 'quarantined' (rating failed: an open usage item) or
 * 'written_off' (never to be billed). Rating does not write the record: a million status
 * updates rewrote the whole table once more (BENCHMARKS.md, usage-rating).
 */
export const USAGE_RECORD_STATUSES = ['accepted', 'quarantined', 'written_off'] as const;

/**
 * Usage records (calls, data sessions, meter reads). `recordKey` is the idempotency key
 * (usage/record-key.ts), unique: the same file imported twice adds nothing.
 */
export const usageRecords = sqliteTable(
  'usage_records',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordKey: text('record_key').notNull(),
    importId: integer('import_id').notNull(),
    serviceIdentifier: text('service_identifier').notNull(),
    /** UTC, `YYYY-MM-DDTHH:MM:SS.sssZ`: text order is time order. */
    startTime: text('start_time').notNull(),
    quantityMilli: integer('quantity_milli').notNull(),
    unit: text('unit', { enum: ['seconds', 'bytes', 'kwh', 'units'] }).notNull(),
    usageClass: text('usage_class'),
    costCents: integer('cost_cents'),
    costCurrency: text('cost_currency'),
    carrierRecordId: text('carrier_record_id'),
    status: text('status', { enum: USAGE_RECORD_STATUSES }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('usage_records_key_unique').on(t.recordKey)],
);

/**
 * The records waiting to be rated, in time order (the order rating consumes allowances in):
 * an import adds its records, rating takes them from the front and deletes what it rated or
 * quarantined, a re-process puts quarantined records back. Keyed by time, without a rowid:
 * the queue is its own index, and deleting a rated page removes one range of it. (WITHOUT
 * ROWID is in migration 0009: drizzle's schema cannot say it.)
 */
export const usageRatingQueue = sqliteTable(
  'usage_rating_queue',
  {
    startTime: text('start_time').notNull(),
    recordId: integer('record_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.startTime, t.recordId] })],
);

/**
 * One usage charge in the making: the ratings of one rating run that share a subscription,
 * billing period and rule, with what they have in common and (once the run posts its charges)
 * their totals. `chargeSource` is the charge's `source` (unique in the billing core) and the
 * link to it. Why a table of its own: a million ratings of 5,000 services fall into 5,000
 * groups, and repeating the group's fifteen columns on every rating (and indexing them by
 * source) made writing ratings cost more than rating (BENCHMARKS.md, usage-rating).
 */
export const usageRatingGroups = sqliteTable('usage_rating_groups', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  chargeSource: text('charge_source').notNull().unique(),
  ratingRunId: integer('rating_run_id').notNull(),
  subscriptionId: integer('subscription_id').notNull(),
  accountId: integer('account_id').notNull(),
  periodStart: text('period_start').notNull(),
  periodEnd: text('period_end').notNull(),
  ruleCode: text('rule_code').notNull(),
  ruleDescription: text('rule_description').notNull(),
  allowanceCode: text('allowance_code'),
  unit: text('unit').notNull(),
  currency: text('currency').notNull(),
  glCode: text('gl_code'),
  taxCode: text('tax_code'),
  /** Totals of the group's ratings: written when the run posts its charge (0 until then). */
  records: integer('records').notNull().default(0),
  lateRecords: integer('late_records').notNull().default(0),
  quantityMilli: integer('quantity_milli').notNull().default(0),
  includedQuantityMilli: integer('included_quantity_milli').notNull().default(0),
  chargedQuantityMilli: integer('charged_quantity_milli').notNull().default(0),
  amountCents: integer('amount_cents').notNull().default(0),
  /** The charge's date: the latest of its records' days (null until totalled). */
  chargeDate: text('charge_date'),
  createdAt: text('created_at').notNull(),
});

/**
 * The rating of one record (insert-only, one per record): its group (subscription, period,
 * rule, charge), how much the allowance absorbed, the amount. The record's quantity and unit
 * are on the record.
 */
export const usageRatings = sqliteTable('usage_ratings', {
  recordId: integer('record_id').primaryKey(),
  groupId: integer('group_id').notNull(),
  /** Start of the closed period the usage belonged to when it arrived late; null otherwise. */
  lateFromPeriodStart: text('late_from_period_start'),
  billableQuantityMilli: integer('billable_quantity_milli').notNull(),
  includedQuantityMilli: integer('included_quantity_milli').notNull(),
  chargedQuantityMilli: integer('charged_quantity_milli').notNull(),
  amountCents: integer('amount_cents').notNull(),
});

/** What each allowance pool and tier counter has used (rating/rate-usage.ts `AllowanceState`). */
export const usageAllowanceBalances = sqliteTable('usage_allowance_balances', {
  poolKey: text('pool_key').primaryKey(),
  kind: text('kind', { enum: ['allowance', 'tier'] }).notNull(),
  periodStart: text('period_start').notNull(),
  usedMilli: integer('used_milli').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** The rating plan (rate card + allowances, usage/rating/rating-plan.ts) of a billing plan. */
export const usageRatingPlans = sqliteTable('usage_rating_plans', {
  planId: integer('plan_id')
    .primaryKey()
    .references(() => plans.id),
  definition: text('definition', { mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** The runs that stopped before posting their charges and that a run carried on (their groups are its own). */
export interface RatingRunResumedFrom {
  runIds: number[];
  /** What those runs had rated: their charges are posted by this run. */
  recordsRated: number;
}

/**
 * A rating run: its counts (saved page by page), for the report and the audit trail. One at a
 * time (its holder's lease); a run that stopped ('failed', or 'interrupted' when its process
 * died) is carried on by the next, which takes its uncharged groups and names it in
 * `resumedFrom`; `continuedBy` is that run.
 */
export const usageRatingRuns = sqliteTable('usage_rating_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  status: text('status', { enum: USAGE_JOB_STATUSES }).notNull(),
  recordsRated: integer('records_rated').notNull(),
  recordsQuarantined: integer('records_quarantined').notNull(),
  chargesAdded: integer('charges_added').notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  holder: text('holder'),
  leaseExpiresAt: text('lease_expires_at'),
  resumedFrom: text('resumed_from', { mode: 'json' }).$type<RatingRunResumedFrom>(),
  continuedBy: integer('continued_by'),
});
