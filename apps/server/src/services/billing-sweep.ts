import type { CampaignsPort, Logger } from '@chapar/api';
import type { Database } from '@chapar/db';
import type { Mailer } from '../messaging/email';
import { runningCampaignOwners } from '../repositories/campaigns';
import {
  claimSubscriptionWarning,
  deactivateExpiredUsers,
  subscriptionsToWarn,
} from '../repositories/subscription-sweep';
import { quotaPauseReason, usableSubscription } from '../repositories/subscriptions';

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
    const rows = await subscriptionsToWarn(db, kind, now);
    let sent = 0;
    for (const row of rows) {
      if (!(await claimSubscriptionWarning(db, row.id, kind, now))) continue;
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

  async function pauseUnfunded(now: Date): Promise<number> {
    const rows = await runningCampaignOwners(db);
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
      deactivated: await deactivateExpiredUsers(db, now),
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
