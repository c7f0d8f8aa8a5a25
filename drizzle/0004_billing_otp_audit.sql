CREATE TABLE `audit_log` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`actor_id` bigint unsigned,
	`action` varchar(64) NOT NULL,
	`target_type` varchar(32) NOT NULL,
	`target_id` bigint unsigned,
	`details` longtext,
	`ip` varchar(64),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `audit_log_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `otp_codes` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`target` varchar(255) NOT NULL,
	`purpose` enum('VERIFY_PHONE','VERIFY_EMAIL','RESET_PASSWORD') NOT NULL,
	`channel` enum('SMS','EMAIL') NOT NULL,
	`user_id` bigint unsigned,
	`code_hash` varchar(128) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`attempts` tinyint unsigned NOT NULL DEFAULT 0,
	`consumed_at` datetime(3),
	`request_ip` varchar(64),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `otp_codes_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `payments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`package_id` bigint unsigned NOT NULL,
	`amount` decimal(14,2) NOT NULL,
	`currency` varchar(8) NOT NULL,
	`provider` enum('zarinpal','manual') NOT NULL,
	`status` enum('PENDING','PAID','FAILED','CANCELLED','REJECTED') NOT NULL DEFAULT 'PENDING',
	`reference` varchar(128),
	`provider_ref` varchar(128),
	`payer_detail` varchar(64),
	`receipt_upload_id` bigint unsigned,
	`failure_reason` varchar(500),
	`reviewed_by_id` bigint unsigned,
	`reviewed_at` datetime(3),
	`paid_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `payments_id` PRIMARY KEY(`id`),
	CONSTRAINT `payments_provider_reference_uq` UNIQUE(`provider`,`reference`)
);
--> statement-breakpoint
CREATE TABLE `account_status_events` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`account_id` bigint unsigned NOT NULL,
	`status` enum('DISCONNECTED','CONNECTING','QR','READY','FAILED') NOT NULL,
	`error` varchar(500),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `account_status_events_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `source` enum('TRIAL','PURCHASE','GRANT') DEFAULT 'PURCHASE' NOT NULL;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `payment_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `granted_by_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `usage_warned_at` datetime(3);--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `expiry_warned_at` datetime(3);--> statement-breakpoint
ALTER TABLE `subscriptions` ADD CONSTRAINT `subscriptions_payment_uq` UNIQUE(`payment_id`);--> statement-breakpoint
ALTER TABLE `audit_log` ADD CONSTRAINT `audit_log_actor_id_users_id_fk` FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `otp_codes` ADD CONSTRAINT `otp_codes_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `payments` ADD CONSTRAINT `payments_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `payments` ADD CONSTRAINT `payments_package_id_packages_id_fk` FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `payments` ADD CONSTRAINT `payments_receipt_upload_id_uploads_id_fk` FOREIGN KEY (`receipt_upload_id`) REFERENCES `uploads`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `payments` ADD CONSTRAINT `payments_reviewed_by_id_users_id_fk` FOREIGN KEY (`reviewed_by_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `account_status_events` ADD CONSTRAINT `account_status_events_account_id_whatsapp_accounts_id_fk` FOREIGN KEY (`account_id`) REFERENCES `whatsapp_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `audit_log_created_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_target_idx` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `otp_codes_target_purpose_idx` ON `otp_codes` (`target`,`purpose`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_user_created_idx` ON `payments` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `payments_status_created_idx` ON `payments` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `account_status_events_account_idx` ON `account_status_events` (`account_id`,`id`);--> statement-breakpoint
ALTER TABLE `subscriptions` ADD CONSTRAINT `subscriptions_granted_by_id_users_id_fk` FOREIGN KEY (`granted_by_id`) REFERENCES `users`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Trials existed before this column did: they are the subscriptions without a package.
UPDATE `subscriptions` SET `source` = 'TRIAL' WHERE `package_id` IS NULL;