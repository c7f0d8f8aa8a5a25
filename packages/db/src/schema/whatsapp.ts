import { ACCOUNT_STATUSES, WHATSAPP_DRIVERS } from '@chapar/domain';
import {
  customType,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  text,
  varchar,
} from 'drizzle-orm/mysql-core';
import { createdAt, id, ref, timestamp, updatedAt } from './columns';
import { users } from './users';

/** What the user asked of an account; its owner reconciles the session to it. */
export const ACCOUNT_DESIRED_STATES = ['CONNECTED', 'DISCONNECTED', 'LOGGED_OUT', 'REMOVED'] as const;
export type AccountDesiredState = (typeof ACCOUNT_DESIRED_STATES)[number];

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
    /** The QR code while one is shown (status QR), so every API process can serve it. */
    qr: text('qr'),
    /** +1 on every status change: subscribers on any process drop events older than what they have. */
    statusVersion: int('status_version').notNull().default(0),
    /**
     * What the user asked for (cluster/README: desired state). The owner reconciles its
     * session to it; `desiredSeq` moves on every request, so "connect again" is seen too.
     */
    desired: mysqlEnum('desired', ACCOUNT_DESIRED_STATES).notNull().default('DISCONNECTED'),
    desiredSeq: int('desired_seq').notNull().default(0),
    /** The last `desiredSeq` its owner carried out: a command waits for this to catch up. */
    appliedSeq: int('applied_seq').notNull().default(0),
    /** The worker holding the account's lease, the fencing epoch (+1 per owner change), and its expiry (database clock). */
    leaseOwner: varchar('lease_owner', { length: 128 }),
    leaseEpoch: int('lease_epoch').notNull().default(0),
    leaseExpiresAt: timestamp('lease_expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('whatsapp_accounts_user_idx').on(t.userId),
    index('whatsapp_accounts_status_idx').on(t.status),
    index('whatsapp_accounts_lease_idx').on(t.leaseOwner),
  ],
);

/** One row per worker process, written on its heartbeat, for the admin's System page and fair shares. */
export const workers = mysqlTable('workers', {
  id: varchar('id', { length: 128 }).primaryKey(),
  role: varchar('role', { length: 16 }).notNull(),
  host: varchar('host', { length: 255 }).notNull(),
  pid: int('pid').notNull(),
  startedAt: timestamp('started_at').notNull(),
  heartbeatAt: timestamp('heartbeat_at').notNull(),
  accounts: int('accounts').notNull().default(0),
  browsers: int('browsers').notNull().default(0),
  maxAccounts: int('max_accounts').notNull().default(0),
});

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

/** Bytes as MEDIUMBLOB (up to 16 MB a row): chunks of an archived login profile. */
const mediumBlob = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'mediumblob' });

/**
 * The database login store (LOGIN_STORE=mysql): the latest archived browser profile of an
 * account, so that a worker on another machine restores the login before its browser
 * starts. `version` moves on every backup; chunks of older versions are deleted with it.
 */
export const accountLogins = mysqlTable('account_logins', {
  accountId: ref('account_id')
    .primaryKey()
    .references(() => whatsappAccounts.id, { onDelete: 'cascade' }),
  version: int('version').notNull(),
  bytes: int('bytes').notNull(),
  sha256: varchar('sha256', { length: 64 }).notNull(),
  chunks: int('chunks').notNull(),
  savedBy: varchar('saved_by', { length: 128 }),
  updatedAt: timestamp('updated_at').notNull(),
});

export const accountLoginChunks = mysqlTable(
  'account_login_chunks',
  {
    accountId: ref('account_id')
      .notNull()
      .references(() => whatsappAccounts.id, { onDelete: 'cascade' }),
    version: int('version').notNull(),
    seq: int('seq').notNull(),
    data: mediumBlob('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.version, t.seq] })],
);

/**
 * Which phone number each private LID (`…@lid`) of a recipient stands for, learned when an
 * account sends to the number: a reply from the LID is then matched to its recipient (an
 * opt-out) on whichever worker holds the account.
 */
export const whatsappLids = mysqlTable(
  'whatsapp_lids',
  {
    accountId: ref('account_id')
      .notNull()
      .references(() => whatsappAccounts.id, { onDelete: 'cascade' }),
    lid: varchar('lid', { length: 64 }).notNull(),
    phone: varchar('phone', { length: 32 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.lid] })],
);
