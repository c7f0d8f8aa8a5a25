import { CAMPAIGN_INTERVALS, CAMPAIGN_STATUSES, PAUSE_CAUSES, RECIPIENT_STATUSES } from '@chapar/domain';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  text,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonText, ref, timestamp, updatedAt } from './columns';
import { users } from './users';
import { whatsappAccounts } from './whatsapp';

export type RecipientVariables = Record<string, string>;

export const campaigns = mysqlTable(
  'campaigns',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Keeping the campaign (and its history) when an account is removed: the link is cleared.
    whatsappAccountId: ref('whatsapp_account_id').references(() => whatsappAccounts.id, {
      onDelete: 'set null',
    }),
    title: varchar('title', { length: 255 }),
    message: text('message').notNull(),
    interval: mysqlEnum('interval', CAMPAIGN_INTERVALS).notNull().default('TEN_SECONDS'),
    status: mysqlEnum('status', CAMPAIGN_STATUSES).notNull().default('DRAFT'),
    isConnected: boolean('is_connected').notNull().default(false),
    totalRecipients: int('total_recipients').notNull().default(0),
    sentCount: int('sent_count').notNull().default(0),
    failedCount: int('failed_count').notNull().default(0),
    deliveredCount: int('delivered_count').notNull().default(0),
    readCount: int('read_count').notNull().default(0),
    skippedCount: int('skipped_count').notNull().default(0),
    /** Pacing beyond the interval: a longer pause after every `batchSize` sends (0 = never). */
    batchSize: int('batch_size').notNull().default(25),
    batchPauseSeconds: int('batch_pause_seconds').notNull().default(90),
    /** Show "typing…" before each message, as a person would. */
    typing: boolean('typing').notNull().default(false),
    scheduledAt: timestamp('scheduled_at'),
    pausedReason: varchar('paused_reason', { length: 500 }),
    pauseCause: mysqlEnum('pause_cause', PAUSE_CAUSES),
    /** The attachment sent with every message; the (personalised) message is its caption. */
    mediaUploadId: ref('media_upload_id'),
    /** Every variable name the recipients carry (from imports), to check the message before start. */
    variableKeys: jsonText<string[] | null>('variable_keys'),
    startedAt: timestamp('started_at'),
    completedAt: timestamp('completed_at'),
    /**
     * +1 on every change of the row (any Drizzle update, counters included): progress
     * events carry it, so a subscriber on any process drops duplicates and stale ones.
     */
    version: int('version')
      .notNull()
      .default(0)
      .$onUpdate(() => sql`\`version\` + 1`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('campaigns_user_status_idx').on(t.userId, t.status, t.id),
    index('campaigns_status_idx').on(t.status),
    index('campaigns_account_status_idx').on(t.whatsappAccountId, t.status),
  ],
);

export const recipients = mysqlTable(
  'recipients',
  {
    id: id(),
    campaignId: ref('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    phone: varchar('phone', { length: 32 }).notNull(),
    name: varchar('name', { length: 255 }),
    variables: jsonText<RecipientVariables | null>('variables'),
    status: mysqlEnum('status', RECIPIENT_STATUSES).notNull().default('PENDING'),
    whatsappMessageId: varchar('whatsapp_message_id', { length: 128 }),
    /** When the engine claimed the row for sending (PENDING→SENDING). */
    attemptedAt: timestamp('attempted_at'),
    /** The subscription the send was charged to, so a failed send can be refunded. */
    subscriptionId: ref('subscription_id'),
    sentAt: timestamp('sent_at'),
    deliveredAt: timestamp('delivered_at'),
    readAt: timestamp('read_at'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('recipients_campaign_phone_uq').on(t.campaignId, t.phone),
    // The engine's queue scan: next PENDING row of a campaign in insertion order.
    index('recipients_campaign_status_idx').on(t.campaignId, t.status, t.id),
    index('recipients_message_idx').on(t.whatsappMessageId),
    // The daily cap counts an account's sends of the last 24 hours.
    index('recipients_attempted_idx').on(t.attemptedAt),
    // The recipients table sorted by send time (the "sent" tab's natural order) without a
    // filesort of the whole campaign. Sorting by name stays a filesort: rarer, and an index
    // on a 255-character column would slow every import.
    index('recipients_campaign_sent_idx').on(t.campaignId, t.sentAt, t.id),
  ],
);

/** Numbers a user must not message again (a STOP reply, or added by hand). */
export const optOuts = mysqlTable(
  'opt_outs',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    phone: varchar('phone', { length: 32 }).notNull(),
    source: varchar('source', { length: 32 }).notNull().default('manual'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('opt_outs_user_phone_uq').on(t.userId, t.phone)],
);
