import { zPaymentStatus } from '@chapar/domain';
import { z } from 'zod';
import { page, zCursor, zId, zPayment } from '../../schemas';
import { adminProcedure, router } from '../../trpc';
import { auditEntry } from './audit';

export const adminPaymentsRouter = router({
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
      return ctx.ports.billing.approve(ctx.user.id, input.id, (_, payment) => [
        auditEntry(ctx, {
          action: 'payment.approve',
          targetType: 'payment',
          targetId: payment.id,
          details: { userId: payment.userId, packageId: payment.packageId, amount: payment.amount },
        }),
      ]);
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
      return ctx.ports.billing.reject(ctx.user.id, input.id, input.reason, (_, payment) => [
        auditEntry(ctx, {
          action: 'payment.reject',
          targetType: 'payment',
          targetId: payment.id,
          details: { userId: payment.userId, reason: input.reason },
        }),
      ]);
    }),
});
