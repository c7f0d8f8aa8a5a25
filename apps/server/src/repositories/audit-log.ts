import type { AuditLogPort } from '@chapar/api';
import { auditLog, type Database, users } from '@chapar/db';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { pageOf } from './util';

export function createAuditLogPort(db: Database, clock: { now(): Date }): AuditLogPort {
  return {
    async record(entry) {
      await db.insert(auditLog).values({
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        details: entry.details ?? null,
        ip: entry.ip ?? null,
        createdAt: clock.now(),
      });
    },

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
