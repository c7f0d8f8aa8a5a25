import { ACCOUNT_STATUSES, WHATSAPP_DRIVERS } from '@chapar/api/domain';
import { index, int, mysqlEnum, mysqlTable, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from './columns';
import { users } from './users';

export const whatsappAccounts = mysqlTable(
  'whatsapp_accounts',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: varchar('label', { length: 100 }).notNull(),
    driver: mysqlEnum('driver', WHATSAPP_DRIVERS).notNull(),
    status: mysqlEnum('status', ACCOUNT_STATUSES).notNull().default('DISCONNECTED'),
    /** Human-readable reason while FAILED or after an unexpected disconnect. */
    error: varchar('error', { length: 500 }),
    /** The linked number (E.164) once WhatsApp reports ready. */
    phone: varchar('phone', { length: 32 }),
    /** Where the driver keeps its login; null until linked once. Cleared by logout. */
    authRef: varchar('auth_ref', { length: 255 }),
    lastSeenAt: timestamp('last_seen_at'),
    /** When the current login was made (the QR scan); young logins send slower (warm-up). */
    linkedAt: timestamp('linked_at'),
    /** At most this many sends in any 24 hours (WhatsApp bans numbers that burst). */
    dailyLimit: int('daily_limit').notNull().default(250),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('whatsapp_accounts_user_idx').on(t.userId),
    index('whatsapp_accounts_status_idx').on(t.status),
  ],
);

/**
 * Each status an account passed through, for the account page's history. Written by the
 * session manager alongside the status itself; old rows can be pruned freely.
 */
export const accountStatusEvents = mysqlTable(
  'account_status_events',
  {
    id: id(),
    accountId: ref('account_id')
      .notNull()
      .references(() => whatsappAccounts.id, { onDelete: 'cascade' }),
    status: mysqlEnum('status', ACCOUNT_STATUSES).notNull(),
    error: varchar('error', { length: 500 }),
    createdAt: createdAt(),
  },
  (t) => [index('account_status_events_account_idx').on(t.accountId, t.id)],
);
