ALTER TABLE `campaigns` MODIFY COLUMN `pause_cause` enum('USER','ACCOUNT','LOGGED_OUT','QUOTA','ERRORS');--> statement-breakpoint
ALTER TABLE `campaigns` ADD `batch_size` int DEFAULT 25 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `batch_pause_seconds` int DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `typing` boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `linked_at` datetime(3);--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `daily_limit` int DEFAULT 250 NOT NULL;--> statement-breakpoint
CREATE INDEX `recipients_attempted_idx` ON `recipients` (`attempted_at`);