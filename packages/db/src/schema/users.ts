import { USER_ROLES, USER_STATUSES } from '@chapar/domain';
import { boolean, char, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from './columns';

export const users = mysqlTable(
  'users',
  {
    id: id(),
    name: varchar('name', { length: 255 }).notNull(),
    username: varchar('username', { length: 64 }),
    email: varchar('email', { length: 255 }).notNull(),
    phone: varchar('phone', { length: 32 }).notNull(),
    passwordHash: varchar('password_hash', { length: 255 }).notNull(),
    role: mysqlEnum('role', USER_ROLES).notNull().default('USER'),
    status: mysqlEnum('status', USER_STATUSES).notNull().default('ACTIVE'),
    statusReason: varchar('status_reason', { length: 500 }),
    subscriptionActive: boolean('subscription_active').notNull().default(false),
    subscriptionExpiresAt: timestamp('subscription_expires_at'),
    emailVerifiedAt: timestamp('email_verified_at'),
    phoneVerifiedAt: timestamp('phone_verified_at'),
    locale: varchar('locale', { length: 8 }).notNull().default('fa'),
    defaultCountry: varchar('default_country', { length: 2 }).notNull().default('IR'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(t.email),
    uniqueIndex('users_phone_uq').on(t.phone),
    uniqueIndex('users_username_uq').on(t.username),
    index('users_role_status_idx').on(t.role, t.status),
  ],
);

/**
 * lucia v3 sessions. The id is the SHA-256 (hex) of the token the cookie or Bearer header
 * carries, never the token itself (apps/server/src/auth/lucia.ts).
 */
export const sessions = mysqlTable(
  'sessions',
  {
    id: char('id', { length: 64 }).primaryKey(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Long-lived keys for the typed client; only a SHA-256 of the secret is stored. */
export const apiKeys = mysqlTable(
  'api_keys',
  {
    id: id(),
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 100 }).notNull(),
    prefix: varchar('prefix', { length: 16 }).notNull(),
    keyHash: varchar('key_hash', { length: 64 }).notNull(),
    lastUsedAt: timestamp('last_used_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('api_keys_hash_uq').on(t.keyHash), index('api_keys_user_idx').on(t.userId)],
);
