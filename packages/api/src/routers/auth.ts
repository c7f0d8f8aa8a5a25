import { isCountryCode, normalizePhone, toAsciiDigits, zOtpChannel, zOtpDelivery } from '@chapar/domain';
import { z } from 'zod';
import { ChaparError } from '../errors';
import { zIsoDate, zUser } from '../schemas';
import { authedProcedure, publicProcedure, router } from '../trpc';

const zPassword = z
  .string()
  .min(8, 'Use at least 8 characters for the password.')
  .max(256, 'The password is too long (256 characters at most).');

const zEmail = z.string().trim().toLowerCase().pipe(z.email('Enter a valid email address.').max(255));

const zUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.]{3,32}$/, 'A username has 3–32 letters, digits, "_" or ".".');

const zVerifyPurpose = z.enum(['VERIFY_PHONE', 'VERIFY_EMAIL']);

/** Codes are digits; Persian or Arabic digits typed on a phone count too. */
const zCode = z
  .string()
  .trim()
  .transform(toAsciiDigits)
  .pipe(z.string().regex(/^\d{4,8}$/, 'Enter the code you received (digits only).'));

const WRONG_CREDENTIALS = 'Wrong email, phone, username or password.';

/** The failed-password counter of one account, whichever identifier or form the guesses use. */
const accountLimitKey = (userId: number) => `user:${userId}`;

export const authRouter = router({
  register: publicProcedure
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
      if (!phone.ok) throw new ChaparError('BAD_REQUEST', `Phone: ${phone.reason}.`, 'phone');
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
    }),

  login: publicProcedure
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
        throw new ChaparError('UNAUTHORIZED', WRONG_CREDENTIALS);
      }
      for (const key of keys) await ctx.rateLimits.reset('loginFailures', key);
      if (found.status === 'BANNED') {
        throw new ChaparError(
          'FORBIDDEN',
          `This account is banned${found.statusReason ? `: ${found.statusReason}` : '.'}`,
        );
      }
      if (found.status === 'INACTIVE') {
        throw new ChaparError('FORBIDDEN', 'This account is inactive. Contact support to reactivate it.');
      }
      const session = await ctx.ports.auth.createSession(found.id);
      ctx.setCookie(ctx.ports.auth.sessionCookie(session.token, { secure: ctx.secureCookies }));
      const { passwordHash: _omit, ...user } = found;
      return { user, token: session.token };
    }),

  logout: publicProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await ctx.ports.auth.invalidateSession(ctx.sessionToken);
    ctx.setCookie(ctx.ports.auth.blankSessionCookie({ secure: ctx.secureCookies }));
    return { ok: true as const };
  }),

  me: authedProcedure.output(zUser).query(({ ctx }) => ctx.user),

  /** Sends a one-time code to the user's own phone (SMS) or email. */
  requestCode: authedProcedure
    .input(z.object({ purpose: zVerifyPurpose }))
    .output(z.object({ sentTo: z.string(), expiresAt: zIsoDate }))
    .mutation(({ ctx, input }) => ctx.ports.verification.requestCode(ctx.user, input.purpose, ctx.ip)),

  /** How the newest code for the phone or email went: still sending, sent, or refused with the reason. */
  codeStatus: authedProcedure
    .input(z.object({ purpose: zVerifyPurpose }))
    .output(
      z.object({
        delivery: zOtpDelivery.nullable(),
        sentTo: z.string().nullable(),
        requestedAt: zIsoDate.nullable(),
        lastSendError: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => ctx.ports.verification.codeStatus(ctx.user.id, input.purpose)),

  /** Confirms the phone or email with the code it received. */
  verifyCode: authedProcedure
    .input(z.object({ purpose: zVerifyPurpose, code: zCode }))
    .output(zUser)
    .mutation(({ ctx, input }) => ctx.ports.verification.verifyCode(ctx.user.id, input.purpose, input.code)),

  /**
   * Sends a reset code by SMS or email when the account exists. Answers the same either
   * way, so it cannot be used to find out who has an account.
   */
  requestPasswordReset: publicProcedure
    .input(
      z.object({
        identifier: z.string().trim().min(1, 'Enter your email or phone.').max(255),
        channel: zOtpChannel,
      }),
    )
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.ports.verification.requestPasswordReset(
        toAsciiDigits(input.identifier),
        input.channel,
        ctx.ip,
      );
      return { ok: true as const };
    }),

  /** Sets a new password with a reset code; every session of the account ends. */
  resetPassword: publicProcedure
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
    }),

  /** Name, interface language and the country assumed for numbers written without one. */
  updateProfile: authedProcedure
    .input(
      z.object({
        name: z.string().trim().min(1, 'Enter your name.').max(255).optional(),
        locale: z.enum(['fa', 'en']).optional(),
        defaultCountry: z
          .string()
          .trim()
          .toUpperCase()
          .refine(isCountryCode, 'Choose a country by its two-letter code, e.g. IR, CA or DE.')
          .optional(),
      }),
    )
    .output(zUser)
    .mutation(async ({ ctx, input }) => {
      const user = await ctx.ports.users.update(ctx.user.id, input);
      if (!user) throw new ChaparError('NOT_FOUND', 'User not found.');
      return user;
    }),

  /**
   * Needs the current password. Every other session of the user ends (API keys stay); this
   * browser gets a fresh session, and the typed client the new token.
   */
  changePassword: authedProcedure
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
        throw new ChaparError('BAD_REQUEST', 'The current password is wrong.', 'currentPassword');
      }
      if (input.newPassword === input.currentPassword) {
        throw new ChaparError(
          'BAD_REQUEST',
          'Choose a password different from the current one.',
          'newPassword',
        );
      }
      await ctx.rateLimits.reset('loginFailures', limitKey);
      await ctx.ports.users.setPasswordHash(
        ctx.user.id,
        await ctx.ports.auth.hashPassword(input.newPassword),
      );
      await ctx.ports.auth.invalidateUserSessions(ctx.user.id);
      const session = await ctx.ports.auth.createSession(ctx.user.id);
      ctx.setCookie(ctx.ports.auth.sessionCookie(session.token, { secure: ctx.secureCookies }));
      ctx.log.info({ userId: ctx.user.id }, 'password changed');
      return { token: session.token };
    }),
});

/** An Argon2id hash of a random string, verified against when the user does not exist. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$HQ1mvGOGHs4MCfnPDlNQQg$5NoJ/VoAGdrCT9Q3L4JFV8sewSu/hCw8LcadF4qDtmI';
