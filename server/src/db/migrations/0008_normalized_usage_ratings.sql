-- Ratings normalized (BENCHMARKS.md, usage-rating): what the ratings of one charge share (subscription, period, rule, currency, codes) moves to usage_rating_groups, one row per charge source, with the group's totals; a rating keeps its group and its own figures.
CREATE TABLE `usage_rating_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`charge_source` text NOT NULL,
	`rating_run_id` integer NOT NULL,
	`subscription_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`rule_code` text NOT NULL,
	`rule_description` text NOT NULL,
	`allowance_code` text,
	`unit` text NOT NULL,
	`currency` text NOT NULL,
	`gl_code` text,
	`tax_code` text,
	`records` integer DEFAULT 0 NOT NULL,
	`late_records` integer DEFAULT 0 NOT NULL,
	`quantity_milli` integer DEFAULT 0 NOT NULL,
	`included_quantity_milli` integer DEFAULT 0 NOT NULL,
	`charged_quantity_milli` integer DEFAULT 0 NOT NULL,
	`amount_cents` integer DEFAULT 0 NOT NULL,
	`charge_date` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_rating_groups_charge_source_unique` ON `usage_rating_groups` (`charge_source`);--> statement-breakpoint
-- Older ratings without a source get the one post-usage-charges.ts gave them (usageChargeSource).
INSERT INTO `usage_rating_groups` (`charge_source`, `rating_run_id`, `subscription_id`, `account_id`, `period_start`, `period_end`, `rule_code`, `rule_description`, `allowance_code`, `unit`, `currency`, `gl_code`, `tax_code`, `records`, `late_records`, `quantity_milli`, `included_quantity_milli`, `charged_quantity_milli`, `amount_cents`, `charge_date`, `created_at`)
SELECT coalesce(`charge_source`, 'usage:rating-' || `rating_run_id` || ':subscription-' || `subscription_id` || ':' || `period_start` || ':' || `rule_code`) AS `source`,
	min(`rating_run_id`), min(`subscription_id`), min(`account_id`), min(`period_start`), min(`period_end`), min(`rule_code`), min(`rule_description`), min(`allowance_code`), min(`unit`), min(`currency`), min(`gl_code`), min(`tax_code`),
	count(*), count(`late_from_period_start`), sum(`quantity_milli`), sum(`included_quantity_milli`), sum(`charged_quantity_milli`), sum(`amount_cents`), max(`charge_date`), min(`rated_at`)
FROM `usage_ratings` GROUP BY `source`;--> statement-breakpoint
CREATE TABLE `__new_usage_ratings` (
	`record_id` integer PRIMARY KEY NOT NULL,
	`group_id` integer NOT NULL,
	`late_from_period_start` text,
	`billable_quantity_milli` integer NOT NULL,
	`included_quantity_milli` integer NOT NULL,
	`charged_quantity_milli` integer NOT NULL,
	`amount_cents` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_usage_ratings` (`record_id`, `group_id`, `late_from_period_start`, `billable_quantity_milli`, `included_quantity_milli`, `charged_quantity_milli`, `amount_cents`)
SELECT r.`record_id`, g.`id`, r.`late_from_period_start`, r.`billable_quantity_milli`, r.`included_quantity_milli`, r.`charged_quantity_milli`, r.`amount_cents`
FROM `usage_ratings` r JOIN `usage_rating_groups` g ON g.`charge_source` = coalesce(r.`charge_source`, 'usage:rating-' || r.`rating_run_id` || ':subscription-' || r.`subscription_id` || ':' || r.`period_start` || ':' || r.`rule_code`);--> statement-breakpoint
DROP TABLE `usage_ratings`;--> statement-breakpoint
ALTER TABLE `__new_usage_ratings` RENAME TO `usage_ratings`;--> statement-breakpoint
-- Only pending records in the time index: rating a record removes its entry instead of moving it.
DROP INDEX `usage_records_pending_idx`;--> statement-breakpoint
CREATE INDEX `usage_records_pending_idx` ON `usage_records` (`start_time`,`id`) WHERE "usage_records"."status" = 'pending';--> statement-breakpoint
-- Record keys without a carrier id start with their start time (usage/record-key.ts): a time-ordered file inserts at the end of the unique index instead of at random places. Quarantine items name records by key: renamed first, while the old keys still find their records.
UPDATE `sync_quarantine` SET `external_id` = (
	SELECT 't' || substr(u.`start_time`, 1, 4) || substr(u.`start_time`, 6, 2) || substr(u.`start_time`, 9, 2) || substr(u.`start_time`, 12, 2) || substr(u.`start_time`, 15, 2) || substr(u.`start_time`, 18, 2) || substr(u.`start_time`, 21, 3) || ':' || substr(u.`record_key`, 8, 16)
	FROM `usage_records` u WHERE u.`record_key` = `sync_quarantine`.`external_id`
) WHERE `kind` = 'usage' AND `entity` = 'usage_record' AND `external_id` LIKE 'sha256:%' AND EXISTS (SELECT 1 FROM `usage_records` u WHERE u.`record_key` = `sync_quarantine`.`external_id`);--> statement-breakpoint
UPDATE `usage_records` SET `record_key` = 't' || substr(`start_time`, 1, 4) || substr(`start_time`, 6, 2) || substr(`start_time`, 9, 2) || substr(`start_time`, 12, 2) || substr(`start_time`, 15, 2) || substr(`start_time`, 18, 2) || substr(`start_time`, 21, 3) || ':' || substr(`record_key`, 8, 16) WHERE `record_key` LIKE 'sha256:%';
