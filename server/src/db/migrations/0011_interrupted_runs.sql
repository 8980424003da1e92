DROP INDEX `invoice_runs_billing_date_unique`;--> statement-breakpoint
ALTER TABLE `invoice_runs` ADD `holder` text;--> statement-breakpoint
ALTER TABLE `invoice_runs` ADD `lease_expires_at` text;--> statement-breakpoint
ALTER TABLE `invoice_runs` ADD `resumed_from` text;--> statement-breakpoint
CREATE INDEX `invoice_runs_billing_date_idx` ON `invoice_runs` (`billing_date`,`id`);--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `holder` text;--> statement-breakpoint
ALTER TABLE `sync_runs` ADD `resumed_from` text;--> statement-breakpoint
ALTER TABLE `usage_imports` ADD `holder` text;--> statement-breakpoint
ALTER TABLE `usage_imports` ADD `lease_expires_at` text;--> statement-breakpoint
ALTER TABLE `usage_rating_runs` ADD `holder` text;--> statement-breakpoint
ALTER TABLE `usage_rating_runs` ADD `lease_expires_at` text;--> statement-breakpoint
ALTER TABLE `usage_rating_runs` ADD `resumed_from` text;--> statement-breakpoint
ALTER TABLE `usage_rating_runs` ADD `continued_by` integer;