CREATE TABLE `uploads` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`user_id` bigint unsigned NOT NULL,
	`sha256` varchar(64) NOT NULL,
	`mime_type` varchar(100) NOT NULL,
	`kind` varchar(16) NOT NULL,
	`size` bigint unsigned NOT NULL,
	`file_name` varchar(255) NOT NULL,
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `uploads_id` PRIMARY KEY(`id`),
	CONSTRAINT `uploads_user_sha_uq` UNIQUE(`user_id`,`sha256`)
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `media_upload_id` bigint unsigned;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `variable_keys` longtext;--> statement-breakpoint
ALTER TABLE `uploads` ADD CONSTRAINT `uploads_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `uploads_user_idx` ON `uploads` (`user_id`);