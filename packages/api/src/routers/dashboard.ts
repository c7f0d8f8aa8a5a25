import { isTimeZone, lastLocalDays, startOfLocalDay, startOfLocalMonth } from '@chapar/domain';
import { z } from 'zod';
import type { MessageBucket } from '../ports';
import { zId, zIsoDate, zProgress } from '../schemas';
import { authedProcedure, router } from '../trpc';

const DAY_MS = 86_400_000;

const zCounts = z.object({
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
});
type Counts = z.infer<typeof zCounts>;

const zSummary = z.object({
  today: zCounts,
  month: zCounts,
  /** One entry per local day, oldest first; `date` is the Gregorian `YYYY-MM-DD`. */
  days: z.array(zCounts.extend({ date: z.string() })),
  // Each running campaign's progress (as campaigns.onProgress carries it) with its id and title.
  running: z.array(zProgress.omit({ pausedReason: true }).extend({ id: zId, title: z.string().nullable() })),
  subscription: z
    .object({
      packageTitle: z.string().nullable(),
      expiresAt: zIsoDate,
      daysLeft: z.number().int(),
      messageLimit: z.number().int(),
      messagesUsed: z.number().int(),
      messagesLeft: z.number().int(),
      active: z.boolean(),
    })
    .nullable(),
});

const zero = (): Counts => ({ sent: 0, delivered: 0, read: 0, failed: 0 });

/** Index of the last of the ascending `starts` at or before `t` (-1 when `t` is before them all). */
function lastAtOrBefore(starts: number[], t: number): number {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! <= t) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
function addTo(total: Counts, bucket: MessageBucket): void {
  total.sent += bucket.sent;
  total.delivered += bucket.delivered;
  total.read += bucket.read;
  total.failed += bucket.failed;
}

export const dashboardRouter = router({
  /**
   * The caller's own numbers, counted in their time zone: today, this month (Gregorian or
   * Persian), messages per day, running (or paused) campaigns and the subscription in force.
   */
  summary: authedProcedure
    .input(
      z.object({
        timeZone: z
          .string()
          .max(64)
          .refine(isTimeZone, {
            message: 'Unknown time zone; send an IANA name such as Asia/Tehran or UTC.',
            params: { reason: 'TIME_ZONE_UNKNOWN' },
          }),
        calendar: z.enum(['gregory', 'persian']).default('gregory'),
        days: z.number().int().min(7, 'Show at least 7 days.').max(90, 'Show at most 90 days.').default(30),
      }),
    )
    .output(zSummary)
    .query(async ({ ctx, input }) => {
      const now = ctx.ports.clock.now();
      const { timeZone } = input;
      const dayKeys = lastLocalDays(now, timeZone, input.days);
      const todayStart = startOfLocalDay(now, timeZone);
      const monthStart = startOfLocalMonth(now, timeZone, input.calendar);
      // Each shown day's first instant, found once (naming the day of each of ~3,000
      // quarter hours with Intl cost more than everything else in the call).
      const noon = todayStart.getTime() + DAY_MS / 2;
      const dayStarts = dayKeys.map((_, i) =>
        startOfLocalDay(new Date(noon - (dayKeys.length - 1 - i) * DAY_MS), timeZone).getTime(),
      );
      // Summed by the database per range between these instants: each range then lies in one
      // day and on one side of the month's start.
      const starts = [...dayStarts, monthStart.getTime()].map((t) => new Date(t));
      const [buckets, running, paused, subscription, packages] = await Promise.all([
        ctx.ports.dashboard.activity(ctx.user.id, starts, now),
        ctx.ports.campaigns.list(ctx.user.id, { status: 'RUNNING', limit: 20 }),
        ctx.ports.campaigns.list(ctx.user.id, { status: 'PAUSED', limit: 20 }),
        ctx.ports.subscriptions.current(ctx.user.id),
        ctx.ports.packages.list({}),
      ]);

      const today = zero();
      const month = zero();
      const perDay = dayKeys.map(zero);
      for (const bucket of buckets) {
        if (bucket.at >= todayStart) addTo(today, bucket);
        if (bucket.at >= monthStart) addTo(month, bucket);
        const day = perDay[lastAtOrBefore(dayStarts, bucket.at.getTime())];
        if (day) addTo(day, bucket);
      }

      const expiresAt = subscription ? new Date(subscription.expiresAt) : null;
      return {
        today,
        month,
        days: dayKeys.map((date, i) => ({ date, ...perDay[i]! })),
        // Paused ones too: they are under way and usually wait for the user.
        running: [...running.items, ...paused.items],
        subscription:
          subscription && expiresAt
            ? {
                packageTitle: packages.find((p) => p.id === subscription.packageId)?.title ?? null,
                expiresAt,
                daysLeft: Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS)),
                messageLimit: subscription.messageLimit,
                messagesUsed: subscription.messagesUsed,
                messagesLeft: Math.max(0, subscription.messageLimit - subscription.messagesUsed),
                active: expiresAt > now && subscription.messagesUsed < subscription.messageLimit,
              }
            : null,
      };
    }),
});
