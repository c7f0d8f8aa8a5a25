CREATE TABLE `whatsapp_lids` (
	`account_id` bigint unsigned NOT NULL,
	`lid` varchar(64) NOT NULL,
	`phone` varchar(32) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `whatsapp_lids_account_id_lid_pk` PRIMARY KEY(`account_id`,`lid`)
);
--> statement-breakpoint
ALTER TABLE `whatsapp_lids` ADD CONSTRAINT `whatsapp_lids_account_id_whatsapp_accounts_id_fk` FOREIGN KEY (`account_id`) REFERENCES `whatsapp_accounts`(`id`) ON DELETE cascade ON UPDATE no action;