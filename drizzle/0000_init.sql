CREATE TABLE `packages` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`title` varchar(255) NOT NULL,
	`description` text,
	`price` decimal(10,2) NOT NULL,
	`duration` int NOT NULL,
	`category` varchar(255),
	`status` enum('ACTIVE','INACTIVE') NOT NULL DEFAULT 'ACTIVE',
	`message_limit` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `packages_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`package_id` bigint unsigned,
	`starts_at` datetime(3) NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	`message_limit` int NOT NULL,
	`messages_used` int NOT NULL DEFAULT 0,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `subscriptions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`whatsapp_account_id` bigint unsigned,
	`title` varchar(255),
	`message` text NOT NULL,
	`interval` enum('FIVE_SECONDS','TEN_SECONDS','TWENTY_SECONDS') NOT NULL DEFAULT 'TEN_SECONDS',
	`status` enum('DRAFT','READY','SCHEDULED','RUNNING','PAUSED','COMPLETED','FAILED','CANCELLED') NOT NULL DEFAULT 'DRAFT',
	`is_connected` boolean NOT NULL DEFAULT false,
	`total_recipients` int NOT NULL DEFAULT 0,
	`sent_count` int NOT NULL DEFAULT 0,
	`failed_count` int NOT NULL DEFAULT 0,
	`delivered_count` int NOT NULL DEFAULT 0,
	`read_count` int NOT NULL DEFAULT 0,
	`skipped_count` int NOT NULL DEFAULT 0,
	`scheduled_at` datetime(3),
	`paused_reason` varchar(500),
	`pause_cause` enum('USER','ACCOUNT','QUOTA','ERRORS'),
	`media` longtext,
	`started_at` datetime(3),
	`completed_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `campaigns_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `opt_outs` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`phone` varchar(32) NOT NULL,
	`source` varchar(32) NOT NULL DEFAULT 'manual',
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `opt_outs_id` PRIMARY KEY(`id`),
	CONSTRAINT `opt_outs_user_phone_uq` UNIQUE(`user_id`,`phone`)
);
--> statement-breakpoint
CREATE TABLE `recipients` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`campaign_id` bigint unsigned NOT NULL,
	`phone` varchar(32) NOT NULL,
	`name` varchar(255),
	`variables` longtext,
	`status` enum('PENDING','SENDING','SENT','DELIVERED','READ','FAILED','SKIPPED') NOT NULL DEFAULT 'PENDING',
	`whatsapp_message_id` varchar(128),
	`attempted_at` datetime(3),
	`subscription_id` bigint unsigned,
	`sent_at` datetime(3),
	`delivered_at` datetime(3),
	`read_at` datetime(3),
	`error` text,
	CONSTRAINT `recipients_id` PRIMARY KEY(`id`),
	CONSTRAINT `recipients_campaign_phone_uq` UNIQUE(`campaign_id`,`phone`)
);
--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`name` varchar(100) NOT NULL,
	`prefix` varchar(16) NOT NULL,
	`key_hash` varchar(64) NOT NULL,
	`last_used_at` datetime(3),
	`revoked_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `api_keys_id` PRIMARY KEY(`id`),
	CONSTRAINT `api_keys_hash_uq` UNIQUE(`key_hash`)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` varchar(255) NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`expires_at` datetime(3) NOT NULL,
	CONSTRAINT `sessions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`name` varchar(255) NOT NULL,
	`username` varchar(64),
	`email` varchar(255) NOT NULL,
	`phone` varchar(32) NOT NULL,
	`password_hash` varchar(255) NOT NULL,
	`role` enum('USER','ADMIN','SUPER_ADMIN') NOT NULL DEFAULT 'USER',
	`status` enum('ACTIVE','INACTIVE','BANNED') NOT NULL DEFAULT 'ACTIVE',
	`status_reason` varchar(500),
	`subscription_active` boolean NOT NULL DEFAULT false,
	`subscription_expires_at` datetime(3),
	`email_verified_at` datetime(3),
	`phone_verified_at` datetime(3),
	`locale` varchar(8) NOT NULL DEFAULT 'fa',
	`default_country` varchar(2) NOT NULL DEFAULT 'IR',
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `users_id` PRIMARY KEY(`id`),
	CONSTRAINT `users_email_uq` UNIQUE(`email`),
	CONSTRAINT `users_phone_uq` UNIQUE(`phone`),
	CONSTRAINT `users_username_uq` UNIQUE(`username`)
);
--> statement-breakpoint
CREATE TABLE `whatsapp_accounts` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`label` varchar(100) NOT NULL,
	`driver` enum('wwebjs','sandbox') NOT NULL,
	`status` enum('DISCONNECTED','CONNECTING','QR','READY','FAILED') NOT NULL DEFAULT 'DISCONNECTED',
	`error` varchar(500),
	`phone` varchar(32),
	`auth_ref` varchar(255),
	`last_seen_at` datetime(3),
	`created_at` datetime(3) NOT NULL,
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `whatsapp_accounts_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `subscriptions` ADD CONSTRAINT `subscriptions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `subscriptions` ADD CONSTRAINT `subscriptions_package_id_packages_id_fk` FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `campaigns` ADD CONSTRAINT `campaigns_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `campaigns` ADD CONSTRAINT `campaigns_whatsapp_account_id_whatsapp_accounts_id_fk` FOREIGN KEY (`whatsapp_account_id`) REFERENCES `whatsapp_accounts`(`id`) ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `opt_outs` ADD CONSTRAINT `opt_outs_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `recipients` ADD CONSTRAINT `recipients_campaign_id_campaigns_id_fk` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `api_keys` ADD CONSTRAINT `api_keys_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `sessions` ADD CONSTRAINT `sessions_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD CONSTRAINT `whatsapp_accounts_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `packages_status_idx` ON `packages` (`status`);--> statement-breakpoint
CREATE INDEX `subscriptions_user_expires_idx` ON `subscriptions` (`user_id`,`expires_at`);--> statement-breakpoint
CREATE INDEX `campaigns_user_status_idx` ON `campaigns` (`user_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`);--> statement-breakpoint
CREATE INDEX `campaigns_account_status_idx` ON `campaigns` (`whatsapp_account_id`,`status`);--> statement-breakpoint
CREATE INDEX `recipients_campaign_status_idx` ON `recipients` (`campaign_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `recipients_message_idx` ON `recipients` (`whatsapp_message_id`);--> statement-breakpoint
CREATE INDEX `api_keys_user_idx` ON `api_keys` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `users_role_status_idx` ON `users` (`role`,`status`);--> statement-breakpoint
CREATE INDEX `whatsapp_accounts_user_idx` ON `whatsapp_accounts` (`user_id`);--> statement-breakpoint
CREATE INDEX `whatsapp_accounts_status_idx` ON `whatsapp_accounts` (`status`);