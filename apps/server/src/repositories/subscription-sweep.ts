import { type Database, subscriptions, users } from '@chapar/db';
import { EXPIRY_WARNING_DAYS, USAGE_WARNING_RATIO } from '@chapar/domain';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';

/** What the billing sweep (services/billing-sweep.ts) reads and writes on subscriptions. */

const DAY_MS = 86_400_000;

export type SubscriptionWarning = 'usage' | 'expiry';

const warnedColumn = (kind: SubscriptionWarning) =>
  kind === 'usage' ? subscriptions.usageWarnedAt : subscriptions.expiryWarnedAt;

/**
 * Subscriptions in force at `now` that crossed the warning's line (80% of the messages
 * used, or three days before the end) and were not warned yet, with their owner (500 a run).
 */
export function subscriptionsToWarn(db: Database, kind: SubscriptionWarning, now: Date) {
  const due =
    kind === 'usage'
      ? and(
          gt(subscriptions.messageLimit, 0),
          sql`${subscriptions.messagesUsed} >= ${subscriptions.messageLimit} * ${USAGE_WARNING_RATIO}`,
        )
      : lte(subscriptions.expiresAt, new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS));
  return db
    .select({
      id: subscriptions.id,
      email: users.email,
      name: users.name,
      expiresAt: subscriptions.expiresAt,
      messageLimit: subscriptions.messageLimit,
      messagesUsed: subscriptions.messagesUsed,
    })
    .from(subscriptions)
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .where(
      and(
        isNull(warnedColumn(kind)),
        lte(subscriptions.startsAt, now),
        gt(subscriptions.expiresAt, now),
        due,
      ),
    )
    .limit(500);
}

/** Marks the warning as sent by a guarded UPDATE; false when another process already did. */
export async function claimSubscriptionWarning(
  db: Database,
  id: number,
  kind: SubscriptionWarning,
  now: Date,
): Promise<boolean> {
  const [claimed] = await db
    .update(subscriptions)
    .set(kind === 'usage' ? { usageWarnedAt: now } : { expiryWarnedAt: now })
    .where(and(eq(subscriptions.id, id), isNull(warnedColumn(kind))));
  return claimed.affectedRows === 1;
}

/** Users marked active with nothing in force any more (checked against the rows, not the copy). */
export async function deactivateExpiredUsers(db: Database, now: Date): Promise<number> {
  const [result] = await db.execute(
    sql`UPDATE users SET subscription_active = false
        WHERE subscription_active = true AND NOT EXISTS (
          SELECT 1 FROM subscriptions s
          WHERE s.user_id = users.id AND s.starts_at <= ${now} AND s.expires_at > ${now})`,
  );
  return (result as unknown as { affectedRows: number }).affectedRows;
}
