/** The event types a webhook can ask for (DESIGN.md, API: webhooks). */
export const WEBHOOK_EVENTS = [
  'recipient.status',
  'message.received',
  'optout.created',
  'campaign.status',
  'account.status',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** What `webhooks.test` sends: delivered like any event, to the one endpoint it names. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';
