import type { AdminStats, StatsPort } from '@chapar/api';
import { campaigns, type Database, messageRollups, users, whatsappAccounts } from '@chapar/db';
import { ACCOUNT_STATUSES, CAMPAIGN_STATUSES, USER_STATUSES } from '@chapar/domain';
import { count, eq, gte, sql } from 'drizzle-orm';
import { quarterOf } from './rollups';

function tally<K extends string>(keys: readonly K[], rows: Array<{ key: K; n: number }>): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) out[r.key] = r.n;
  return out;
}

/** Campaigns RUNNING now (the metrics gauge). */
export async function runningCampaignCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: count() }).from(campaigns).where(eq(campaigns.status, 'RUNNING'));
  return Number(row?.n ?? 0);
}

export function createStatsPort(db: Database): StatsPort {
  return {
    async admin(now): Promise<AdminStats> {
      const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      const [userRows, campaignRows, accountRows, [today]] = await Promise.all([
        db.select({ key: users.status, n: count() }).from(users).groupBy(users.status),
        db.select({ key: campaigns.status, n: count() }).from(campaigns).groupBy(campaigns.status),
        db
          .select({ key: whatsappAccounts.status, n: count() })
          .from(whatsappAccounts)
          .groupBy(whatsappAccounts.status),
        // From the rollup table (sends by send time, failures by attempt time): no recipient scan.
        db
          .select({
            sent: sql<number>`COALESCE(SUM(${messageRollups.sent}), 0)`.mapWith(Number),
            failed: sql<number>`COALESCE(SUM(${messageRollups.failed}), 0)`.mapWith(Number),
          })
          .from(messageRollups)
          .where(gte(messageRollups.quarterHour, quarterOf(dayStart))),
      ]);
      return {
        users: tally(USER_STATUSES, userRows),
        campaigns: tally(CAMPAIGN_STATUSES, campaignRows),
        accounts: tally(ACCOUNT_STATUSES, accountRows),
        messages: { sentToday: today?.sent ?? 0, failedToday: today?.failed ?? 0 },
      };
    },
  };
}
