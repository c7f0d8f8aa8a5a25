-- Session ids become SHA-256 hashes of the token: the stored raw tokens match nothing now,
-- and must not stay readable, so every existing session ends (people sign in again).
DELETE FROM `sessions`;--> statement-breakpoint
ALTER TABLE `sessions` MODIFY COLUMN `id` char(64) NOT NULL;