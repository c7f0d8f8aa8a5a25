import { index, int, mysqlTable, primaryKey } from 'drizzle-orm/mysql-core';
import { ref } from './columns';
import { users } from './users';

/** Seconds in one bucket of `message_rollups`. */
export const QUARTER_HOUR_SECONDS = 900;

/**
 * Messages per user per quarter hour, counted like the campaign counters and moved in the
 * same transaction as the recipient row (apps/server/src/engine/rollups.ts), so the
 * dashboard and the admin's hours read a few hundred rows instead of scanning recipients.
 * `sent` by send time (rows now SENT, DELIVERED or READ), `delivered` and `read` by their
 * own times, `failed` by attempt time. `npm run db:rollups` rebuilds it from the recipients.
 */
export const messageRollups = mysqlTable(
  'message_rollups',
  {
    userId: ref('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Start of the quarter hour as Unix seconds ÷ 900 (no time zone involved). */
    quarterHour: int('quarter_hour', { unsigned: true }).notNull(),
    sent: int('sent').notNull().default(0),
    delivered: int('delivered').notNull().default(0),
    read: int('read').notNull().default(0),
    failed: int('failed').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.quarterHour] }),
    // admin.system's last 24 hours, over every user.
    index('message_rollups_quarter_idx').on(t.quarterHour),
  ],
);
