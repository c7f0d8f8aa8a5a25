import { randomUUID } from 'node:crypto';
import { WEBHOOK_TEST_EVENT, type WebhookEventType } from '@chapar/api';
import type { Database } from '@chapar/db';
import {
  type EventOwner,
  insertWebhookDeliveries,
  listSubscribedWebhookIds,
  type OutboxWriter,
  readRecipientForEvent,
  type WebhookPayload,
} from '../repositories/webhook-deliveries';

export type { EventOwner, OutboxWriter, WebhookPayload } from '../repositories/webhook-deliveries';

/**
 * Writes an event to the outbox, one row per active endpoint of the owner that asked for
 * its type, with the caller's transaction, so the event exists exactly when the change it
 * reports was committed. Without such an endpoint it costs one indexed read and writes
 * nothing; `data` may be a function so its reads happen only then. `orderKey` names the
 * subject (a recipient, a campaign): one subject's events are delivered in this order.
 */
export async function recordWebhookEvent(
  tx: OutboxWriter,
  owner: EventOwner,
  event: {
    type: WebhookEventType;
    orderKey: string;
    at: Date;
    data: Record<string, unknown> | (() => Promise<Record<string, unknown> | null>);
  },
): Promise<void> {
  const targets = await listSubscribedWebhookIds(tx, owner, event.type);
  if (targets.length === 0) return;
  const data = typeof event.data === 'function' ? await event.data() : event.data;
  if (!data) return;
  await insertWebhookDeliveries(
    tx,
    targets,
    // `at` may be the engine's clock (scaled in tests); the envelope and the retry window use real time.
    { id: randomUUID(), type: event.type, createdAt: new Date().toISOString(), data },
    event.orderKey,
  );
}

/**
 * Many events of one type and owner at once (a pasted or imported opt-out list): one read
 * for the endpoints, nothing more without one; `events` is read only when there is one.
 */
export async function recordWebhookEvents(
  tx: OutboxWriter,
  owner: EventOwner,
  type: WebhookEventType,
  events: () => Promise<Array<{ orderKey: string; data: Record<string, unknown> }>>,
): Promise<void> {
  const targets = await listSubscribedWebhookIds(tx, owner, type);
  if (targets.length === 0) return;
  for (const event of await events()) {
    const payload = { id: randomUUID(), type, createdAt: new Date().toISOString(), data: event.data };
    await insertWebhookDeliveries(tx, targets, payload, event.orderKey);
  }
}

/** The `webhook.test` event for one endpoint; answers the delivery's id. */
export async function recordTestEvent(db: Database, webhookId: number, at: Date): Promise<number> {
  const payload: WebhookPayload = {
    id: randomUUID(),
    type: WEBHOOK_TEST_EVENT,
    createdAt: at.toISOString(),
    data: {
      webhookId,
      message: 'A test event from Chapar: your endpoint is reachable and checks signatures.',
    },
  };
  const [row] = await insertWebhookDeliveries(db, [webhookId], payload, `test:${payload.id}`);
  return row!.id;
}

/** `recipient.status` for a recipient row as it now stands (SENT, DELIVERED, READ, FAILED, SKIPPED). */
export function recordRecipientStatus(tx: OutboxWriter, campaignId: number, recipientId: number, at: Date) {
  return recordWebhookEvent(
    tx,
    { campaignId },
    {
      type: 'recipient.status',
      orderKey: `recipient:${recipientId}`,
      at,
      data: async () => {
        const row = await readRecipientForEvent(tx, recipientId);
        return row ? { ...row, at: at.toISOString() } : null;
      },
    },
  );
}
