import type { AdminContext } from '../../trpc';

/** One audit entry for an admin's action, with who did it and from where. */
export function audit(
  ctx: AdminContext,
  entry: { action: string; targetType: string; targetId: number | null; details?: Record<string, unknown> },
): Promise<void> {
  return ctx.ports.auditLog.record({ ...entry, actorId: ctx.user.id, ip: ctx.ip });
}
