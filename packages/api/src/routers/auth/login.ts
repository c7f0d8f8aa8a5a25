import { normalizePhone, toAsciiDigits } from '@chapar/domain';
import { z } from 'zod';
import { ChaparError } from '../../errors';
import { zUser } from '../../schemas';
import { publicProcedure } from '../../trpc';
import { accountLimitKey } from './sign-in-limits';

const WRONG_CREDENTIALS = 'Wrong email, phone, username or password.';
/** An Argon2id hash of a random string, verified against when the user does not exist. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$HQ1mvGOGHs4MCfnPDlNQQg$5NoJ/VoAGdrCT9Q3L4JFV8sewSu/hCw8LcadF4qDtmI';

export const login = publicProcedure
  .input(
    z.object({
      identifier: z.string().trim().min(1, 'Enter your email, phone or username.').max(255),
      password: z.string().min(1, 'Enter your password.').max(256),
    }),
  )
  .output(z.object({ user: zUser, token: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.consume('loginPerIp', ctx.ip);
    const identifier = toAsciiDigits(input.identifier);
    const phone = normalizePhone(identifier, 'IR');
    const by = identifier.includes('@')
      ? { email: identifier.toLowerCase() }
      : phone.ok
        ? { phone: phone.e164 }
        : { username: identifier.toLowerCase() };
    // Guessing one account's password is capped whichever addresses the guesses come from:
    // per identifier (also for ones that match no account) and per account, whichever of
    // its email, phone spellings or username the guesses use.
    const identifierKey = Object.entries(by)
      .map(([kind, value]) => `${kind}:${value}`)
      .join();
    await ctx.rateLimits.check('loginFailures', identifierKey);
    const found = await ctx.ports.users.findForLogin(by);
    const keys = found ? [identifierKey, accountLimitKey(found.id)] : [identifierKey];
    if (found) await ctx.rateLimits.check('loginFailures', accountLimitKey(found.id));
    // Unknown users cost a hash too, so timing does not tell which accounts exist.
    const passwordOk = found
      ? await ctx.ports.auth.verifyPassword(found.passwordHash, input.password)
      : await ctx.ports.auth.verifyPassword(DUMMY_HASH, input.password).then(() => false);
    if (!found || !passwordOk) {
      // This failure is counted; the next attempt past the limit is refused by check() above.
      for (const key of keys) await ctx.rateLimits.consume('loginFailures', key).catch(() => {});
      ctx.log.info({ ip: ctx.ip }, 'sign-in failed');
      throw new ChaparError('UNAUTHORIZED', 'WRONG_CREDENTIALS', WRONG_CREDENTIALS);
    }
    for (const key of keys) await ctx.rateLimits.reset('loginFailures', key);
    if (found.status === 'BANNED') {
      throw new ChaparError(
        'FORBIDDEN',
        'ACCOUNT_BANNED',
        `This account is banned${found.statusReason ? `: ${found.statusReason}` : '.'}`,
        { params: { statusReason: found.statusReason } },
      );
    }
    if (found.status === 'INACTIVE') {
      throw new ChaparError(
        'FORBIDDEN',
        'ACCOUNT_INACTIVE',
        'This account is inactive. Contact support to reactivate it.',
      );
    }
    const session = await ctx.ports.auth.createSession(found.id);
    ctx.setCookie(ctx.ports.auth.sessionCookie(session.token, { secure: ctx.secureCookies }));
    const { passwordHash: _omit, ...user } = found;
    return { user, token: session.token };
  });
