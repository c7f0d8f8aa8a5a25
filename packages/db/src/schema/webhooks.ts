import { index, int, longtext, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from './columns';
import { users } from './users';

/** A developer's endpoint: where events of the chosen types are POSTed, signed with the secret. */
export const webhooks = mysqlTable(
  'webhooks',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    url: varchar('url', { length: 2000 }).notNull(),
    /** Comma-separated event types, so the outbox insert can filter with FIND_IN_SET. */
    events: varchar('events', { length: 255 }).notNull(),
    /** Shown once at creation; kept in clear because every delivery is signed with it. */
    secret: varchar('secret', { length: 100 }).notNull(),
    status: mysqlEnum('status', ['ACTIVE', 'DISABLED']).notNull().default('ACTIVE'),
    disabledReason: varchar('disabled_reason', { length: 500 }),
    /** When the current run of failed attempts began (null after a success): a day of it disables. */
    failingSince: timestamp('failing_since'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhooks_user_status_idx').on(t.userId, t.status)],
);

/**
 * The outbox: one row per event and endpoint, written in the same transaction as the change
 * it reports, and the delivery log the user sees. `body` is the exact JSON that is signed
 * and sent on every attempt; `orderKey` (e.g. the recipient) keeps one subject's events in order.
 */
export const webhookDeliveries = mysqlTable(
  'webhook_deliveries',
  {
    id: id(),
    webhookId: ref('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    eventId: varchar('event_id', { length: 36 }).notNull(),
    type: varchar('type', { length: 40 }).notNull(),
    body: longtext('body').notNull(),
    orderKey: varchar('order_key', { length: 64 }).notNull(),
    status: mysqlEnum('status', ['PENDING', 'DELIVERING', 'SUCCEEDED', 'FAILED'])
      .notNull()
      .default('PENDING'),
    attempts: int('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    /** While DELIVERING: the claim's token and until when it holds (a crashed process's claim lapses). */
    claimToken: varchar('claim_token', { length: 36 }),
    claimedUntil: timestamp('claimed_until'),
    lastStatusCode: int('last_status_code'),
    lastLatencyMs: int('last_latency_ms'),
    lastError: varchar('last_error', { length: 500 }),
    lastAttemptAt: timestamp('last_attempt_at'),
    createdAt: createdAt(),
    deliveredAt: timestamp('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_order_idx').on(t.webhookId, t.orderKey, t.id),
  ],
);
