CREATE TABLE `synced_ticket_records` (
	`kind` text NOT NULL,
	`external_id` integer NOT NULL,
	`ticket_id` integer NOT NULL,
	`record` text NOT NULL,
	`synced_at` text NOT NULL,
	PRIMARY KEY(`kind`, `external_id`)
);
--> statement-breakpoint
CREATE INDEX `synced_ticket_records_ticket_idx` ON `synced_ticket_records` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `synced_tickets` (
	`ticket_id` integer PRIMARY KEY NOT NULL,
	`summary` text NOT NULL,
	`company_id` integer,
	`company_name` text,
	`read_at` text NOT NULL
);
