import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors';
import { startKavenegarStandIn, startSmtpStandIn } from './support/stand-ins';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

let server: TestServer;
let kavenegar: Awaited<ReturnType<typeof startKavenegarStandIn>>;
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;

const codesEnv = () => ({
  SMS_PROVIDER: 'kavenegar',
  KAVENEGAR_API_KEY: kavenegar.apiKey,
  KAVENEGAR_OTP_TEMPLATE: 'chapar-verify',
  KAVENEGAR_BASE_URL: kavenegar.url,
  EMAIL_PROVIDER: 'smtp',
  SMTP_URL: smtp.url,
  SMTP_FROM: 'Chapar <no-reply@chapar.test>',
  // Tests ask for codes back to back; the gap between two codes has its own test below.
  OTP_RESEND_SECONDS: '0',
});

beforeAll(async () => {
  kavenegar = await startKavenegarStandIn();
  smtp = await startSmtpStandIn();
  server = await startTestServer({ env: codesEnv() });
});
afterAll(async () => {
  await server?.close();
  await kavenegar?.close();
  await smtp?.close();
});

/** Signs up and waits until the code sent in the background at sign-up has been taken or refused. */
async function signUpWithCode(on: TestServer) {
  const user = await signUp(on);
  await waitFor(
    () => user.client.auth.codeStatus.query({ purpose: 'VERIFY_PHONE' }),
    (status) => status.delivery !== 'SENDING',
  );
  return user;
}

describe('phone and email verification', () => {
  it('sends an SMS code at registration; the right code verifies the phone, once', async () => {
    const user = await signUpWithCode(server);
    const code = kavenegar.lastCodeFor(user.phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(kavenegar.received.at(-1)).toMatchObject({
      method: 'verify/lookup.json',
      params: { template: 'chapar-verify' },
    });
    const verified = await user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_PHONE', code: code! });
    expect(verified.phoneVerifiedAt).not.toBeNull();
    expect((await user.client.auth.me.query()).phoneVerifiedAt).toBe(verified.phoneVerifiedAt);
    // Reuse after success is refused; and a verified phone asks for no more codes.
    const reuse = await errorOf(user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_PHONE', code: code! }));
    expect(reuse.data.code).toBe('BAD_REQUEST');
    expect(reuse.message).toContain('expired or was already used');
    expect((await errorOf(user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' }))).data.code).toBe(
      'CONFLICT',
    );
  });

  it('verifies the email with a code that arrives by mail; Persian digits are accepted', async () => {
    const user = await signUpWithCode(server);
    const sent = await user.client.auth.requestCode.mutate({ purpose: 'VERIFY_EMAIL' });
    expect(sent.sentTo).toMatch(/^u\*\*\*@example\.com$/);
    const code = smtp.lastCodeFor(user.email)!;
    expect(code).toMatch(/^\d{6}$/);
    const persian = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const verified = await user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_EMAIL', code: persian });
    expect(verified.emailVerifiedAt).not.toBeNull();
  });

  it('refuses an expired code', async () => {
    const user = await signUpWithCode(server);
    const code = kavenegar.lastCodeFor(user.phone)!;
    await server.app.db.execute(
      sql`UPDATE otp_codes SET expires_at = ${new Date(Date.now() - 1000)} WHERE user_id = ${user.user.id}`,
    );
    const expired = await errorOf(user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_PHONE', code }));
    expect(expired.message).toContain('expired');
    expect((await user.client.auth.me.query()).phoneVerifiedAt).toBeNull();
  });

  it('counts wrong codes: after 5 even the right one is refused', async () => {
    const user = await signUpWithCode(server);
    const code = kavenegar.lastCodeFor(user.phone)!;
    const wrong = code === '000000' ? '111111' : '000000';
    const errors = [];
    for (let i = 0; i < 5; i++) {
      errors.push(
        await errorOf(user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_PHONE', code: wrong })),
      );
    }
    const messages = errors.map((e) => e.message);
    expect(messages[0]).toBe('Wrong code. 4 tries left.');
    expect(errors[0]!.data).toMatchObject({ reason: 'CODE_WRONG', params: { triesLeft: 4 } });
    expect(errors[4]!.data).toMatchObject({ reason: 'CODE_TOO_MANY_WRONG' });
    expect(messages[4]).toBe('Wrong code. Too many wrong codes: ask for a new one.');
    const right = await errorOf(user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_PHONE', code }));
    expect(right.message).toBe('Too many wrong codes. Ask for a new one.');
    // A new code works, and the old one stopped working when it was issued.
    await user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' });
    const fresh = kavenegar.lastCodeFor(user.phone)!;
    if (fresh !== code) {
      expect(
        (await errorOf(user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_PHONE', code }))).data.code,
      ).toBe('BAD_REQUEST');
    }
    await user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_PHONE', code: fresh });
  });

  it('a code that could not be delivered is reported and never valid', async () => {
    const user = await signUpWithCode(server);
    kavenegar.setMode({ errorCode: 418 });
    try {
      const error = await errorOf(user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' }));
      expect(error.data.code).toBe('BAD_GATEWAY');
      expect(error.message).toBe(
        'The code could not be sent: the text-message service did not take it. Try again in a few minutes.',
      );
    } finally {
      kavenegar.setMode('normal');
    }
    const [rows] = (await server.app.db.execute(
      sql`SELECT COUNT(*) AS n FROM otp_codes WHERE user_id = ${user.user.id} AND consumed_at IS NULL`,
    )) as unknown as [Array<{ n: number }>];
    expect(Number(rows[0]!.n)).toBe(0);
  });
});

describe('the code sent at sign-up', () => {
  it('does not hold up the sign-up while the SMS provider hangs', async () => {
    kavenegar.setMode('hang');
    try {
      const started = Date.now();
      const user = await signUp(server);
      // Kavenegar's timeout is 10 s: the sign-up answers long before it.
      expect(Date.now() - started).toBeLessThan(3_000);
      const status = await user.client.auth.codeStatus.query({ purpose: 'VERIFY_PHONE' });
      expect(status).toMatchObject({ delivery: 'SENDING', lastSendError: null });
      expect(status.sentTo).toMatch(/^\+98912\*{4}\d{2}$/);
    } finally {
      kavenegar.setMode('normal');
    }
  });

  it('records a refusal by the provider, which the verify page reads', async () => {
    kavenegar.setMode({ errorCode: 418 });
    let user: Awaited<ReturnType<typeof signUp>>;
    try {
      user = await signUp(server);
      const failed = await waitFor(
        () => user.client.auth.codeStatus.query({ purpose: 'VERIFY_PHONE' }),
        (status) => status.delivery !== 'SENDING',
      );
      expect(failed).toMatchObject({
        delivery: 'FAILED',
        lastSendError:
          'The code could not be sent: the text-message service did not take it. Try again in a few minutes.',
      });
    } finally {
      kavenegar.setMode('normal');
    }
    // Asking again sends a code that arrives, and the failure is no longer shown.
    await user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' });
    expect(await user.client.auth.codeStatus.query({ purpose: 'VERIFY_PHONE' })).toMatchObject({
      delivery: 'SENT',
      lastSendError: null,
    });
  });
});

describe('password reset', () => {
  it('by email: the code sets a new password and ends every session', async () => {
    const user = await signUpWithCode(server);
    const anonymous = server.client();
    await anonymous.auth.requestPasswordReset.mutate({
      identifier: user.email.toUpperCase(),
      channel: 'EMAIL',
    });
    // The code goes out after the answer (see 'answers as fast for an account...').
    const code = (await waitFor(async () => smtp.lastCodeFor(user.email), Boolean))!;
    expect(smtp.mails.at(-1)!.raw).toContain('reset your password');
    await anonymous.auth.resetPassword.mutate({
      identifier: user.email,
      code,
      password: 'a-brand-new-password',
    });
    expect((await errorOf(user.client.auth.me.query())).data.code).toBe('UNAUTHORIZED');
    expect(
      (await errorOf(anonymous.auth.login.mutate({ identifier: user.email, password: user.password }))).data
        .code,
    ).toBe('UNAUTHORIZED');
    await anonymous.auth.login.mutate({ identifier: user.email, password: 'a-brand-new-password' });
    // Reuse after success is refused.
    const reuse = await errorOf(
      anonymous.auth.resetPassword.mutate({ identifier: user.email, code, password: 'another-password-1' }),
    );
    expect(reuse.data.code).toBe('BAD_REQUEST');
  });

  it('by SMS, with the phone as identifier', async () => {
    const user = await signUpWithCode(server);
    const anonymous = server.client();
    const sent = kavenegar.received.length;
    await anonymous.auth.requestPasswordReset.mutate({ identifier: user.phone, channel: 'SMS' });
    await waitFor(
      async () => kavenegar.received.length,
      (n) => n > sent,
    );
    const code = kavenegar.lastCodeFor(user.phone)!;
    await anonymous.auth.resetPassword.mutate({
      identifier: user.phone,
      code,
      password: 'sms-reset-password',
    });
    await anonymous.auth.login.mutate({ identifier: user.phone, password: 'sms-reset-password' });
  });

  it('answers the same for an unknown account and sends nothing', async () => {
    const mailsBefore = smtp.mails.length;
    const anonymous = server.client();
    expect(
      await anonymous.auth.requestPasswordReset.mutate({
        identifier: 'nobody@example.com',
        channel: 'EMAIL',
      }),
    ).toEqual({
      ok: true,
    });
    expect(smtp.mails.length).toBe(mailsBefore);
    const reset = await errorOf(
      anonymous.auth.resetPassword.mutate({
        identifier: 'nobody@example.com',
        code: '123456',
        password: 'whatever-123',
      }),
    );
    expect(reset.message).toBe('This code is wrong or has expired. Ask for a new one.');
  });
});

describe('password reset leaks nothing', () => {
  it('a wrong reset code for a real account reads exactly as for an unknown one', async () => {
    const user = await signUpWithCode(server);
    const anonymous = server.client();
    const attempt = (identifier: string) =>
      errorOf(anonymous.auth.resetPassword.mutate({ identifier, code: '000000', password: 'whatever-123' }));
    const unknown = (await attempt('nobody-at-all@example.com')).message;
    // No code asked for yet ("expired"), then a live code and a wrong guess ("N tries left").
    expect((await attempt(user.email)).message).toBe(unknown);
    await anonymous.auth.requestPasswordReset.mutate({ identifier: user.email, channel: 'EMAIL' });
    const code = (await waitFor(async () => smtp.lastCodeFor(user.email), Boolean))!;
    const wrong = code === '000000' ? '111111' : '000000';
    const guess = await errorOf(
      anonymous.auth.resetPassword.mutate({ identifier: user.email, code: wrong, password: 'whatever-123' }),
    );
    expect(guess.message).toBe(unknown);
  });

  it('answers as fast for an account whose SMS provider hangs as for no account', async () => {
    const user = await signUpWithCode(server);
    const anonymous = server.client();
    kavenegar.setMode('hang');
    try {
      const started = Date.now();
      expect(
        await anonymous.auth.requestPasswordReset.mutate({ identifier: user.phone, channel: 'SMS' }),
      ).toEqual({ ok: true });
      // Kavenegar's timeout is 10 s: waiting for it would tell that this phone has an account.
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      kavenegar.setMode('normal');
    }
  });

  it('stores codes with a slow salted hash, not one a leaked table gives up in milliseconds', async () => {
    const user = await signUpWithCode(server);
    await user.client.auth.requestCode.mutate({ purpose: 'VERIFY_EMAIL' });
    const code = smtp.lastCodeFor(user.email)!;
    const [rows] = (await server.app.db.execute(
      sql`SELECT code_hash AS h FROM otp_codes WHERE user_id = ${user.user.id} AND purpose = 'VERIFY_EMAIL' ORDER BY id DESC LIMIT 1`,
    )) as unknown as [Array<{ h: string }>];
    const stored = rows[0]!.h;
    expect(stored).not.toContain(code);
    // Salted SHA-256 of a 6-digit code: a million guesses take well under a second.
    const parts = stored.split('$');
    const salt = parts.length === 2 ? parts[0]! : parts[1]!;
    const sha = createHash('sha256').update(`${salt}:${code}`).digest('hex');
    expect(stored).not.toContain(sha);
    expect(parts[0]).toBe('scrypt');
    await user.client.auth.verifyCode.mutate({ purpose: 'VERIFY_EMAIL', code });
  });
});

describe('request flooding', () => {
  it('refuses a second code within the resend gap, with the seconds to wait', async () => {
    await using strict = await startTestServer({ env: { ...codesEnv(), OTP_RESEND_SECONDS: '60' } });
    const user = await signUpWithCode(strict); // its sign-up sent the first SMS code
    const soon = await errorOf(user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' }));
    expect(soon.data.code).toBe('TOO_MANY_REQUESTS');
    expect(soon.message).toMatch(/^A code was just sent\. Wait (59|60) seconds/);
    expect(soon.data.retryAfter).toBeGreaterThan(0);
  });

  it('refuses codes past the hourly limits per phone/email and per IP', async () => {
    await using strict = await startTestServer({
      env: { ...codesEnv(), RATE_LIMIT_OTP_PER_TARGET: '3', RATE_LIMIT_OTP_PER_IP: '6' },
    });
    const user = await signUpWithCode(strict); // code 1 to the phone (IP: 1)
    await user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' }); // 2 (IP: 2)
    await user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' }); // 3 (IP: 3)
    const sent = kavenegar.received.length;
    const perTarget = await errorOf(user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' })); // IP: 4
    expect(perTarget.data.code).toBe('TOO_MANY_REQUESTS');
    expect(perTarget.message).toContain('Too many codes were sent to this address');
    expect(kavenegar.received.length).toBe(sent);

    const anonymous = strict.client();
    for (const name of ['a', 'b']) {
      await anonymous.auth.requestPasswordReset.mutate({
        identifier: `${name}@nowhere.example`,
        channel: 'EMAIL',
      });
    } // IP: 6
    const perIp = await errorOf(
      anonymous.auth.requestPasswordReset.mutate({ identifier: 'c@nowhere.example', channel: 'EMAIL' }),
    );
    expect(perIp.data.code).toBe('TOO_MANY_REQUESTS');
    expect(perIp.message).toContain('Too many code requests from your network');
  });
});

describe('configuration', () => {
  it('without an SMS provider, codes are refused with the reason and sign-up still works', async () => {
    await using plain = await startTestServer();
    const user = await signUp(plain);
    const error = await errorOf(user.client.auth.requestCode.mutate({ purpose: 'VERIFY_PHONE' }));
    expect(error.data.code).toBe('PRECONDITION_FAILED');
    expect(error.message).toContain('no SMS provider is configured');
  });
});

describe('REQUIRE_VERIFIED_PHONE', () => {
  it('campaigns start only once the phone is verified when the server asks for it', async () => {
    await using strict = await startTestServer({ env: { ...codesEnv(), REQUIRE_VERIFIED_PHONE: 'true' } });
    const user = await signUpWithCode(strict);
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: 'hi',
      whatsappAccountId: account.id,
    });
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121230001' }],
    });
    const refused = await errorOf(user.client.campaigns.start.mutate({ id: campaign.id }));
    expect(refused.data.code).toBe('PRECONDITION_FAILED');
    expect(refused.message).toContain('Verify your phone number before sending');
    await user.client.auth.verifyCode.mutate({
      purpose: 'VERIFY_PHONE',
      code: kavenegar.lastCodeFor(user.phone)!,
    });
    expect(await user.client.campaigns.start.mutate({ id: campaign.id })).toMatchObject({
      status: 'RUNNING',
    });
  });
});
