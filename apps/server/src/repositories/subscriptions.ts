import type { SubscriptionRecord, SubscriptionsPort } from '@chapar/api';
import { type Database, subscriptions } from '@chapar/db';
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';

const columns = {
  id: subscriptions.id,
  packageId: subscriptions.packageId,
  startsAt: subscriptions.startsAt,
  expiresAt: subscriptions.expiresAt,
  messageLimit: subscriptions.messageLimit,
  messagesUsed: subscriptions.messagesUsed,
};

/** In force at `now` and with messages left; the one expiring first is used first. */
export async function usableSubscription(
  db: Pick<Database, 'select'>,
  userId: number,
  now: Date,
): Promise<SubscriptionRecord | null> {
  const [row] = await db
    .select(columns)
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, userId),
        lte(subscriptions.startsAt, now),
        gt(subscriptions.expiresAt, now),
        sql`${subscriptions.messagesUsed} < ${subscriptions.messageLimit}`,
      ),
    )
    .orderBy(asc(subscriptions.expiresAt))
    .limit(1);
  return row ?? null;
}

export function createSubscriptionsPort(db: Database, clock: { now(): Date }): SubscriptionsPort {
  return {
    usable: (userId) => usableSubscription(db, userId, clock.now()),
    async current(userId) {
      const usable = await usableSubscription(db, userId, clock.now());
      if (usable) return usable;
      const [latest] = await db
        .select(columns)
        .from(subscriptions)
        .where(eq(subscriptions.userId, userId))
        .orderBy(desc(subscriptions.expiresAt))
        .limit(1);
      return latest ?? null;
    },
  };
}
