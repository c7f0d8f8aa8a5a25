CREATE TABLE `account_login_chunks` (
	`account_id` bigint unsigned NOT NULL,
	`version` int NOT NULL,
	`seq` int NOT NULL,
	`data` mediumblob NOT NULL,
	CONSTRAINT `account_login_chunks_account_id_version_seq_pk` PRIMARY KEY(`account_id`,`version`,`seq`)
);
--> statement-breakpoint
CREATE TABLE `account_logins` (
	`account_id` bigint unsigned NOT NULL,
	`version` int NOT NULL,
	`bytes` int NOT NULL,
	`sha256` varchar(64) NOT NULL,
	`chunks` int NOT NULL,
	`saved_by` varchar(128),
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `account_logins_account_id` PRIMARY KEY(`account_id`)
);
--> statement-breakpoint
CREATE TABLE `workers` (
	`id` varchar(128) NOT NULL,
	`role` varchar(16) NOT NULL,
	`host` varchar(255) NOT NULL,
	`pid` int NOT NULL,
	`started_at` datetime(3) NOT NULL,
	`heartbeat_at` datetime(3) NOT NULL,
	`accounts` int NOT NULL DEFAULT 0,
	`browsers` int NOT NULL DEFAULT 0,
	`max_accounts` int NOT NULL DEFAULT 0,
	CONSTRAINT `workers_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `version` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `qr` text;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `status_version` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `desired` enum('CONNECTED','DISCONNECTED','LOGGED_OUT','REMOVED') DEFAULT 'DISCONNECTED' NOT NULL;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `desired_seq` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `applied_seq` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `lease_owner` varchar(128);--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `lease_epoch` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `whatsapp_accounts` ADD `lease_expires_at` datetime(3);--> statement-breakpoint
ALTER TABLE `account_login_chunks` ADD CONSTRAINT `account_login_chunks_account_id_whatsapp_accounts_id_fk` FOREIGN KEY (`account_id`) REFERENCES `whatsapp_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE `account_logins` ADD CONSTRAINT `account_logins_account_id_whatsapp_accounts_id_fk` FOREIGN KEY (`account_id`) REFERENCES `whatsapp_accounts`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `whatsapp_accounts_lease_idx` ON `whatsapp_accounts` (`lease_owner`);--> statement-breakpoint
-- Accounts that were linked and in use keep being restored after a restart, now by whichever worker leases them.
UPDATE `whatsapp_accounts` SET `desired` = 'CONNECTED' WHERE `status` IN ('READY', 'CONNECTING') AND `auth_ref` IS NOT NULL;
