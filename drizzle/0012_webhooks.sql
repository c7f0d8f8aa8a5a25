CREATE TABLE `webhook_deliveries` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`webhook_id` bigint unsigned NOT NULL,
	`event_id` varchar(36) NOT NULL,
	`type` varchar(40) NOT NULL,
	`body` longtext NOT NULL,
	`order_key` varchar(64) NOT NULL,
	`status` enum('PENDING','DELIVERING','SUCCEEDED','FAILED') NOT NULL DEFAULT 'PENDING',
	`attempts` int NOT NULL DEFAULT 0,
	`next_attempt_at` datetime(3) NOT NULL,
	`claim_token` varchar(36),
	`claimed_until` datetime(3),
	`last_status_code` int,
	`last_latency_ms` int,
	`last_error` varchar(500),
	`last_attempt_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`delivered_at` datetime(3),
	CONSTRAINT `webhook_deliveries_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`url` varchar(2000) NOT NULL,
	`events` varchar(255) NOT NULL,
	`secret` varchar(100) NOT NULL,
	`status` enum('ACTIVE','DISABLED') NOT NULL DEFAULT 'ACTIVE',
	`disabled_reason` varchar(500),
	`failing_since` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `webhooks_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `webhook_deliveries` ADD CONSTRAINT `webhook_deliveries_webhook_id_webhooks_id_fk` FOREIGN KEY (`webhook_id`) REFERENCES `webhooks`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `webhooks` ADD CONSTRAINT `webhooks_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `webhook_deliveries_order_idx` ON `webhook_deliveries` (`webhook_id`,`order_key`,`id`);--> statement-breakpoint
CREATE INDEX `webhooks_user_status_idx` ON `webhooks` (`user_id`,`status`);