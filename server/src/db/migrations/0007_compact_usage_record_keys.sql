-- Usage record keys without a carrier id keep the first 22 base64url characters (132 bits) of their SHA-256 (usage/record-key.ts): a smaller unique index. Quarantine items name records by key.
UPDATE `usage_records` SET `record_key` = substr(`record_key`, 1, 29) WHERE `record_key` LIKE 'sha256:%';--> statement-breakpoint
UPDATE `sync_quarantine` SET `external_id` = substr(`external_id`, 1, 29) WHERE `kind` = 'usage' AND `entity` = 'usage_record' AND `external_id` LIKE 'sha256:%';
