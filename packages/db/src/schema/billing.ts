import { PACKAGE_STATUSES } from '@chapar/api/domain';
import { decimal, index, int, mysqlEnum, mysqlTable, text, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from './columns';
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
    createdAt: createdAt(),
  },
  (t) => [index('subscriptions_user_expires_idx').on(t.userId, t.expiresAt)],
);
