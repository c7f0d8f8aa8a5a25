ALTER TABLE `campaigns` ADD `paused_params` longtext;--> statement-breakpoint
ALTER TABLE `recipients` ADD `error_code` varchar(64);--> statement-breakpoint
ALTER TABLE `recipients` ADD `error_params` longtext;--> statement-breakpoint
-- Rows written before reasons existed: the engine's own sentences get their codes, anything else
-- (a driver's words) becomes SEND_FAILED with the text as its detail. The text columns stay.
UPDATE `recipients` SET `error_code` = CASE
    WHEN `error` LIKE 'Not on WhatsApp%' THEN 'NOT_ON_WHATSAPP'
    WHEN `error` LIKE 'Opted out%' THEN 'OPTED_OUT'
    WHEN `error` = 'Campaign cancelled.' THEN 'CAMPAIGN_CANCELLED'
    WHEN `error` LIKE 'The account changed while this send%' THEN 'ACCOUNT_CHANGED_DURING_SEND'
    WHEN `error` LIKE 'The server stopped during this send%' THEN 'SEND_INTERRUPTED'
    WHEN `error` LIKE 'WhatsApp reported%' THEN 'WHATSAPP_REJECTED'
    ELSE 'SEND_FAILED' END,
  `error_params` = CASE WHEN `error` LIKE 'Not on WhatsApp%' OR `error` LIKE 'Opted out%' OR `error` = 'Campaign cancelled.'
      OR `error` LIKE 'The account changed while this send%' OR `error` LIKE 'The server stopped during this send%'
    THEN '{}' ELSE JSON_OBJECT('detail', `error`) END
  WHERE `error` IS NOT NULL AND `error_code` IS NULL;--> statement-breakpoint
UPDATE `campaigns` SET `paused_params` = CASE
    WHEN `pause_cause` = 'USER' AND `paused_reason` IS NOT NULL AND `paused_reason` <> 'Paused by you.'
      THEN JSON_OBJECT('note', `paused_reason`, 'byAdmin', true)
    ELSE '{}' END
  WHERE `pause_cause` IS NOT NULL AND `paused_params` IS NULL;
