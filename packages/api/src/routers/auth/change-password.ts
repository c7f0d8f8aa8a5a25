import { z } from 'zod';
import { ChaparError } from '../../errors';
import { authedProcedure } from '../../trpc';
import { zPassword } from './schemas';
import { accountLimitKey } from './sign-in-limits';

/**
 * Needs the current password. Every other session of the user ends (API keys stay); this
 * browser gets a fresh session, and the typed client the new token.
 */
export const changePassword = authedProcedure
  .input(
    z.object({
      currentPassword: z.string().min(1, 'Enter your current password.').max(256),
      newPassword: zPassword,
    }),
  )
  .output(z.object({ token: z.string() }))
  .mutation(async ({ ctx, input }) => {
    // Shares the account's budget with sign-ins: a stolen session cannot guess on.
    const limitKey = accountLimitKey(ctx.user.id);
    await ctx.rateLimits.check('loginFailures', limitKey);
    const found = await ctx.ports.users.findForLogin({ email: ctx.user.email });
    if (!found || !(await ctx.ports.auth.verifyPassword(found.passwordHash, input.currentPassword))) {
      await ctx.rateLimits.consume('loginFailures', limitKey).catch(() => {});
      throw new ChaparError('BAD_REQUEST', 'WRONG_CURRENT_PASSWORD', 'The current password is wrong.', {
        field: 'currentPassword',
      });
    }
    if (input.newPassword === input.currentPassword) {
      throw new ChaparError(
        'BAD_REQUEST',
        'PASSWORD_UNCHANGED',
        'Choose a password different from the current one.',
        { field: 'newPassword' },
      );
    }
    await ctx.rateLimits.reset('loginFailures', limitKey);
    await ctx.ports.users.setPasswordHash(ctx.user.id, await ctx.ports.auth.hashPassword(input.newPassword));
    await ctx.ports.auth.invalidateUserSessions(ctx.user.id);
    const session = await ctx.ports.auth.createSession(ctx.user.id);
    ctx.setCookie(ctx.ports.auth.sessionCookie(session.token, { secure: ctx.secureCookies }));
    ctx.log.info({ userId: ctx.user.id }, 'password changed');
    return { token: session.token };
  });
