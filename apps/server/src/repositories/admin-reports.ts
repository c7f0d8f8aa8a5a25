import type { AdminReportsPort } from '@chapar/api';
import { campaigns, type Database, users, whatsappAccounts } from '@chapar/db';
import { count, eq, inArray, sql, sum } from 'drizzle-orm';
import { hourlyTotals } from './rollups';

export function createAdminReportsPort(db: Database): AdminReportsPort {
  return {
    async userActivity(userId) {
      const [campaignRows, accountRows] = await Promise.all([
        db
          .select({
            campaigns: count(),
            active: sum(sql`${campaigns.status} IN ('RUNNING', 'SCHEDULED')`),
            // The counters equal the recipient rows (see packages/db/README.md), so no recipient scan.
            sent: sum(campaigns.sentCount),
          })
          .from(campaigns)
          .where(eq(campaigns.userId, userId)),
        db.select({ n: count() }).from(whatsappAccounts).where(eq(whatsappAccounts.userId, userId)),
      ]);
      const row = campaignRows[0];
      return {
        campaigns: row?.campaigns ?? 0,
        activeCampaigns: Number(row?.active ?? 0),
        accounts: accountRows[0]?.n ?? 0,
        messagesSent: Number(row?.sent ?? 0),
      };
    },

    async people(ids) {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return [];
      return db
        .select({ id: users.id, name: users.name, email: users.email })
        .from(users)
        .where(inArray(users.id, unique));
    },

    // Sends by send time, failures by attempt time, from the rollup table: a day is 96
    // buckets per active user, however many messages it held.
    messagesPerHour: (since) => hourlyTotals(db, since),
  };
}
