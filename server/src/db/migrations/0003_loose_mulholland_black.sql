CREATE TABLE `usage_allowance_balances` (
	`pool_key` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`period_start` text NOT NULL,
	`used_milli` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `usage_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`file_name` text,
	`status` text NOT NULL,
	`lines_read` integer NOT NULL,
	`records_added` integer NOT NULL,
	`duplicates` integer NOT NULL,
	`invalid` integer NOT NULL,
	`error` text,
	`started_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE TABLE `usage_rating_plans` (
	`plan_id` integer PRIMARY KEY NOT NULL,
	`definition` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_rating_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`records_rated` integer NOT NULL,
	`records_quarantined` integer NOT NULL,
	`charges_added` integer NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE TABLE `usage_ratings` (
	`record_id` integer PRIMARY KEY NOT NULL,
	`rating_run_id` integer NOT NULL,
	`subscription_id` integer NOT NULL,
	`account_id` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`charge_date` text NOT NULL,
	`late_from_period_start` text,
	`rule_code` text NOT NULL,
	`rule_description` text NOT NULL,
	`allowance_code` text,
	`unit` text NOT NULL,
	`quantity_milli` integer NOT NULL,
	`billable_quantity_milli` integer NOT NULL,
	`included_quantity_milli` integer NOT NULL,
	`charged_quantity_milli` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`gl_code` text,
	`tax_code` text,
	`charge_source` text,
	`charge_id` integer,
	`rated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `usage_ratings_charge_idx` ON `usage_ratings` (`charge_source`,`charge_id`);--> statement-breakpoint
CREATE INDEX `usage_ratings_subscription_idx` ON `usage_ratings` (`subscription_id`,`period_start`);--> statement-breakpoint
CREATE TABLE `usage_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_key` text NOT NULL,
	`import_id` integer NOT NULL,
	`service_identifier` text NOT NULL,
	`start_time` text NOT NULL,
	`quantity_milli` integer NOT NULL,
	`unit` text NOT NULL,
	`usage_class` text,
	`cost_cents` integer,
	`cost_currency` text,
	`carrier_record_id` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_records_key_unique` ON `usage_records` (`record_key`);--> statement-breakpoint
CREATE INDEX `usage_records_pending_idx` ON `usage_records` (`status`,`start_time`,`id`);--> statement-breakpoint
CREATE TABLE `accounting_exported_invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`format` text NOT NULL,
	`export_id` integer NOT NULL,
	`exported_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounting_exported_invoice_unique` ON `accounting_exported_invoices` (`invoice_id`,`format`);--> statement-breakpoint
CREATE TABLE `accounting_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`format` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`again` integer NOT NULL,
	`invoice_count` integer NOT NULL,
	`actor` text NOT NULL,
	`created_at` text NOT NULL
);
