import type { DashboardPort, MessageBucket } from '@chapar/api';
import { type Database, QUARTER_HOUR_SECONDS } from '@chapar/db';
import { sql } from 'drizzle-orm';
import { quarterOf } from './rollups';

const QUARTER_MS = QUARTER_HOUR_SECONDS * 1000;

/**
 * The user's messages summed per range, from the rollup table (never a scan of the
 * recipients), by MariaDB: a month is ~3,000 quarter-hour rows, and mapping and summing
 * them in Node was most of the home page's CPU. A quarter hour counts in the range its
 * start falls in, so each range begins at the first quarter hour starting at or after
 * its instant (any time zone's midnight is on a quarter hour today).
 */
export function createDashboardPort(db: Database): DashboardPort {
  return {
    async activity(userId, starts, to) {
      const quarters = [...new Set(starts.map((start) => Math.ceil(start.getTime() / QUARTER_MS)))].sort(
        (a, b) => a - b,
      );
      if (quarters.length === 0) return [];
      // INTERVAL(n, q0, q1, …) is k when q(k-1) ≤ n < q(k): the range's index + 1.
      const [rows] = (await db.execute(sql`
        SELECT INTERVAL(quarter_hour, ${sql.join(
          quarters.map((q) => sql`${q}`),
          sql`, `,
        )}) - 1 AS range_index,
               SUM(sent) AS sent, SUM(delivered) AS delivered, SUM(\`read\`) AS \`read\`, SUM(failed) AS failed
          FROM message_rollups
         WHERE user_id = ${userId} AND quarter_hour >= ${quarters[0]} AND quarter_hour <= ${quarterOf(to)}
         GROUP BY range_index
         ORDER BY range_index`)) as unknown as [
        Array<{ range_index: number; sent: string; delivered: string; read: string; failed: string }>,
      ];
      return rows.map(
        (row): MessageBucket => ({
          at: new Date(quarters[Number(row.range_index)]! * QUARTER_MS),
          sent: Number(row.sent),
          delivered: Number(row.delivered),
          read: Number(row.read),
          failed: Number(row.failed),
        }),
      );
    },
  };
}
