import type { RouterOutputs } from '../trpc/trpc';

export type Webhook = RouterOutputs['webhooks']['list'][number];
export type WebhookDelivery = RouterOutputs['webhooks']['deliveries']['items'][number];
export type WebhookEventType = Webhook['events'][number];

/** The order the form offers them in; typed against the API, so a new event fails the typecheck here. */
export const WEBHOOK_EVENT_TYPES: WebhookEventType[] = [
  'recipient.status',
  'message.received',
  'optout.created',
  'campaign.status',
  'account.status',
];
