import type { AuditEntry, AuditLogPort } from '@chapar/api';
import { auditLog, type Database, users } from '@chapar/db';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { pageOf } from './util';

/**
 * Writes the entries with `tx`, the transaction of the change they record (the one place
 * audit rows are written), so a rollback takes both and a commit keeps both.
 */
export async function writeAudit(
  tx: Pick<Database, 'insert'>,
  entries: readonly AuditEntry[] | undefined,
  now: Date,
): Promise<void> {
  if (!entries?.length) return;
  await tx.insert(auditLog).values(
    entries.map((entry) => ({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      details: entry.details ?? null,
      ip: entry.ip ?? null,
      createdAt: now,
    })),
  );
}

export function createAuditLogPort(db: Database): AuditLogPort {
  return {
    async list({ actorId, action, targetType, targetId, cursor, limit }) {
      const conditions: Array<SQL | undefined> = [
        actorId ? eq(auditLog.actorId, actorId) : undefined,
        action ? eq(auditLog.action, action) : undefined,
        targetType ? eq(auditLog.targetType, targetType) : undefined,
        targetId ? eq(auditLog.targetId, targetId) : undefined,
        cursor ? lt(auditLog.id, cursor) : undefined,
      ];
      const rows = await db
        .select({
          id: auditLog.id,
          actorId: auditLog.actorId,
          actorName: users.name,
          action: auditLog.action,
          targetType: auditLog.targetType,
          targetId: auditLog.targetId,
          details: auditLog.details,
          ip: auditLog.ip,
          createdAt: auditLog.createdAt,
        })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorId))
        .where(and(...conditions))
        .orderBy(desc(auditLog.id))
        .limit(limit + 1);
      return pageOf(rows, limit);
    },
  };
}
