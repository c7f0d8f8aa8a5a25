import { mayChangeUser, zUserRole, zUserStatus } from '@chapar/domain';
import { z } from 'zod';
import { ChaparError, notFound } from '../../errors';
import type { AuditEntry, AuditOf, UserRecord } from '../../ports';
import { page, zAdminUser, zCursor, zId } from '../../schemas';
import { type AdminContext, adminProcedure, router } from '../../trpc';
import { auditEntry } from './audit';
import { zAdminUserDetail } from './schemas';

/** One audit entry per kind of change, so the log reads as what happened: banned, made admin, ... */
function userChanges(ctx: AdminContext, reason: string | null): AuditOf<UserRecord> {
  return (before, after) => {
    const target = { targetType: 'user', targetId: after.id };
    const entries: AuditEntry[] = [];
    if (before && before.role !== after.role) {
      entries.push(
        auditEntry(ctx, { ...target, action: 'user.role', details: { from: before.role, to: after.role } }),
      );
    }
    if (before && before.status !== after.status) {
      const action =
        after.status === 'BANNED' ? 'user.ban' : before.status === 'BANNED' ? 'user.unban' : 'user.status';
      entries.push(
        auditEntry(ctx, { ...target, action, details: { from: before.status, to: after.status, reason } }),
      );
    }
    return entries;
  };
}

export const adminUsersRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          search: z.string().trim().max(100).optional(),
          role: zUserRole.optional(),
          status: zUserStatus.optional(),
          cursor: zCursor,
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(page(zAdminUser))
    .query(({ ctx, input }) => ctx.ports.users.list(input)),

  /** The user with their subscription and how much they use the service, for the user drawer. */
  get: adminProcedure
    .input(z.object({ id: zId }))
    .output(zAdminUserDetail)
    .query(async ({ ctx, input }) => {
      const user = await ctx.ports.users.getById(input.id);
      if (!user) throw notFound('User');
      const [subscription, activity] = await Promise.all([
        ctx.ports.subscriptions.current(user.id),
        ctx.ports.adminReports.userActivity(user.id),
      ]);
      return { user, subscription, activity };
    }),

  /** Role changes to or from an admin role are for SUPER_ADMIN; banning ends the user's sessions. */
  update: adminProcedure
    .input(
      z.object({
        id: zId,
        role: zUserRole.optional(),
        status: zUserStatus.optional(),
        statusReason: z.string().trim().max(500).nullish(),
      }),
    )
    .output(zAdminUser)
    .mutation(async ({ ctx, input }) => {
      const target = await ctx.ports.users.getById(input.id);
      if (!target) throw notFound('User');
      if (target.id === ctx.user.id) {
        throw new ChaparError(
          'BAD_REQUEST',
          'CANNOT_CHANGE_SELF',
          'You cannot change your own role or status.',
        );
      }
      if (!mayChangeUser(ctx.user, target, input.role)) {
        throw new ChaparError(
          'FORBIDDEN',
          'SUPER_ADMIN_REQUIRED',
          'Only a super admin can change administrators.',
          {
            field: input.role !== undefined ? 'role' : undefined,
          },
        );
      }
      const updated = await ctx.ports.users.update(
        input.id,
        {
          role: input.role,
          status: input.status,
          statusReason:
            input.status === undefined
              ? undefined
              : input.status === 'ACTIVE'
                ? null
                : (input.statusReason ?? null),
        },
        userChanges(ctx, input.statusReason ?? null),
      );
      if (!updated) throw notFound('User');
      ctx.log.info(
        { targetUserId: updated.id, role: updated.role, status: updated.status },
        'admin updated user',
      );
      if (updated.status !== 'ACTIVE') {
        await ctx.ports.auth.invalidateUserSessions(updated.id);
        // A banned account stops sending at once, not when its campaigns run out.
        await ctx.ports.campaigns.pauseAllOfUser(
          updated.id,
          `Paused by an administrator: the account is ${updated.status.toLowerCase()}.`,
        );
      }
      return updated;
    }),
});
