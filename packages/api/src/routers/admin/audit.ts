import type { AuditEntry } from '../../ports';
import type { AdminContext } from '../../trpc';

/**
 * One audit entry for an admin's action, with who did it and from where. It is handed to the
 * port that makes the change, which writes it in the same transaction (see `AuditOf`).
 */
export function auditEntry(
  ctx: AdminContext,
  entry: { action: string; targetType: string; targetId: number | null; details?: Record<string, unknown> },
): AuditEntry {
  return { ...entry, actorId: ctx.user.id, ip: ctx.ip };
}
