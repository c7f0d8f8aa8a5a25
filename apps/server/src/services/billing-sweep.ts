import type { CampaignsPort, Logger } from '@chapar/api';
import { campaigns, type Database, subscriptions, users } from '@chapar/db';
import { EXPIRY_WARNING_DAYS, USAGE_WARNING_RATIO } from '@chapar/domain';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Mailer } from '../messaging/email';
import { quotaPauseReason, usableSubscription } from '../repositories/subscriptions';

const DAY_MS = 86_400_000;

/**
 * The periodic side of subscriptions: warns once at 80% use and once three days before
 * the end (the `*WarnedAt` columns are set by a guarded UPDATE, so each goes out once even
 * with several processes), keeps `users.subscriptionActive` true only while one is in
 * force, and pauses RUNNING campaigns whose owner has nothing left to send with, even
 * when their worker is waiting (daily cap, long pause) and would only notice at its next send.
 */
export function createBillingSweep(deps: {
  db: Database;
  mailer: Mailer | null;
  campaigns: CampaignsPort;
  clock: { now(): Date };
  log: Logger;
  intervalMs: number;
}) {
  const { db, clock, log } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  const mail = async (to: string, subject: string, text: string) => {
    if (!deps.mailer) return;
    await deps.mailer.send({ to, subject, text }).catch((error: Error) => {
      log.warn({ err: error, to }, 'subscription warning not mailed');
    });
  };

  async function warn(kind: 'usage' | 'expiry', now: Date): Promise<number> {
    const column = kind === 'usage' ? subscriptions.usageWarnedAt : subscriptions.expiryWarnedAt;
    const due =
      kind === 'usage'
        ? and(
            gt(subscriptions.messageLimit, 0),
            sql`${subscriptions.messagesUsed} >= ${subscriptions.messageLimit} * ${USAGE_WARNING_RATIO}`,
          )
        : lte(subscriptions.expiresAt, new Date(now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS));
    const rows = await db
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
      .where(and(isNull(column), lte(subscriptions.startsAt, now), gt(subscriptions.expiresAt, now), due))
      .limit(500);
    let sent = 0;
    for (const row of rows) {
      const [claimed] = await db
        .update(subscriptions)
        .set(kind === 'usage' ? { usageWarnedAt: now } : { expiryWarnedAt: now })
        .where(and(eq(subscriptions.id, row.id), isNull(column)));
      if (claimed.affectedRows !== 1) continue;
      sent++;
      const end = row.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
      if (kind === 'usage') {
        const left = row.messageLimit - row.messagesUsed;
        await mail(
          row.email,
          'Chapar: 80% of your messages are used',
          `Hello ${row.name},\n\nYou have used ${row.messagesUsed} of ${row.messageLimit} messages; ${left} are left. Campaigns pause when none are left: buy or renew a package to keep sending.\n\n${left} پیام از بسته‌ی شما باقی مانده است. برای ادامه‌ی ارسال، بسته را تمدید کنید.`,
        );
      } else {
        await mail(
          row.email,
          'Chapar: your subscription ends in 3 days',
          `Hello ${row.name},\n\nYour subscription ends on ${end} UTC. Campaigns pause when it ends: renew your package to keep sending.\n\nاشتراک شما در ${end} (UTC) به پایان می‌رسد. برای ادامه‌ی ارسال، بسته را تمدید کنید.`,
        );
      }
    }
    return sent;
  }

  /** Users marked active with nothing in force any more (checked against the rows, not the copy). */
  async function deactivateExpired(now: Date): Promise<number> {
    const [result] = await db.execute(
      sql`UPDATE users SET subscription_active = false
          WHERE subscription_active = true AND NOT EXISTS (
            SELECT 1 FROM subscriptions s
            WHERE s.user_id = users.id AND s.starts_at <= ${now} AND s.expires_at > ${now})`,
    );
    return (result as unknown as { affectedRows: number }).affectedRows;
  }

  async function pauseUnfunded(now: Date): Promise<number> {
    const rows = await db
      .select({ id: campaigns.id, userId: campaigns.userId })
      .from(campaigns)
      .where(eq(campaigns.status, 'RUNNING'));
    const funded = new Map<number, boolean>();
    let paused = 0;
    for (const row of rows) {
      if (!funded.has(row.userId)) {
        funded.set(row.userId, (await usableSubscription(db, row.userId, now)) !== null);
      }
      if (funded.get(row.userId)) continue;
      const moved = await deps.campaigns.transition(row.id, 'pause', {
        pauseCause: 'QUOTA',
        pausedReason: await quotaPauseReason(db, row.userId, now),
      });
      if (moved) paused++;
    }
    return paused;
  }

  async function run() {
    const now = clock.now();
    const result = {
      usageWarned: await warn('usage', now),
      expiryWarned: await warn('expiry', now),
      deactivated: await deactivateExpired(now),
      paused: await pauseUnfunded(now),
    };
    if (result.usageWarned + result.expiryWarned + result.paused > 0) log.info(result, 'billing sweep');
    return result;
  }

  return {
    run,
    start() {
      timer = setInterval(() => {
        if (running) return;
        running = run()
          .catch((error: Error) => log.error({ err: error }, 'billing sweep failed'))
          .finally(() => {
            running = null;
          });
      }, deps.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
