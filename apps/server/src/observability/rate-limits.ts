import { RateLimitedError, type RateLimitName, type RateLimitPort } from '@chapar/api';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../env';

interface Limit {
  limiter: RateLimiterAbstract;
  points: number;
  message: (seconds: string) => string;
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
/** A wait as people say it: seconds when short, whole minutes from two minutes on (as the Persian text does). */
const waitText = (n: number) => {
  if (n >= 120) return `${Math.ceil(n / 60)} minutes`;
  return n === 1 ? '1 second' : `${n} seconds`;
};

/**
 * The API's rate limits. Every limiter is a `RateLimiterAbstract`: with several processes
 * pass a factory that builds `RateLimiterRedis` on a shared client instead of memory.
 */
export function createRateLimits(
  config: Pick<
    Config,
    | 'RATE_LIMIT_LOGIN_PER_IP'
    | 'RATE_LIMIT_LOGIN_FAILURES'
    | 'RATE_LIMIT_REGISTER_PER_IP'
    | 'RATE_LIMIT_API_KEY_FAILURES'
    | 'RATE_LIMIT_OTP_PER_TARGET'
    | 'RATE_LIMIT_OTP_PER_IP'
  >,
  createLimiter: (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract = (
    opts,
  ) => new RateLimiterMemory(opts),
): RateLimitPort {
  const define = (name: RateLimitName, points: number, duration: number, message: Limit['message']) =>
    [name, { limiter: createLimiter({ keyPrefix: name, points, duration }), points, message }] as const;
  const limits = new Map<RateLimitName, Limit>([
    define(
      'loginPerIp',
      config.RATE_LIMIT_LOGIN_PER_IP,
      60,
      (s) => `Too many sign-in attempts from your network. Try again in ${s}.`,
    ),
    define(
      'loginFailures',
      config.RATE_LIMIT_LOGIN_FAILURES,
      15 * 60,
      (s) => `Too many failed sign-ins for this account. Try again in ${s}.`,
    ),
    define(
      'registerPerIp',
      config.RATE_LIMIT_REGISTER_PER_IP,
      60 * 60,
      (s) => `Too many sign-ups from your network. Try again in ${s}.`,
    ),
    define(
      'apiKeyFailures',
      config.RATE_LIMIT_API_KEY_FAILURES,
      15 * 60,
      (s) => `Too many requests with an invalid API key. Try again in ${s}.`,
    ),
    define(
      'otpPerTarget',
      config.RATE_LIMIT_OTP_PER_TARGET,
      60 * 60,
      (s) => `Too many codes were sent to this address. Try again in ${s}.`,
    ),
    define(
      'otpPerIp',
      config.RATE_LIMIT_OTP_PER_IP,
      60 * 60,
      (s) => `Too many code requests from your network. Try again in ${s}.`,
    ),
  ]);
  const limitOf = (name: RateLimitName) => limits.get(name)!;
  const refuse = (name: RateLimitName, limit: Limit, msBeforeNext: number) => {
    const wait = seconds(msBeforeNext);
    return new RateLimitedError(limit.message(waitText(wait)), wait, { limit: name });
  };

  return {
    async consume(name, key) {
      const limit = limitOf(name);
      try {
        await limit.limiter.consume(key);
      } catch (error) {
        // The limiter rejects with its result when over the limit, or with a store error.
        if (error instanceof RateLimiterRes) throw refuse(name, limit, error.msBeforeNext);
        throw error;
      }
    },
    async check(name, key) {
      const limit = limitOf(name);
      const res = await limit.limiter.get(key);
      if (res && res.consumedPoints >= limit.points) throw refuse(name, limit, res.msBeforeNext);
    },
    async reset(name, key) {
      await limitOf(name).limiter.delete(key);
    },
  };
}
