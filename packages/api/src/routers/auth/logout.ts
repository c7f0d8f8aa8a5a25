import { z } from 'zod';
import { publicProcedure } from '../../trpc';

export const logout = publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
  if (ctx.sessionToken) await ctx.ports.auth.invalidateSession(ctx.sessionToken);
  ctx.setCookie(ctx.ports.auth.blankSessionCookie({ secure: ctx.secureCookies }));
  return { ok: true as const };
});
