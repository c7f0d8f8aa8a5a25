import type { DashboardPort, MessageBucket } from '@chapar/api';
import { campaigns, type Database, recipients } from '@chapar/db';
import { and, count, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { MySqlColumn } from 'drizzle-orm/mysql-core';

const QUARTER_HOUR_S = 900;
type Kind = Exclude<keyof MessageBucket, 'at'>;

/** The user's messages per quarter hour; the session is UTC, so UNIX_TIMESTAMP reads the stored instant. */
export function createDashboardPort(db: Database): DashboardPort {
  const perQuarter = (column: MySqlColumn, from: Date, to: Date, extra: SQL) => {
    const quarter = sql<number>`FLOOR(UNIX_TIMESTAMP(${column}) / ${QUARTER_HOUR_S})`.mapWith(Number);
    return db
      .select({ quarter, n: count() })
      .from(recipients)
      .innerJoin(campaigns, eq(campaigns.id, recipients.campaignId))
      .where(and(gte(column, from), lt(column, to), extra))
      .groupBy(quarter);
  };
  return {
    async activity(userId, from, to) {
      const owner = (column: MySqlColumn, extra: SQL) =>
        perQuarter(column, from, to, and(eq(campaigns.userId, userId), extra)!);
      // Counted like the campaign counters: a delivered or read message was also sent.
      const [sent, delivered, read, failed] = await Promise.all([
        owner(recipients.sentAt, inArray(recipients.status, ['SENT', 'DELIVERED', 'READ'])),
        owner(recipients.deliveredAt, inArray(recipients.status, ['DELIVERED', 'READ'])),
        owner(recipients.readAt, eq(recipients.status, 'READ')),
        owner(recipients.attemptedAt, eq(recipients.status, 'FAILED')),
      ]);
      const buckets = new Map<number, MessageBucket>();
      const add = (rows: Array<{ quarter: number; n: number }>, kind: Kind) => {
        for (const { quarter, n } of rows) {
          let bucket = buckets.get(quarter);
          if (!bucket) {
            bucket = {
              at: new Date(quarter * QUARTER_HOUR_S * 1000),
              sent: 0,
              delivered: 0,
              read: 0,
              failed: 0,
            };
            buckets.set(quarter, bucket);
          }
          bucket[kind] += n;
        }
      };
      add(sent, 'sent');
      add(delivered, 'delivered');
      add(read, 'read');
      add(failed, 'failed');
      return [...buckets.values()].sort((a, b) => a.at.getTime() - b.at.getTime());
    },
  };
}
