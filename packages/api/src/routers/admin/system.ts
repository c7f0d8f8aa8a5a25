import type { AdminStats, WorkerRecord } from '../../ports';
import { adminProcedure } from '../../trpc';
import { zSystem } from './schemas';

const HOUR_MS = 3_600_000;

/** The last 24 whole hours up to the current one, oldest first, with empty hours as zeros. */
export function lastDayByHour(
  now: Date,
  rows: Array<{ hour: Date; sent: number; failed: number }>,
): Array<{ hour: Date; sent: number; failed: number }> {
  const current = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const byHour = new Map(rows.map((r) => [r.hour.getTime(), r]));
  return Array.from({ length: 24 }, (_, i) => {
    const hour = current - (23 - i) * HOUR_MS;
    const row = byHour.get(hour);
    return { hour: new Date(hour), sent: row?.sent ?? 0, failed: row?.failed ?? 0 };
  });
}

/** Health of the database and the engine, accounts, traffic, the workers, and this server's version and uptime. */
export const systemProcedure = adminProcedure.output(zSystem).query(async ({ ctx }) => {
  const now = ctx.ports.clock.now();
  const health = await ctx.ports.system.health();
  let stats: AdminStats | null = null;
  let perHour: Array<{ hour: Date; sent: number; failed: number }> = [];
  let workers: WorkerRecord[] | null = null;
  if (health.database.reachable) {
    // The page must still load, showing what failed, when the database is in trouble.
    [stats, perHour, workers] = await Promise.all([
      ctx.ports.stats.admin(now).catch(() => null),
      ctx.ports.adminReports
        .messagesPerHour(new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS - 23 * HOUR_MS))
        .catch(() => []),
      ctx.ports.cluster.workers().catch(() => null),
    ]);
  }
  const pending = health.database.pendingMigrations;
  return {
    database: { ...health.database, migrationsCurrent: pending === null ? null : pending === 0 },
    engine: { ...health.engine, runningCampaigns: stats ? stats.campaigns.RUNNING : null },
    accounts: stats ? stats.accounts : null,
    messagesPerHour: lastDayByHour(now, perHour),
    workers,
    server: health.server,
  };
});
