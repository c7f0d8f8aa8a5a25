import { z } from 'zod';
import { zId, zSubscription } from '../../schemas';
import { adminProcedure, router } from '../../trpc';
import { auditEntry } from './audit';

export const adminSubscriptionsRouter = router({
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
          params: { reason: 'GRANT_EMPTY' },
        }),
    )
    .output(zSubscription)
    .mutation(async ({ ctx, input }) => {
      return ctx.ports.billing.grant(ctx.user.id, input, (_, subscription) => [
        auditEntry(ctx, {
          action: 'subscription.grant',
          targetType: 'user',
          targetId: input.userId,
          details: {
            subscriptionId: subscription.id,
            days: input.days,
            messages: input.messages,
            note: input.note ?? null,
          },
        }),
      ]);
    }),
});
