import { type Database, workers } from '@chapar/db';
import { and, eq, gt, sql } from 'drizzle-orm';

/**
 * Whether some Chapar worker on `host` heartbeated within the lease time: a Chromium
 * profile lock written there may then be a live browser on a shared DATA_DIR.
 */
export function liveHostCheck(db: Database, ttlSeconds: number) {
  return async (host: string): Promise<boolean> => {
    const rows = await db
      .select({ id: workers.id })
      .from(workers)
      .where(
        and(eq(workers.host, host), gt(workers.heartbeatAt, sql`NOW(3) - INTERVAL ${ttlSeconds} SECOND`)),
      )
      .limit(1);
    return rows.length > 0;
  };
}
