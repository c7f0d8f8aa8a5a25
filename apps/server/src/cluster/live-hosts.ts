import { type Database, workers } from '@chapar/db';
import { and, eq } from 'drizzle-orm';
import { workerAlive } from './leases';

/**
 * Whether some Chapar worker on `host` is alive (heartbeat within the lease time): a
 * Chromium profile lock written there may then be its live browser on a shared DATA_DIR.
 */
export function liveHostCheck(db: Database, ttlSeconds: number) {
  return async (host: string): Promise<boolean> => {
    const rows = await db
      .select({ id: workers.id })
      .from(workers)
      .where(and(eq(workers.host, host), workerAlive(ttlSeconds)))
      .limit(1);
    return rows.length > 0;
  };
}
