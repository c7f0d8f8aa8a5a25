import { type Database, messageRollups, QUARTER_HOUR_SECONDS } from '@chapar/db';
import { gte, sql } from 'drizzle-orm';

/**
 * The `message_rollups` table: messages per user per quarter hour. Every change of a
 * recipient that the dashboard counts moves its bucket in the same transaction as the
 * campaign counter (`bumpRollups`), so the table always equals `rebuildRollups`'s count of
 * the recipients, and reading it never scans them.
 */

export type RollupKind = 'sent' | 'delivered' | 'read' | 'failed';
/** One change: `by` (+1, or -1 when a row leaves a status) to `kind` in the quarter hour of `at`. */
export type RollupChange = { kind: RollupKind; at: Date; by?: number };

type Executor = Pick<Database, 'execute'>;

const QUARTER_MS = QUARTER_HOUR_SECONDS * 1000;
export const quarterOf = (at: Date) => Math.floor(at.getTime() / QUARTER_MS);

/** Adds the changes to the campaign owner's buckets: one statement per quarter hour touched. */
export async function bumpRollups(tx: Executor, campaignId: number, changes: RollupChange[]): Promise<void> {
  const byQuarter = new Map<number, Record<RollupKind, number>>();
  for (const { kind, at, by = 1 } of changes) {
    const quarter = quarterOf(at);
    const counts = byQuarter.get(quarter) ?? { sent: 0, delivered: 0, read: 0, failed: 0 };
    counts[kind] += by;
    byQuarter.set(quarter, counts);
  }
  for (const [quarter, c] of byQuarter) {
    // The owner comes from the campaign row, which the caller's transaction has locked.
    await tx.execute(sql`
      INSERT INTO message_rollups (user_id, quarter_hour, sent, delivered, \`read\`, failed)
      SELECT user_id, ${quarter}, ${c.sent}, ${c.delivered}, ${c.read}, ${c.failed} FROM campaigns WHERE id = ${campaignId}
      ON DUPLICATE KEY UPDATE sent = sent + VALUES(sent), delivered = delivered + VALUES(delivered),
        \`read\` = \`read\` + VALUES(\`read\`), failed = failed + VALUES(failed)`);
  }
}

/**
 * The buckets counted from the recipients, as `events` rows (user, quarter hour, kind
 * flags): the one definition of what the table holds, used to rebuild it and, negated, to
 * take a campaign's rows out before it is deleted. Times are converted without the
 * session's time zone (TIMESTAMPDIFF from the epoch; stored times are UTC).
 */
const countedFrom = (where: ReturnType<typeof sql>) => sql`
  SELECT c.user_id, TIMESTAMPDIFF(SECOND, '1970-01-01', r.sent_at) DIV ${QUARTER_HOUR_SECONDS} AS quarter_hour,
         1 AS sent, 0 AS delivered, 0 AS \`read\`, 0 AS failed
    FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
   WHERE ${where} AND r.status IN ('SENT', 'DELIVERED', 'READ') AND r.sent_at IS NOT NULL
  UNION ALL
  SELECT c.user_id, TIMESTAMPDIFF(SECOND, '1970-01-01', r.delivered_at) DIV ${QUARTER_HOUR_SECONDS}, 0, 1, 0, 0
    FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
   WHERE ${where} AND r.status IN ('DELIVERED', 'READ') AND r.delivered_at IS NOT NULL
  UNION ALL
  SELECT c.user_id, TIMESTAMPDIFF(SECOND, '1970-01-01', r.read_at) DIV ${QUARTER_HOUR_SECONDS}, 0, 0, 1, 0
    FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
   WHERE ${where} AND r.status = 'READ' AND r.read_at IS NOT NULL
  UNION ALL
  SELECT c.user_id, TIMESTAMPDIFF(SECOND, '1970-01-01', r.attempted_at) DIV ${QUARTER_HOUR_SECONDS}, 0, 0, 0, 1
    FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
   WHERE ${where} AND r.status = 'FAILED' AND r.attempted_at IS NOT NULL`;

/**
 * Recounts the whole table from the recipients (`npm run db:rollups`: after a restore, or
 * history loaded by hand). One transaction: readers see the old table until it commits, and
 * the INSERT … SELECT locks the rows it reads, so a send stored meanwhile waits for it.
 */
export async function rebuildRollups(db: Database): Promise<{ buckets: number }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`DELETE FROM message_rollups`);
    const [result] = await tx.execute(sql`
      INSERT INTO message_rollups (user_id, quarter_hour, sent, delivered, \`read\`, failed)
      SELECT user_id, quarter_hour, SUM(sent), SUM(delivered), SUM(\`read\`), SUM(failed)
        FROM (${countedFrom(sql`TRUE`)}) AS events
       GROUP BY user_id, quarter_hour`);
    return { buckets: (result as unknown as { affectedRows: number }).affectedRows };
  });
}

/** Counts a campaign's SENDING rows as failures (by attempt time), just before they are marked FAILED. */
export async function addSendingAsFailed(tx: Executor, campaignId: number): Promise<void> {
  await tx.execute(sql`
    INSERT INTO message_rollups (user_id, quarter_hour, failed)
    SELECT c.user_id, TIMESTAMPDIFF(SECOND, '1970-01-01', r.attempted_at) DIV ${QUARTER_HOUR_SECONDS} AS q, COUNT(*)
      FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
     WHERE r.campaign_id = ${campaignId} AND r.status = 'SENDING' AND r.attempted_at IS NOT NULL
     GROUP BY c.user_id, q
    ON DUPLICATE KEY UPDATE failed = failed + VALUES(failed)`);
}

/** Takes a campaign's messages out of the buckets; call in the transaction that deletes it. */
export async function subtractCampaign(tx: Executor, campaignId: number): Promise<void> {
  await tx.execute(sql`
    INSERT INTO message_rollups (user_id, quarter_hour, sent, delivered, \`read\`, failed)
    SELECT user_id, quarter_hour, -SUM(sent), -SUM(delivered), -SUM(\`read\`), -SUM(failed)
      FROM (${countedFrom(sql`r.campaign_id = ${campaignId}`)}) AS events
     GROUP BY user_id, quarter_hour
    ON DUPLICATE KEY UPDATE sent = sent + VALUES(sent), delivered = delivered + VALUES(delivered),
      \`read\` = \`read\` + VALUES(\`read\`), failed = failed + VALUES(failed)`);
}

/** Every user's sends and failures per hour since `since` (an hour's start). */
export async function hourlyTotals(
  db: Database,
  since: Date,
): Promise<Array<{ hour: Date; sent: number; failed: number }>> {
  const hour = sql<number>`${messageRollups.quarterHour} DIV 4`.mapWith(Number);
  const rows = await db
    .select({
      hour,
      sent: sql<number>`SUM(${messageRollups.sent})`.mapWith(Number),
      failed: sql<number>`SUM(${messageRollups.failed})`.mapWith(Number),
    })
    .from(messageRollups)
    .where(gte(messageRollups.quarterHour, quarterOf(since)))
    .groupBy(hour)
    .orderBy(hour);
  return rows.map((r) => ({ hour: new Date(r.hour * 4 * QUARTER_MS), sent: r.sent, failed: r.failed }));
}
