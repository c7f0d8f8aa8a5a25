import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import {
  ChaparError,
  type Logger,
  RateLimitedError,
  type RateLimitPort,
  type UserRecord,
  type VerificationPort,
} from '@chapar/api';
import type { Database } from '@chapar/db';
import { normalizePhone, type OtpChannel, type OtpPurpose } from '@chapar/domain';
import type { Mailer } from '../messaging/email';
import type { SmsSender } from '../messaging/sms';
import {
  consumeCode,
  countWrongGuess,
  findUserByAddress,
  latestCodeDelivery,
  latestCodeRequestedAt,
  lockNewestLiveCode,
  markAddressVerified,
  markCodeNotDelivered,
  markCodeSent,
  setPasswordHashIn,
  storeNewCode,
  type Tx,
} from '../repositories/otp-codes';
import { findUserRecord } from '../repositories/users';

export interface VerificationOptions {
  sms: SmsSender | null;
  mailer: Mailer | null;
  rateLimits: RateLimitPort;
  ttlMinutes: number;
  maxAttempts: number;
  /** Seconds before another code may go to the same target for the same purpose. */
  resendSeconds: number;
  /** REQUIRE_VERIFIED_PHONE. */
  phoneRequiredToSend: boolean;
}

const CODE_DIGITS = 6;

/**
 * A code has only a million values, so a fast hash (even salted SHA-256) of one is undone
 * in milliseconds by anyone who reads the table. scrypt makes each guess cost tens of
 * milliseconds and memory: longer than the code lives, for every row on its own.
 */
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const HASH_PREFIX = 'scrypt';

function scryptHex(code: string, salt: string): Promise<string> {
  return new Promise((resolve, reject) =>
    scrypt(code, salt, 32, SCRYPT, (error, key) => (error ? reject(error) : resolve(key.toString('hex')))),
  );
}

async function hashCode(code: string, salt = randomBytes(16).toString('hex')): Promise<string> {
  return `${HASH_PREFIX}$${salt}$${await scryptHex(code, salt)}`;
}

async function codeMatches(stored: string, code: string): Promise<boolean> {
  const [prefix, salt] = stored.split('$');
  // Always hash, so a row in another format takes as long to refuse as a wrong code.
  const actual = Buffer.from(await hashCode(code, salt || 'x'));
  const expected = Buffer.from(stored);
  return prefix === HASH_PREFIX && expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** "+98 912 *** **67", "s***@example.com": enough to recognise, not to harvest. */
export function maskTarget(target: string): string {
  if (target.includes('@')) {
    const [name = '', domain = ''] = target.split('@');
    return `${name.slice(0, 1)}***@${domain}`;
  }
  return `${target.slice(0, 6)}****${target.slice(-2)}`;
}

type CheckResult = { ok: true; userId: number | null } | { ok: false; message: string };

export function createVerification(
  db: Database,
  options: VerificationOptions,
  clock: { now(): Date },
  log: Logger,
): VerificationPort {
  const senderFor = (channel: OtpChannel) => (channel === 'SMS' ? options.sms : options.mailer);
  const unavailable = (channel: OtpChannel) =>
    new ChaparError(
      'PRECONDITION_FAILED',
      channel === 'SMS'
        ? 'This server cannot send text messages yet (no SMS provider is configured). Ask the administrator.'
        : 'This server cannot send email yet (no mail server is configured). Ask the administrator.',
    );

  async function deliver(channel: OtpChannel, target: string, code: string, purpose: OtpPurpose) {
    const minutes = options.ttlMinutes;
    if (channel === 'SMS') return options.sms!.sendCode(target, code);
    const what = purpose === 'RESET_PASSWORD' ? 'reset your password' : 'confirm your email';
    const whatFa = purpose === 'RESET_PASSWORD' ? 'بازنشانی گذرواژه' : 'تأیید ایمیل';
    return options.mailer!.send({
      to: target,
      subject: `Chapar code: ${code}`,
      text: [
        `Your Chapar code to ${what} is ${code}. It works for ${minutes} minutes.`,
        `کد چاپار برای ${whatFa}: ${code} (تا ${minutes} دقیقه معتبر است).`,
        '',
        'If you did not ask for it, ignore this message.',
      ].join('\n'),
    });
  }

  /** What the person reads when the provider did not take their code. */
  const notDelivered = (channel: OtpChannel) =>
    `The code could not be sent: the ${channel === 'SMS' ? 'text-message service' : 'mail server'} did not take it. Try again in a few minutes.`;

  /**
   * Creates a code (older unused codes for the same target and purpose stop working) and
   * answers the sending of it: awaited by a caller who reports the outcome, left running by
   * one who must not wait for the provider. The row records the outcome either way.
   */
  async function issue(input: {
    target: string;
    purpose: OtpPurpose;
    channel: OtpChannel;
    userId: number | null;
    ip: string;
    /** False when the caller already counted this request against the IP. */
    countIp?: boolean;
  }): Promise<{ expiresAt: Date; sent: Promise<void> }> {
    const now = clock.now();
    if (input.countIp !== false) await options.rateLimits.consume('otpPerIp', input.ip);
    const latest = await latestCodeRequestedAt(db, input.target, input.purpose);
    const wait = latest ? latest.getTime() + options.resendSeconds * 1000 - now.getTime() : 0;
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new RateLimitedError(
        `A code was just sent. Wait ${seconds} seconds before asking for another.`,
        seconds,
      );
    }
    await options.rateLimits.consume('otpPerTarget', input.target);
    const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
    const expiresAt = new Date(now.getTime() + options.ttlMinutes * 60_000);
    const codeHash = await hashCode(code);
    const id = await storeNewCode(
      db,
      {
        target: input.target,
        purpose: input.purpose,
        channel: input.channel,
        userId: input.userId,
        codeHash,
        expiresAt,
        requestIp: input.ip.slice(0, 64),
      },
      now,
    );
    const sent = deliver(input.channel, input.target, code, input.purpose).then(
      async () => {
        await markCodeSent(db, id);
      },
      async (error: unknown) => {
        // A code nobody received must not stay valid; the verify page shows that it failed.
        await markCodeNotDelivered(db, id, clock.now());
        // What the provider said (credit, hosts, addresses) is for the operator, in this log line.
        log.warn({ err: error, channel: input.channel }, 'one-time code not delivered');
        throw new ChaparError('BAD_GATEWAY', notDelivered(input.channel));
      },
    );
    return { expiresAt, sent };
  }

  /**
   * Checks `code` against the newest live code and, when right, consumes it and runs
   * `effect` in the same transaction (so a code works once, and only with its effect).
   */
  async function check(
    where: { target?: string; userId?: number; purpose: OtpPurpose },
    code: string,
    effect: (tx: Tx, now: Date) => Promise<void>,
  ): Promise<CheckResult> {
    const now = clock.now();
    return db.transaction(async (tx): Promise<CheckResult> => {
      const row = await lockNewestLiveCode(tx, where);
      if (!row || row.expiresAt <= now) {
        return { ok: false, message: 'This code has expired or was already used. Ask for a new one.' };
      }
      if (row.attempts >= options.maxAttempts) {
        return { ok: false, message: 'Too many wrong codes. Ask for a new one.' };
      }
      if (!(await codeMatches(row.codeHash, code))) {
        await countWrongGuess(tx, row.id, options.maxAttempts);
        const left = options.maxAttempts - row.attempts - 1;
        return {
          ok: false,
          message:
            left > 0
              ? `Wrong code. ${left} ${left === 1 ? 'try' : 'tries'} left.`
              : 'Wrong code. Too many wrong codes: ask for a new one.',
        };
      }
      await consumeCode(tx, row.id, now);
      await effect(tx, now);
      return { ok: true, userId: row.userId };
    });
  }

  const getUser = (id: number): Promise<UserRecord | null> => findUserRecord(db, id);

  async function findAccount(identifier: string) {
    const trimmed = identifier.trim();
    if (trimmed.includes('@')) return findUserByAddress(db, { email: trimmed.toLowerCase() });
    const phone = normalizePhone(trimmed, 'IR');
    return phone.ok ? findUserByAddress(db, { phone: phone.e164 }) : null;
  }

  return {
    phoneRequiredToSend: options.phoneRequiredToSend,
    channels: { sms: options.sms != null, email: options.mailer != null },

    async requestCode(user, purpose, ip, { waitForDelivery = true } = {}) {
      const channel: OtpChannel = purpose === 'VERIFY_PHONE' ? 'SMS' : 'EMAIL';
      if (!senderFor(channel)) throw unavailable(channel);
      const current = await getUser(user.id);
      if (!current) throw new ChaparError('NOT_FOUND', 'User not found.');
      const verifiedAt = purpose === 'VERIFY_PHONE' ? current.phoneVerifiedAt : current.emailVerifiedAt;
      if (verifiedAt) {
        throw new ChaparError(
          'CONFLICT',
          purpose === 'VERIFY_PHONE'
            ? 'Your phone number is already verified.'
            : 'Your email is already verified.',
        );
      }
      const target = purpose === 'VERIFY_PHONE' ? current.phone : current.email;
      const { expiresAt, sent } = await issue({ target, purpose, channel, userId: current.id, ip });
      if (waitForDelivery) await sent;
      else sent.catch(() => {}); // logged and recorded on the row by issue()
      return { sentTo: maskTarget(target), expiresAt };
    },

    async codeStatus(userId, purpose) {
      const current = await getUser(userId);
      if (!current) throw new ChaparError('NOT_FOUND', 'User not found.');
      const target = purpose === 'VERIFY_PHONE' ? current.phone : current.email;
      const latest = await latestCodeDelivery(db, { target, purpose, userId });
      if (!latest) return { delivery: null, sentTo: null, requestedAt: null, lastSendError: null };
      return {
        delivery: latest.delivery,
        sentTo: maskTarget(target),
        requestedAt: latest.createdAt,
        lastSendError: latest.delivery === 'FAILED' ? notDelivered(latest.channel) : null,
      };
    },

    async verifyCode(userId, purpose, code) {
      const current = await getUser(userId);
      if (!current) throw new ChaparError('NOT_FOUND', 'User not found.');
      const target = purpose === 'VERIFY_PHONE' ? current.phone : current.email;
      const result = await check({ target, userId, purpose }, code, (tx, now) =>
        markAddressVerified(tx, userId, purpose, target, now),
      );
      if (!result.ok) throw new ChaparError('BAD_REQUEST', result.message, 'code');
      return (await getUser(userId))!;
    },

    async requestPasswordReset(identifier, channel, ip) {
      if (!senderFor(channel)) throw unavailable(channel);
      await options.rateLimits.consume('otpPerIp', ip);
      const account = await findAccount(identifier);
      if (account?.status !== 'ACTIVE') {
        log.info({ channel }, 'password reset asked for an unknown or inactive account');
        return;
      }
      const target = channel === 'SMS' ? account.phone : account.email;
      // Not awaited: the answer must come as fast as for an unknown account (waiting for the
      // SMS or mail server would time who has one), and telling "too soon" or "could not
      // send" apart would tell it too.
      void issue({
        target,
        purpose: 'RESET_PASSWORD',
        channel,
        userId: account.id,
        ip,
        countIp: false,
      })
        .then(({ sent }) => sent)
        .catch((error: unknown) =>
          log.warn({ err: error, userId: account.id }, 'password reset code not sent'),
        );
    },

    async resetPassword(identifier, code, passwordHash) {
      const account = await findAccount(identifier);
      const wrong = new ChaparError(
        'BAD_REQUEST',
        'This code is wrong or has expired. Ask for a new one.',
        'code',
      );
      if (account?.status !== 'ACTIVE') {
        // As long as checking a real code, and the same answer: this must not tell who has an account.
        await codeMatches('', code);
        throw wrong;
      }
      const result = await check({ userId: account.id, purpose: 'RESET_PASSWORD' }, code, (tx) =>
        setPasswordHashIn(tx, account.id, passwordHash),
      );
      // "Expired", "N tries left" or "too many" would each say the account exists; wrong
      // guesses are still counted and capped on the code.
      if (!result.ok) throw wrong;
      return account.id;
    },
  };
}
