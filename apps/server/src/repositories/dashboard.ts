import type { DashboardPort } from '@chapar/api';
import type { Database } from '@chapar/db';
import { userBuckets } from './rollups';

/** The user's messages per quarter hour, from the rollup table (never a scan of the recipients). */
export function createDashboardPort(db: Database): DashboardPort {
  return { activity: (userId, from, to) => userBuckets(db, userId, from, to) };
}
