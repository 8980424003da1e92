DROP INDEX `charges_invoice_idx`;--> statement-breakpoint
DROP INDEX `invoice_lines_subscription_idx`;--> statement-breakpoint
DROP INDEX `invoice_lines_credited_idx`;--> statement-breakpoint
CREATE INDEX `invoice_lines_subscription_idx` ON `invoice_lines` (`subscription_id`) WHERE "invoice_lines"."subscription_id" is not null;--> statement-breakpoint
CREATE INDEX `invoice_lines_credited_idx` ON `invoice_lines` (`credited_line_id`) WHERE "invoice_lines"."credited_line_id" is not null;