import type { AccountRecord, AccountsPort } from '@chapar/api';
import { accountStatusEvents, campaigns, type Database, whatsappAccounts } from '@chapar/db';
import { ACCOUNT_STATUSES, type AccountStatus } from '@chapar/domain';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';

export const accountColumns = {
  id: whatsappAccounts.id,
  userId: whatsappAccounts.userId,
  label: whatsappAccounts.label,
  driver: whatsappAccounts.driver,
  status: whatsappAccounts.status,
  error: whatsappAccounts.error,
  phone: whatsappAccounts.phone,
  lastSeenAt: whatsappAccounts.lastSeenAt,
  linkedAt: whatsappAccounts.linkedAt,
  dailyLimit: whatsappAccounts.dailyLimit,
  createdAt: whatsappAccounts.createdAt,
};

export function createAccountsPort(db: Database): AccountsPort {
  const get = async (userId: number, id: number): Promise<AccountRecord | null> => {
    const [row] = await db
      .select(accountColumns)
      .from(whatsappAccounts)
      .where(and(eq(whatsappAccounts.id, id), eq(whatsappAccounts.userId, userId)))
      .limit(1);
    return row ?? null;
  };
  return {
    get,
    list: (userId) =>
      db
        .select(accountColumns)
        .from(whatsappAccounts)
        .where(eq(whatsappAccounts.userId, userId))
        .orderBy(asc(whatsappAccounts.id)),
    async create(userId, input) {
      const now = new Date();
      const [row] = await db
        .insert(whatsappAccounts)
        .values({ ...input, userId, createdAt: now, updatedAt: now })
        .$returningId();
      return (await get(userId, row!.id))!;
    },
    async update(userId, id, patch) {
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(set).length === 0) return get(userId, id);
      await db
        .update(whatsappAccounts)
        .set(set)
        .where(and(eq(whatsappAccounts.id, id), eq(whatsappAccounts.userId, userId)));
      return get(userId, id);
    },
    async activeCampaignCount(accountId) {
      const [row] = await db
        .select({ n: count() })
        .from(campaigns)
        .where(
          and(
            eq(campaigns.whatsappAccountId, accountId),
            inArray(campaigns.status, ['RUNNING', 'SCHEDULED']),
          ),
        );
      return row?.n ?? 0;
    },
    async countByStatus() {
      const rows = await db
        .select({ status: whatsappAccounts.status, n: count() })
        .from(whatsappAccounts)
        .groupBy(whatsappAccounts.status);
      const counts = Object.fromEntries(ACCOUNT_STATUSES.map((s) => [s, 0])) as Record<AccountStatus, number>;
      for (const r of rows) counts[r.status] = r.n;
      return counts;
    },
    history: (accountId, limit) =>
      db
        .select({
          id: accountStatusEvents.id,
          status: accountStatusEvents.status,
          error: accountStatusEvents.error,
          at: accountStatusEvents.createdAt,
        })
        .from(accountStatusEvents)
        .where(eq(accountStatusEvents.accountId, accountId))
        .orderBy(desc(accountStatusEvents.id))
        .limit(limit),
    campaigns: (accountId) =>
      db
        .select({ id: campaigns.id, title: campaigns.title, status: campaigns.status })
        .from(campaigns)
        .where(eq(campaigns.whatsappAccountId, accountId))
        .orderBy(desc(campaigns.id))
        .limit(100),
  };
}
