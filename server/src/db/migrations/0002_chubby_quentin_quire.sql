CREATE TABLE `sync_mappings` (
	`kind` text NOT NULL,
	`cw_key` text NOT NULL,
	`cw_name` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`kind`, `cw_key`)
);
--> statement-breakpoint
CREATE TABLE `sync_quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`entity` text NOT NULL,
	`external_id` text NOT NULL,
	`reason` text NOT NULL,
	`details` text NOT NULL,
	`status` text NOT NULL,
	`decision` text,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_quarantine_record_idx` ON `sync_quarantine` (`kind`,`entity`,`external_id`);--> statement-breakpoint
CREATE INDEX `sync_quarantine_status_idx` ON `sync_quarantine` (`status`,`reason`);--> statement-breakpoint
CREATE TABLE `sync_records` (
	`stream` text NOT NULL,
	`external_id` integer NOT NULL,
	`content_hash` text NOT NULL,
	`last_updated` text,
	`outcome` text NOT NULL,
	`target` text,
	`billed_hash` text,
	`billed_invoice` text,
	`marked_invoice` text,
	`explanation` text,
	`seen_in_full_run` integer,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`stream`, `external_id`)
);
--> statement-breakpoint
CREATE INDEX `sync_records_target_idx` ON `sync_records` (`target`);--> statement-breakpoint
CREATE TABLE `sync_checkpoints` (
	`stream` text PRIMARY KEY NOT NULL,
	`cursor` text,
	`pass` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mode` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`duration_ms` integer,
	`added` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`unchanged` integer DEFAULT 0 NOT NULL,
	`quarantined` integer DEFAULT 0 NOT NULL,
	`skipped` integer DEFAULT 0 NOT NULL,
	`deleted` integer DEFAULT 0 NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`errors` text NOT NULL,
	`streams` text NOT NULL
);
