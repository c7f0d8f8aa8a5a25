import { z } from 'zod';
import { zCampaignStatus, zPackageStatus, zPaymentStatus, zUserRole, zUserStatus } from '../domain/enums';
import { ChaparError, notFound } from '../errors';
import type { UserRecord } from '../ports';
import {
  page,
  zAdminUser,
  zAuditEntry,
  zCampaign,
  zCursor,
  zId,
  zPackage,
  zPayment,
  zSubscription,
} from '../schemas';
import { type AdminContext, adminProcedure, router } from '../trpc';

const zPackageInput = z.object({
  title: z.string().trim().min(1, 'Give the package a title.').max(255),
  description: z.string().trim().max(5000).nullish(),
  price: z
    .string()
    .trim()
    .regex(/^\d{1,8}(\.\d{1,2})?$/, 'Price is a number with at most 8 digits and 2 decimals.'),
  duration: z.number().int().min(1, 'Duration is at least one day.').max(3650),
  category: z.string().trim().max(255).nullish(),
  status: zPackageStatus.default('ACTIVE'),
  messageLimit: z.number().int().min(0).max(100_000_000),
});

/** One audit entry per kind of change, so the log reads as what happened: banned, made admin, ... */
async function recordUserChange(
  ctx: AdminContext,
  before: UserRecord,
  after: UserRecord,
  reason: string | null,
): Promise<void> {
  const base = { actorId: ctx.user.id, targetType: 'user', targetId: after.id, ip: ctx.ip };
  if (before.role !== after.role) {
    await ctx.ports.auditLog.record({
      ...base,
      action: 'user.role',
      details: { from: before.role, to: after.role },
    });
  }
  if (before.status !== after.status) {
    const action =
      after.status === 'BANNED' ? 'user.ban' : before.status === 'BANNED' ? 'user.unban' : 'user.status';
    await ctx.ports.auditLog.record({
      ...base,
      action,
      details: { from: before.status, to: after.status, reason },
    });
  }
  ctx.log.info({ targetUserId: after.id, role: after.role, status: after.status }, 'admin updated user');
}

const usersRouter = router({
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
        throw new ChaparError('BAD_REQUEST', 'You cannot change your own role or status.');
      }
      const isSuper = ctx.user.role === 'SUPER_ADMIN';
      const touchesAdmin = target.role !== 'USER' || (input.role !== undefined && input.role !== 'USER');
      if (touchesAdmin && !isSuper) {
        throw new ChaparError('FORBIDDEN', 'Only a super admin can change administrators.');
      }
      const updated = await ctx.ports.users.update(input.id, {
        role: input.role,
        status: input.status,
        statusReason:
          input.status === undefined
            ? undefined
            : input.status === 'ACTIVE'
              ? null
              : (input.statusReason ?? null),
      });
      if (!updated) throw notFound('User');
      if (updated.status !== 'ACTIVE') {
        await ctx.ports.auth.invalidateUserSessions(updated.id);
        // A banned account stops sending at once, not when its campaigns run out.
        await ctx.ports.campaigns.pauseAllOfUser(
          updated.id,
          `Paused by an administrator: the account is ${updated.status.toLowerCase()}.`,
        );
      }
      await recordUserChange(ctx, target, updated, input.statusReason ?? null);
      return updated;
    }),
});

const packagesAdminRouter = router({
  list: adminProcedure.output(z.array(zPackage)).query(({ ctx }) => ctx.ports.packages.list({})),
  create: adminProcedure
    .input(zPackageInput)
    .output(zPackage)
    .mutation(({ ctx, input }) =>
      ctx.ports.packages.create({
        ...input,
        description: input.description ?? null,
        category: input.category ?? null,
      }),
    ),
  // No defaults on an update: leaving `status` out must not put a package back on sale.
  update: adminProcedure
    .input(zPackageInput.extend({ status: zPackageStatus }).partial().extend({ id: zId }))
    .output(zPackage)
    .mutation(async ({ ctx, input }) => {
      const { id, ...patch } = input;
      const updated = await ctx.ports.packages.update(id, patch);
      if (!updated) throw notFound('Package');
      return updated;
    }),
});

const campaignsAdminRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          status: zCampaignStatus.optional(),
          cursor: zCursor,
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(page(zCampaign))
    .query(({ ctx, input }) => ctx.ports.campaigns.list(null, input)),
});

const zCounts = z.record(z.string(), z.number().int());

const auditLogRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          actorId: zId.optional(),
          action: z.string().trim().max(64).optional(),
          targetType: z.string().trim().max(32).optional(),
          targetId: zId.optional(),
          cursor: zCursor,
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(page(zAuditEntry))
    .query(({ ctx, input }) => ctx.ports.auditLog.list(input)),
});

const subscriptionsAdminRouter = router({
  /**
   * Gives a user days and messages by hand: added to the subscription in force, or a new
   * one starting now. Audit-logged as `subscription.grant`.
   */
  grant: adminProcedure
    .input(
      z
        .object({
          userId: zId,
          days: z.number().int().min(0).max(3650),
          messages: z.number().int().min(0).max(100_000_000),
          note: z.string().trim().max(500).nullish(),
        })
        .refine((v) => v.days > 0 || v.messages > 0, {
          message: 'Give at least one day or one message.',
          path: ['days'],
        }),
    )
    .output(zSubscription)
    .mutation(async ({ ctx, input }) => {
      const subscription = await ctx.ports.billing.grant(ctx.user.id, input);
      await ctx.ports.auditLog.record({
        actorId: ctx.user.id,
        action: 'subscription.grant',
        targetType: 'user',
        targetId: input.userId,
        details: {
          subscriptionId: subscription.id,
          days: input.days,
          messages: input.messages,
          note: input.note ?? null,
        },
        ip: ctx.ip,
      });
      return subscription;
    }),
});

const paymentsAdminRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          status: zPaymentStatus.optional(),
          userId: zId.optional(),
          cursor: zCursor,
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(page(zPayment))
    .query(({ ctx, input }) => ctx.ports.billing.payments(input)),

  /** A manual transfer was received: PAID, and the package granted exactly once. */
  approve: adminProcedure
    .input(z.object({ id: zId }))
    .output(zPayment)
    .mutation(async ({ ctx, input }) => {
      const payment = await ctx.ports.billing.approve(ctx.user.id, input.id);
      await ctx.ports.auditLog.record({
        actorId: ctx.user.id,
        action: 'payment.approve',
        targetType: 'payment',
        targetId: payment.id,
        details: { userId: payment.userId, packageId: payment.packageId, amount: payment.amount },
        ip: ctx.ip,
      });
      return payment;
    }),

  /** A manual transfer that did not arrive or does not match: REJECTED, with the reason the user reads. */
  reject: adminProcedure
    .input(
      z.object({
        id: zId,
        reason: z.string().trim().min(1, 'Tell the user why the payment is rejected.').max(500),
      }),
    )
    .output(zPayment)
    .mutation(async ({ ctx, input }) => {
      const payment = await ctx.ports.billing.reject(ctx.user.id, input.id, input.reason);
      await ctx.ports.auditLog.record({
        actorId: ctx.user.id,
        action: 'payment.reject',
        targetType: 'payment',
        targetId: payment.id,
        details: { userId: payment.userId, reason: input.reason },
        ip: ctx.ip,
      });
      return payment;
    }),
});

export const adminRouter = router({
  subscriptions: subscriptionsAdminRouter,
  payments: paymentsAdminRouter,
  users: usersRouter,
  auditLog: auditLogRouter,
  packages: packagesAdminRouter,
  campaigns: campaignsAdminRouter,
  stats: adminProcedure
    .output(
      z.object({
        users: zCounts,
        campaigns: zCounts,
        accounts: zCounts,
        messages: z.object({ sentToday: z.number().int(), failedToday: z.number().int() }),
      }),
    )
    .query(({ ctx }) => ctx.ports.stats.admin(ctx.ports.clock.now())),
});
