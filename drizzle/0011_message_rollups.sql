CREATE TABLE `message_rollups` (
	`user_id` bigint unsigned NOT NULL,
	`quarter_hour` int unsigned NOT NULL,
	`sent` int NOT NULL DEFAULT 0,
	`delivered` int NOT NULL DEFAULT 0,
	`read` int NOT NULL DEFAULT 0,
	`failed` int NOT NULL DEFAULT 0,
	CONSTRAINT `message_rollups_user_id_quarter_hour_pk` PRIMARY KEY(`user_id`,`quarter_hour`)
);
--> statement-breakpoint
ALTER TABLE `message_rollups` ADD CONSTRAINT `message_rollups_user_id_users_id_fk` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX `message_rollups_quarter_idx` ON `message_rollups` (`quarter_hour`);--> statement-breakpoint
-- Backfill from the messages already stored (the same count as rebuildRollups in apps/server/src/repositories/rollups.ts).
INSERT INTO `message_rollups` (`user_id`, `quarter_hour`, `sent`, `delivered`, `read`, `failed`)
SELECT `user_id`, `quarter_hour`, SUM(`sent`), SUM(`delivered`), SUM(`read`), SUM(`failed`) FROM (
  SELECT c.`user_id`, TIMESTAMPDIFF(SECOND, '1970-01-01', r.`sent_at`) DIV 900 AS `quarter_hour`, 1 AS `sent`, 0 AS `delivered`, 0 AS `read`, 0 AS `failed`
    FROM `recipients` r JOIN `campaigns` c ON c.`id` = r.`campaign_id`
   WHERE r.`status` IN ('SENT', 'DELIVERED', 'READ') AND r.`sent_at` IS NOT NULL
  UNION ALL
  SELECT c.`user_id`, TIMESTAMPDIFF(SECOND, '1970-01-01', r.`delivered_at`) DIV 900, 0, 1, 0, 0
    FROM `recipients` r JOIN `campaigns` c ON c.`id` = r.`campaign_id`
   WHERE r.`status` IN ('DELIVERED', 'READ') AND r.`delivered_at` IS NOT NULL
  UNION ALL
  SELECT c.`user_id`, TIMESTAMPDIFF(SECOND, '1970-01-01', r.`read_at`) DIV 900, 0, 0, 1, 0
    FROM `recipients` r JOIN `campaigns` c ON c.`id` = r.`campaign_id`
   WHERE r.`status` = 'READ' AND r.`read_at` IS NOT NULL
  UNION ALL
  SELECT c.`user_id`, TIMESTAMPDIFF(SECOND, '1970-01-01', r.`attempted_at`) DIV 900, 0, 0, 0, 1
    FROM `recipients` r JOIN `campaigns` c ON c.`id` = r.`campaign_id`
   WHERE r.`status` = 'FAILED' AND r.`attempted_at` IS NOT NULL
) AS `events` GROUP BY `user_id`, `quarter_hour`;
