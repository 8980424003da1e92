-- Records waiting to be rated move from a status (updated on every rated record, which rewrote the whole table) to a queue keyed by time (BENCHMARKS.md, usage-rating). WITHOUT ROWID: the queue is its own index (drizzle's schema cannot say so; db/schema/usage.ts notes it).
CREATE TABLE `usage_rating_queue` (
	`start_time` text NOT NULL,
	`record_id` integer NOT NULL,
	PRIMARY KEY(`start_time`, `record_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `usage_rating_queue` (`start_time`, `record_id`) SELECT `start_time`, `id` FROM `usage_records` WHERE `status` = 'pending';--> statement-breakpoint
UPDATE `usage_records` SET `status` = 'accepted' WHERE `status` IN ('pending', 'rated');--> statement-breakpoint
DROP INDEX `usage_records_pending_idx`;
