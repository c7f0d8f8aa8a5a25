import type { AuditOf, SubscriptionRecord, SubscriptionsPort } from '@chapar/api';
import { ChaparError } from '@chapar/api';
import { type Database, subscriptions, users } from '@chapar/db';
import { EXPIRY_WARNING_DAYS, type SubscriptionSource, USAGE_WARNING_RATIO } from '@chapar/domain';
import { and, asc, desc, eq, gt, lte, max, sql } from 'drizzle-orm';
import { writeAudit } from './audit-log';

const columns = {
  id: subscriptions.id,
  packageId: subscriptions.packageId,
  startsAt: subscriptions.startsAt,
  expiresAt: subscriptions.expiresAt,
  messageLimit: subscriptions.messageLimit,
  messagesUsed: subscriptions.messagesUsed,
  source: subscriptions.source,
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

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
const DAY_MS = 86_400_000;

export interface Addition {
  userId: number;
  days: number;
  messages: number;
  source: SubscriptionSource;
  packageId?: number | null;
  paymentId?: number | null;
  grantedById?: number | null;
}

/**
 * Adds days and messages to the user's subscription in force (the one ending last), or
 * starts a new one now. Runs inside the caller's transaction; the user's row is locked
 * first so two grants for one user cannot both start a new subscription.
 */
export async function addToSubscription(tx: Tx, add: Addition, now: Date): Promise<SubscriptionRecord> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, add.userId)).for('update');
  const [current] = await tx
    .select({ ...columns, usageWarnedAt: subscriptions.usageWarnedAt })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.userId, add.userId),
        lte(subscriptions.startsAt, now),
        gt(subscriptions.expiresAt, now),
      ),
    )
    .orderBy(desc(subscriptions.expiresAt))
    .limit(1)
    .for('update');
  let id: number;
  if (current) {
    const expiresAt = new Date(current.expiresAt.getTime() + add.days * DAY_MS);
    const messageLimit = current.messageLimit + add.messages;
    await tx
      .update(subscriptions)
      .set({
        expiresAt,
        messageLimit,
        ...(add.packageId ? { packageId: add.packageId, source: add.source } : {}),
        // Warnings re-arm when the extension takes the subscription out of their range.
        ...(current.messagesUsed < messageLimit * USAGE_WARNING_RATIO ? { usageWarnedAt: null } : {}),
        ...(expiresAt.getTime() - now.getTime() > EXPIRY_WARNING_DAYS * DAY_MS
          ? { expiryWarnedAt: null }
          : {}),
      })
      .where(eq(subscriptions.id, current.id));
    id = current.id;
  } else {
    if (add.days < 1) {
      throw new ChaparError(
        'BAD_REQUEST',
        'This user has no subscription in force: give at least one day.',
        'days',
      );
    }
    const [row] = await tx
      .insert(subscriptions)
      .values({
        userId: add.userId,
        packageId: add.packageId ?? null,
        source: add.source,
        paymentId: add.paymentId ?? null,
        grantedById: add.grantedById ?? null,
        startsAt: now,
        expiresAt: new Date(now.getTime() + add.days * DAY_MS),
        messageLimit: add.messages,
        createdAt: now,
      })
      .$returningId();
    id = row!.id;
  }
  await syncUserSubscription(tx, add.userId, now);
  const [result] = await tx.select(columns).from(subscriptions).where(eq(subscriptions.id, id));
  return result!;
}

/** An administrator's grant: added to the subscription in force, with its audit entries, in one transaction. */
export function grantSubscription(
  db: Database,
  add: Addition,
  audit: AuditOf<SubscriptionRecord> | undefined,
  now: Date,
): Promise<SubscriptionRecord> {
  return db.transaction(async (tx) => {
    const granted = await addToSubscription(tx, add, now);
    await writeAudit(tx, audit?.(null, granted), now);
    return granted;
  });
}

/**
 * `users.subscriptionActive/ExpiresAt` follow the subscriptions: active while one is in
 * force, and the latest end (past, once everything has expired).
 */
export async function syncUserSubscription(
  tx: Pick<Database, 'select' | 'update'>,
  userId: number,
  now: Date,
) {
  const [row] = await tx
    .select({ until: max(subscriptions.expiresAt) })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), lte(subscriptions.startsAt, now)));
  const until = row?.until ?? null;
  await tx
    .update(users)
    .set({ subscriptionActive: until !== null && until > now, subscriptionExpiresAt: until })
    .where(eq(users.id, userId));
}

/** Why a user's campaigns cannot send, in words: no subscription, ended, or used up. */
export async function quotaPauseReason(
  db: Pick<Database, 'select'>,
  userId: number,
  now: Date,
): Promise<string> {
  const [latest] = await db
    .select({ expiresAt: subscriptions.expiresAt })
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.expiresAt))
    .limit(1);
  if (!latest) return 'You have no subscription. Buy a package and resume.';
  if (latest.expiresAt <= now) {
    const when = latest.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
    return `Your subscription ended on ${when} UTC. Renew it and resume.`;
  }
  return 'Your subscription has no messages left. Buy more messages and resume.';
}
