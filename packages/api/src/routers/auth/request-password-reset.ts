import { toAsciiDigits, zOtpChannel } from '@chapar/domain';
import { z } from 'zod';
import { publicProcedure } from '../../trpc';

/**
 * Sends a reset code by SMS or email when the account exists. Answers the same either
 * way, so it cannot be used to find out who has an account.
 */
export const requestPasswordReset = publicProcedure
  .input(
    z.object({
      identifier: z.string().trim().min(1, 'Enter your email or phone.').max(255),
      channel: zOtpChannel,
    }),
  )
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await ctx.ports.verification.requestPasswordReset(toAsciiDigits(input.identifier), input.channel, ctx.ip);
    return { ok: true as const };
  });
