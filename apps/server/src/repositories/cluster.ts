import type { ClusterPort } from '@chapar/api';
import { type Database, users, whatsappAccounts, workers } from '@chapar/db';
import { and, asc, count, desc, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { workerAlive } from '../cluster/leases';
import { pageOf } from './util';

/** Enough for any real cluster; rows of workers killed long ago are the rest. */
const MAX_WORKERS = 200;

/** An account's lease counts while it has not expired, by the database clock (as the claim sees it). */
const LEASE_ACTIVE = sql`(${whatsappAccounts.leaseExpiresAt} IS NOT NULL AND ${whatsappAccounts.leaseExpiresAt} > NOW(3))`;

export function createClusterPort(db: Database, o: { leaseSeconds: number }): ClusterPort {
  return {
    async workers() {
      const rows = await db
        .select({
          id: workers.id,
          role: workers.role,
          host: workers.host,
          pid: workers.pid,
          startedAt: workers.startedAt,
          lastHeartbeatAt: workers.heartbeatAt,
          alive: sql<number>`${workerAlive(o.leaseSeconds)}`,
          maxAccounts: workers.maxAccounts,
          browsers: workers.browsers,
        })
        .from(workers)
        .orderBy(desc(workers.heartbeatAt), asc(workers.id))
        .limit(MAX_WORKERS);
      if (rows.length === 0) return [];
      // Counted from the leases themselves: the heartbeat's own figure lags a round behind.
      const held = await db
        .select({ owner: whatsappAccounts.leaseOwner, n: count() })
        .from(whatsappAccounts)
        .where(
          and(
            inArray(
              whatsappAccounts.leaseOwner,
              rows.map((r) => r.id),
            ),
            LEASE_ACTIVE,
          ),
        )
        .groupBy(whatsappAccounts.leaseOwner);
      const heldBy = new Map(held.map((h) => [h.owner, h.n]));
      return rows.map((r) => ({ ...r, alive: Number(r.alive) === 1, accountsHeld: heldBy.get(r.id) ?? 0 }));
    },

    async accountOwners({ owner, cursor, limit }) {
      const conditions: Array<SQL | undefined> = [
        owner === null ? isNull(whatsappAccounts.leaseOwner) : undefined,
        owner ? eq(whatsappAccounts.leaseOwner, owner) : undefined,
        cursor ? gt(whatsappAccounts.id, cursor) : undefined,
      ];
      const rows = await db
        .select({
          id: whatsappAccounts.id,
          label: whatsappAccounts.label,
          phone: whatsappAccounts.phone,
          status: whatsappAccounts.status,
          userId: whatsappAccounts.userId,
          userName: users.name,
          userEmail: users.email,
          owner: whatsappAccounts.leaseOwner,
          leaseExpiresAt: whatsappAccounts.leaseExpiresAt,
          leaseActive: sql<number>`${LEASE_ACTIVE}`,
        })
        .from(whatsappAccounts)
        .innerJoin(users, eq(users.id, whatsappAccounts.userId))
        .where(and(...conditions))
        .orderBy(asc(whatsappAccounts.id))
        .limit(limit + 1);
      const page = pageOf(rows, limit);
      return { ...page, items: page.items.map((r) => ({ ...r, leaseActive: Number(r.leaseActive) === 1 })) };
    },
  };
}

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
