import { toAsciiDigits } from '@chapar/domain';
import { z } from 'zod';
import { publicProcedure } from '../../trpc';
import { zCode, zPassword } from './schemas';

/** Sets a new password with a reset code; every session of the account ends. */
export const resetPassword = publicProcedure
  .input(
    z.object({
      identifier: z.string().trim().min(1, 'Enter your email or phone.').max(255),
      code: zCode,
      password: zPassword,
    }),
  )
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    const passwordHash = await ctx.ports.auth.hashPassword(input.password);
    const userId = await ctx.ports.verification.resetPassword(
      toAsciiDigits(input.identifier),
      input.code,
      passwordHash,
    );
    await ctx.ports.auth.invalidateUserSessions(userId);
    ctx.log.info({ userId }, 'password reset');
    return { ok: true as const };
  });
