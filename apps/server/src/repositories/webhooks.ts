import { randomBytes } from 'node:crypto';
import { ChaparError, type WebhookDelivery, type WebhookEventType, type WebhooksPort } from '@chapar/api';
import { type Database, webhookDeliveries, webhooks } from '@chapar/db';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { WebhookDispatcher } from '../webhooks/dispatcher';
import { recordTestEvent } from '../webhooks/outbox';
import { checkTarget, TargetRefused } from '../webhooks/targets';

/** How long `webhooks.test` waits for the first attempt: the 10 s send limit and a poll. */
const TEST_WAIT_MS = 12_000;

const deliveryColumns = {
  id: webhookDeliveries.id,
  eventId: webhookDeliveries.eventId,
  type: webhookDeliveries.type,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastLatencyMs: webhookDeliveries.lastLatencyMs,
  lastError: webhookDeliveries.lastError,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  createdAt: webhookDeliveries.createdAt,
  deliveredAt: webhookDeliveries.deliveredAt,
};

/** A finished row has no next attempt to show. */
const shown = (row: WebhookDelivery): WebhookDelivery =>
  row.status === 'PENDING' ? row : { ...row, nextAttemptAt: null };

export function createWebhooksPort(
  db: Database,
  o: { allowPrivate: boolean; dispatcher: Pick<WebhookDispatcher, 'wake'> },
): WebhooksPort {
  const owned = async (userId: number, id: number) => {
    const [row] = await db
      .select({ id: webhooks.id })
      .from(webhooks)
      .where(and(eq(webhooks.id, id), eq(webhooks.userId, userId)));
    return row !== undefined;
  };
  const delivery = async (id: number) => {
    const [row] = await db
      .select(deliveryColumns)
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, id));
    return row ? shown(row) : null;
  };

  return {
    async create(userId, input) {
      try {
        await checkTarget(input.url, o.allowPrivate);
      } catch (error) {
        if (error instanceof TargetRefused)
          throw new ChaparError('BAD_REQUEST', 'WEBHOOK_TARGET_REFUSED', error.message, {
            field: 'url',
            params: { problem: error.problem, host: error.host, address: error.address },
          });
        throw error;
      }
      const secret = `whsec_${randomBytes(24).toString('hex')}`;
      const [row] = await db
        .insert(webhooks)
        .values({ userId, url: input.url, events: input.events.join(','), secret })
        .$returningId();
      return { id: row!.id, secret };
    },

    async list(userId) {
      const rows = await db
        .select({
          id: webhooks.id,
          url: webhooks.url,
          events: webhooks.events,
          status: webhooks.status,
          disabledReason: webhooks.disabledReason,
          failingSince: webhooks.failingSince,
          createdAt: webhooks.createdAt,
        })
        .from(webhooks)
        .where(eq(webhooks.userId, userId))
        .orderBy(desc(webhooks.id));
      return rows.map((r) => ({ ...r, events: r.events.split(',') as WebhookEventType[] }));
    },

    async remove(userId, id) {
      const [result] = await db.delete(webhooks).where(and(eq(webhooks.id, id), eq(webhooks.userId, userId)));
      return result.affectedRows === 1;
    },

    async test(userId, id) {
      if (!(await owned(userId, id))) return null;
      const deliveryId = await recordTestEvent(db, id, new Date());
      o.dispatcher.wake();
      const deadline = Date.now() + TEST_WAIT_MS;
      for (;;) {
        const row = await delivery(deliveryId);
        if (!row) return null;
        const tried = row.attempts > 0 && row.status !== 'DELIVERING';
        if (tried || Date.now() > deadline) return row;
        await new Promise((r) => setTimeout(r, 100));
      }
    },

    async deliveries(userId, { id, cursor, limit }) {
      if (!(await owned(userId, id))) return null;
      const rows = await db
        .select(deliveryColumns)
        .from(webhookDeliveries)
        .where(
          and(eq(webhookDeliveries.webhookId, id), cursor ? lt(webhookDeliveries.id, cursor) : undefined),
        )
        .orderBy(desc(webhookDeliveries.id))
        .limit(limit + 1);
      const items = rows.slice(0, limit).map(shown);
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
    },

    async redeliver(userId, deliveryId) {
      const [result] = await db
        .update(webhookDeliveries)
        .set({ status: 'PENDING', nextAttemptAt: sql`NOW(3)` })
        .where(
          and(
            eq(webhookDeliveries.id, deliveryId),
            inArray(webhookDeliveries.status, ['SUCCEEDED', 'FAILED']),
            inArray(
              webhookDeliveries.webhookId,
              db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.userId, userId)),
            ),
          ),
        );
      if (result.affectedRows !== 1) return false;
      o.dispatcher.wake();
      return true;
    },

    async enable(userId, id) {
      const [result] = await db
        .update(webhooks)
        .set({ status: 'ACTIVE', disabledReason: null, failingSince: null })
        .where(and(eq(webhooks.id, id), eq(webhooks.userId, userId)));
      if (result.affectedRows !== 1) return false;
      o.dispatcher.wake();
      return true;
    },
  };
}
