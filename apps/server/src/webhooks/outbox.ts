import { randomUUID } from 'node:crypto';
import { WEBHOOK_TEST_EVENT, type WebhookEventType } from '@chapar/api';
import {
  campaigns,
  type Database,
  recipients,
  webhookDeliveries,
  webhooks,
  whatsappAccounts,
} from '@chapar/db';
import { and, eq, sql } from 'drizzle-orm';

/** A transaction or the database itself: what the outbox writes with. */
export type OutboxWriter = Pick<Database, 'select' | 'insert'>;

/** Whose endpoints hear the event: a user, or the owner of a campaign or account. */
export type EventOwner = { userId: number } | { campaignId: number } | { accountId: number };

/** The JSON every endpoint receives; its `id` is `X-Chapar-Delivery`, the same on every retry. */
export interface WebhookPayload {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

function ownerId(owner: EventOwner) {
  if ('userId' in owner) return sql`${owner.userId}`;
  if ('campaignId' in owner)
    return sql`(SELECT ${campaigns.userId} FROM ${campaigns} WHERE ${campaigns.id} = ${owner.campaignId})`;
  return sql`(SELECT ${whatsappAccounts.userId} FROM ${whatsappAccounts} WHERE ${whatsappAccounts.id} = ${owner.accountId})`;
}

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
  const targets = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        sql`${webhooks.userId} = ${ownerId(owner)}`,
        eq(webhooks.status, 'ACTIVE'),
        sql`FIND_IN_SET(${event.type}, ${webhooks.events}) > 0`,
      ),
    );
  if (targets.length === 0) return;
  const data = typeof event.data === 'function' ? await event.data() : event.data;
  if (!data) return;
  await insertDeliveries(
    tx,
    targets.map((t) => t.id),
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
  const targets = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(
      and(
        sql`${webhooks.userId} = ${ownerId(owner)}`,
        eq(webhooks.status, 'ACTIVE'),
        sql`FIND_IN_SET(${type}, ${webhooks.events}) > 0`,
      ),
    );
  if (targets.length === 0) return;
  const ids = targets.map((t) => t.id);
  for (const event of await events()) {
    const payload = { id: randomUUID(), type, createdAt: new Date().toISOString(), data: event.data };
    await insertDeliveries(tx, ids, payload, event.orderKey);
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
  const [row] = await insertDeliveries(db, [webhookId], payload, `test:${payload.id}`);
  return row!.id;
}

function insertDeliveries(tx: OutboxWriter, webhookIds: number[], payload: WebhookPayload, orderKey: string) {
  const body = JSON.stringify(payload);
  return tx
    .insert(webhookDeliveries)
    .values(
      webhookIds.map((webhookId) => ({
        webhookId,
        eventId: payload.id,
        type: payload.type,
        body,
        orderKey: orderKey.slice(0, 64),
        nextAttemptAt: sql`NOW(3)`,
        createdAt: new Date(payload.createdAt),
      })),
    )
    .$returningId();
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
        const [row] = await tx
          .select({
            campaignId: recipients.campaignId,
            recipientId: recipients.id,
            phone: recipients.phone,
            name: recipients.name,
            status: recipients.status,
            messageId: recipients.whatsappMessageId,
            error: recipients.error,
            errorCode: recipients.errorCode,
            errorParams: recipients.errorParams,
          })
          .from(recipients)
          .where(eq(recipients.id, recipientId));
        return row ? { ...row, at: at.toISOString() } : null;
      },
    },
  );
}
