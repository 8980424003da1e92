CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_key` text,
	`name` text NOT NULL,
	`billing_day` integer NOT NULL,
	`period_months` integer NOT NULL,
	`anchor` text NOT NULL,
	`opened_on` text NOT NULL,
	`currency` text NOT NULL,
	`tax_exempt` integer NOT NULL,
	`tax_rate_basis_points` integer NOT NULL,
	`account_type` text NOT NULL,
	`account_profile` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_external_key_unique` ON `accounts` (`external_key`);--> statement-breakpoint
CREATE INDEX `accounts_status_idx` ON `accounts` (`status`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`external_key` text,
	`source` text NOT NULL,
	`locked` integer NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`phone` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_external_key_unique` ON `contacts` (`external_key`);--> statement-breakpoint
CREATE INDEX `contacts_account_idx` ON `contacts` (`account_id`);--> statement-breakpoint
CREATE TABLE `plan_inclusions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`description` text NOT NULL,
	`applies_to_kind` text NOT NULL,
	`product_id` integer,
	`quantity_milli` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_inclusions_plan_idx` ON `plan_inclusions` (`plan_id`);--> statement-breakpoint
CREATE TABLE `plan_parts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`package_plan_id` integer NOT NULL,
	`service_plan_id` integer NOT NULL,
	`mandatory` integer NOT NULL,
	`quantity_milli` integer NOT NULL,
	`bundle_price_cents` integer,
	FOREIGN KEY (`package_plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_parts_unique` ON `plan_parts` (`package_plan_id`,`service_plan_id`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`currency` text NOT NULL,
	`period_price_cents` integer NOT NULL,
	`setup_fee_cents` integer NOT NULL,
	`discount_basis_points` integer NOT NULL,
	`tax_code` text NOT NULL,
	`gl_code` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_code_unique` ON `plans` (`code`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`external_key` text,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`unit` text NOT NULL,
	`tax_code` text NOT NULL,
	`gl_code` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_external_key_unique` ON `products` (`external_key`);--> statement-breakpoint
CREATE TABLE `tax_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`rate_basis_points` integer,
	`description` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subscription_terms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`effective_from` text NOT NULL,
	`quantity_milli` integer NOT NULL,
	`unit_price_override_cents` integer,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscription_terms_unique` ON `subscription_terms` (`subscription_id`,`effective_from`);--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`plan_id` integer NOT NULL,
	`root_subscription_id` integer,
	`service_identifier` text,
	`start_date` text NOT NULL,
	`end_date` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `subscriptions_account_idx` ON `subscriptions` (`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_plan_identifier_unique` ON `subscriptions` (`plan_id`,`service_identifier`);--> statement-breakpoint
CREATE TABLE `charges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`product_id` integer,
	`description` text NOT NULL,
	`charge_date` text NOT NULL,
	`quantity_milli` integer NOT NULL,
	`unit_price_cents` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`currency` text NOT NULL,
	`tax_code` text,
	`gl_code` text,
	`ticket_number` text,
	`member_name` text,
	`work_role` text,
	`work_type` text,
	`invoice_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `charges_source_unique` ON `charges` (`source`);--> statement-breakpoint
CREATE INDEX `charges_account_invoice_idx` ON `charges` (`account_id`,`invoice_id`);--> statement-breakpoint
CREATE INDEX `charges_invoice_idx` ON `charges` (`invoice_id`);--> statement-breakpoint
CREATE TABLE `document_counters` (
	`name` text PRIMARY KEY NOT NULL,
	`last_value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `invoice_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`invoice_id` integer NOT NULL,
	`position` integer NOT NULL,
	`section` text NOT NULL,
	`line_kind` text NOT NULL,
	`description` text NOT NULL,
	`group_label` text,
	`subscription_id` integer,
	`service_period_start` text,
	`service_period_end` text,
	`fee_period_start` text,
	`charge_id` integer,
	`quantity_milli` integer NOT NULL,
	`included_quantity_milli` integer NOT NULL,
	`inclusion_key` text,
	`inclusion_period_start` text,
	`unit_price_cents` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`tax_code` text NOT NULL,
	`tax_rate_basis_points` integer,
	`tax_cents` integer NOT NULL,
	`gl_code` text,
	`credited_line_id` integer,
	FOREIGN KEY (`invoice_id`) REFERENCES `invoices`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `invoice_lines_invoice_idx` ON `invoice_lines` (`invoice_id`);--> statement-breakpoint
CREATE INDEX `invoice_lines_subscription_idx` ON `invoice_lines` (`subscription_id`);--> statement-breakpoint
CREATE INDEX `invoice_lines_credited_idx` ON `invoice_lines` (`credited_line_id`);--> statement-breakpoint
CREATE TABLE `invoice_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`billing_date` text NOT NULL,
	`status` text NOT NULL,
	`cursor` integer NOT NULL,
	`accounts_processed` integer NOT NULL,
	`invoices_created` integer NOT NULL,
	`invoices_updated` integer NOT NULL,
	`invoices_unchanged` integer NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoice_runs_billing_date_unique` ON `invoice_runs` (`billing_date`);--> statement-breakpoint
CREATE TABLE `invoices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`number` text,
	`period_start` text,
	`period_end` text,
	`issued_on` text NOT NULL,
	`currency` text NOT NULL,
	`net_cents` integer NOT NULL,
	`tax_cents` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`content_hash` text NOT NULL,
	`credited_invoice_id` integer,
	`reason` text,
	`approved_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_number_unique` ON `invoices` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `invoices_account_period_unique` ON `invoices` (`account_id`,`period_start`);--> statement-breakpoint
CREATE INDEX `invoices_credited_idx` ON `invoices` (`credited_invoice_id`);--> statement-breakpoint
CREATE TABLE `billing_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`entity_id` text NOT NULL,
	`payload` text NOT NULL,
	`occurred_at` text NOT NULL,
	`delivered_at` text
);
--> statement-breakpoint
CREATE INDEX `billing_events_undelivered_idx` ON `billing_events` (`delivered_at`,`id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_id` text NOT NULL,
	`key` text NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`request_hash` text NOT NULL,
	`response_status` integer NOT NULL,
	`response_body` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idempotency_keys_unique` ON `idempotency_keys` (`token_id`,`key`);