import {
  OTP_CHANNELS,
  OTP_DELIVERIES,
  OTP_PURPOSES,
  PACKAGE_STATUSES,
  PAYMENT_PROVIDERS,
  PAYMENT_STATUSES,
  SUBSCRIPTION_SOURCES,
} from '@chapar/domain';
import {
  decimal,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  text,
  tinyint,
  uniqueIndex,
  varchar,
} from 'drizzle-orm/mysql-core';
import { createdAt, id, jsonText, ref, timestamp, updatedAt } from './columns';
import { uploads } from './uploads';
import { users } from './users';

export const packages = mysqlTable(
  'packages',
  {
    id: id(),
    title: varchar('title', { length: 255 }).notNull(),
    description: text('description'),
    price: decimal('price', { precision: 10, scale: 2 }).notNull(),
    /** Days. */
    duration: int('duration').notNull(),
    category: varchar('category', { length: 255 }),
    status: mysqlEnum('status', PACKAGE_STATUSES).notNull().default('ACTIVE'),
    messageLimit: int('message_limit').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('packages_status_idx').on(t.status)],
);

/**
 * A period of service with a message allowance. Trials have no package. A send consumes
 * one message with a guarded UPDATE (`messages_used < message_limit`), so racing
 * campaigns cannot both take the last one.
 */
export const subscriptions = mysqlTable(
  'subscriptions',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    packageId: ref('package_id').references(() => packages.id, { onDelete: 'restrict' }),
    startsAt: timestamp('starts_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    messageLimit: int('message_limit').notNull(),
    messagesUsed: int('messages_used').notNull().default(0),
    source: mysqlEnum('source', SUBSCRIPTION_SOURCES).notNull().default('PURCHASE'),
    /** The payment that bought it (PURCHASE), unique so one payment can never grant twice. */
    paymentId: ref('payment_id'),
    /** The admin who granted it (GRANT). */
    grantedById: ref('granted_by_id').references(() => users.id, { onDelete: 'set null' }),
    /** Set once the 80%-used warning went out, so it is sent once per subscription. */
    usageWarnedAt: timestamp('usage_warned_at'),
    /** Set once the 3-days-before-expiry warning went out. */
    expiryWarnedAt: timestamp('expiry_warned_at'),
    createdAt: createdAt(),
  },
  (t) => [
    index('subscriptions_user_expires_idx').on(t.userId, t.expiresAt),
    uniqueIndex('subscriptions_payment_uq').on(t.paymentId),
  ],
);

/**
 * One attempt to pay for a package. `reference` is the provider's id for it (ZarinPal's
 * authority); unique per provider so a replayed callback finds the same row.
 */
export const payments = mysqlTable(
  'payments',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    packageId: ref('package_id')
      .notNull()
      .references(() => packages.id, { onDelete: 'restrict' }),
    /** What was asked of the payer, in `currency` (the package price at the time). */
    amount: decimal('amount', { precision: 14, scale: 2 }).notNull(),
    currency: varchar('currency', { length: 8 }).notNull(),
    provider: mysqlEnum('provider', PAYMENT_PROVIDERS).notNull(),
    status: mysqlEnum('status', PAYMENT_STATUSES).notNull().default('PENDING'),
    reference: varchar('reference', { length: 128 }),
    /** The provider's receipt number once verified (ZarinPal ref_id). */
    providerRef: varchar('provider_ref', { length: 128 }),
    /** Masked card number or similar detail the provider returns. */
    payerDetail: varchar('payer_detail', { length: 64 }),
    /** Manual transfers: the receipt image or PDF the user uploaded. */
    receiptUploadId: ref('receipt_upload_id').references(() => uploads.id, { onDelete: 'set null' }),
    /** Why it failed, was cancelled or rejected, in words a person can act on. */
    failureReason: varchar('failure_reason', { length: 500 }),
    reviewedById: ref('reviewed_by_id').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at'),
    paidAt: timestamp('paid_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payments_user_created_idx').on(t.userId, t.createdAt),
    index('payments_status_created_idx').on(t.status, t.createdAt),
    uniqueIndex('payments_provider_reference_uq').on(t.provider, t.reference),
  ],
);

/**
 * One-time codes for phone/email verification and password reset. Only a hash of the
 * code is stored; `attempts` counts wrong guesses, `consumedAt` ends its life on success.
 */
export const otpCodes = mysqlTable(
  'otp_codes',
  {
    id: id(),
    /** E.164 phone or lower-cased email. */
    target: varchar('target', { length: 255 }).notNull(),
    purpose: mysqlEnum('purpose', OTP_PURPOSES).notNull(),
    channel: mysqlEnum('channel', OTP_CHANNELS).notNull(),
    userId: ref('user_id').references(() => users.id, { onDelete: 'cascade' }),
    codeHash: varchar('code_hash', { length: 128 }).notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    attempts: tinyint('attempts', { unsigned: true }).notNull().default(0),
    consumedAt: timestamp('consumed_at'),
    /** Rows from before this column were sent before they were answered, hence SENT. */
    delivery: mysqlEnum('delivery', OTP_DELIVERIES).notNull().default('SENT'),
    requestIp: varchar('request_ip', { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [index('otp_codes_target_purpose_idx').on(t.target, t.purpose, t.createdAt)],
);

/** What administrators did: who, to what, when, with the details that matter later. */
export const auditLog = mysqlTable(
  'audit_log',
  {
    id: id(),
    actorId: ref('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** Dotted verb, e.g. `user.ban`, `user.role`, `subscription.grant`, `payment.approve`. */
    action: varchar('action', { length: 64 }).notNull(),
    targetType: varchar('target_type', { length: 32 }).notNull(),
    targetId: ref('target_id'),
    details: jsonText<Record<string, unknown>>('details'),
    ip: varchar('ip', { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [
    index('audit_log_created_idx').on(t.createdAt),
    index('audit_log_actor_idx').on(t.actorId, t.createdAt),
    index('audit_log_target_idx').on(t.targetType, t.targetId),
  ],
);
