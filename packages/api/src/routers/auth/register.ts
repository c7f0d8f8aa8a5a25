import { normalizePhone } from '@chapar/domain';
import { z } from 'zod';
import { ChaparError } from '../../errors';
import { zUser } from '../../schemas';
import { publicProcedure } from '../../trpc';
import { zEmail, zPassword, zUsername } from './schemas';

export const register = publicProcedure
  .input(
    z.object({
      name: z.string().trim().min(1, 'Enter your name.').max(255),
      email: zEmail,
      phone: z.string().max(40),
      password: zPassword,
      username: zUsername.nullish(),
    }),
  )
  .output(z.object({ user: zUser }))
  .mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.consume('registerPerIp', ctx.ip);
    const phone = normalizePhone(input.phone, 'IR');
    if (!phone.ok)
      throw new ChaparError('BAD_REQUEST', 'PHONE_INVALID', `Phone: ${phone.reason}.`, {
        params: { problem: phone.problem },
        field: 'phone',
      });
    const passwordHash = await ctx.ports.auth.hashPassword(input.password);
    const user = await ctx.ports.users.register({
      name: input.name,
      email: input.email,
      phone: phone.e164,
      username: input.username ?? null,
      passwordHash,
    });
    // The browser is signed in straight away; the typed client calls auth.login for a token.
    const session = await ctx.ports.auth.createSession(user.id);
    ctx.setCookie(ctx.ports.auth.sessionCookie(session.token, { secure: ctx.secureCookies }));
    ctx.log.info({ userId: user.id }, 'user registered');
    // Best effort: the code is a convenience here (auth.requestCode sends another), and a
    // slow or failing provider must neither fail nor hold up a sign-up that already
    // happened. It is sent in the background; the verify page reads how that went.
    await ctx.ports.verification
      .requestCode(user, 'VERIFY_PHONE', ctx.ip, { waitForDelivery: false })
      .catch((error: Error) => {
        ctx.log.info({ userId: user.id, reason: error.message }, 'no verification code at sign-up');
      });
    return { user };
  });
