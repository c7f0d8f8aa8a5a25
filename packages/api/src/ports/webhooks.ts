import type { WebhookEventType } from '../webhook-events';

export interface Webhook {
  id: number;
  url: string;
  events: WebhookEventType[];
  status: 'ACTIVE' | 'DISABLED';
  /** Why it was disabled (a day of failed deliveries), shown as the notice on the page. */
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
}

export interface WebhookDelivery {
  id: number;
  eventId: string;
  type: string;
  status: 'PENDING' | 'DELIVERING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** Developers' endpoints and their delivery log; every method is scoped to the owner. */
export interface WebhooksPort {
  /** Refuses (BAD_REQUEST, field `url`) a target that is not http(s) or resolves to a private address. */
  create(
    userId: number,
    input: { url: string; events: WebhookEventType[] },
  ): Promise<{ id: number; secret: string }>;
  list(userId: number): Promise<Webhook[]>;
  remove(userId: number, id: number): Promise<boolean>;
  /** Queues a `webhook.test` event for the endpoint and waits (up to ~12 s) for its first attempt. */
  test(userId: number, id: number): Promise<WebhookDelivery | null>;
  /** Newest first; null when the webhook is not the user's. */
  deliveries(
    userId: number,
    input: { id: number; cursor?: number | null | undefined; limit: number },
  ): Promise<{ items: WebhookDelivery[]; nextCursor: number | null } | null>;
  /** "Send again": the same event (same id and body) queued for a new attempt now. */
  redeliver(userId: number, deliveryId: number): Promise<boolean>;
  /** Turns a disabled endpoint back on (its failure run starts afresh). */
  enable(userId: number, id: number): Promise<boolean>;
}
