import type { AdminReportsPort } from '@chapar/api';
import { campaigns, type Database, recipients, users, whatsappAccounts } from '@chapar/db';
import { count, eq, gte, inArray, sql, sum } from 'drizzle-orm';

const SENT_STATUSES = ['SENT', 'DELIVERED', 'READ'] as const;

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

    async messagesPerHour(since) {
      // attempted_at is indexed and set on every send, so this reads one day's rows only.
      const hour = sql<string>`DATE_FORMAT(${recipients.attemptedAt}, '%Y-%m-%dT%H:00:00Z')`;
      const rows = await db
        .select({
          hour,
          sent: sum(sql`${inArray(recipients.status, [...SENT_STATUSES])}`),
          failed: sum(sql`${recipients.status} = 'FAILED'`),
        })
        .from(recipients)
        .where(gte(recipients.attemptedAt, since))
        .groupBy(hour)
        .orderBy(hour);
      return rows.map((r) => ({
        hour: new Date(r.hour),
        sent: Number(r.sent ?? 0),
        failed: Number(r.failed ?? 0),
      }));
    },
  };
}
