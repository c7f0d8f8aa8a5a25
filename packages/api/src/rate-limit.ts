import { ChaparError } from './errors';
import type { Reason } from './reasons';

/** The limits the API applies; the server decides their sizes (from the environment). */
export type RateLimitName =
  | 'loginPerIp'
  | 'loginFailures'
  | 'registerPerIp'
  | 'apiKeyFailures'
  | 'otpPerTarget'
  | 'otpPerIp';

/**
 * Attempt counters keyed by IP address or sign-in identifier. The server backs it with
 * an in-memory store; several processes would share one (Redis) behind the same port.
 */
export interface RateLimitPort {
  /** Counts one attempt against `key`; throws `RateLimitedError` once the limit is used up. */
  consume(name: RateLimitName, key: string): Promise<void>;
  /** Throws `RateLimitedError` when `key` has used up its limit, without counting an attempt. */
  check(name: RateLimitName, key: string): Promise<void>;
  /** Forgets `key`'s attempts (failed sign-ins, after a successful one). */
  reset(name: RateLimitName, key: string): Promise<void>;
}

/**
 * TOO_MANY_REQUESTS with the whole seconds to wait; clients get it as `data.retryAfter` and
 * in `data.params` (`{ limit, retryAfter }` for RATE_LIMITED, the limit's name).
 */
export class RateLimitedError extends ChaparError {
  constructor(
    message: string,
    readonly retryAfter: number,
    reason: { limit: RateLimitName } | { reason: Reason },
  ) {
    super('TOO_MANY_REQUESTS', 'limit' in reason ? 'RATE_LIMITED' : reason.reason, message, {
      params: 'limit' in reason ? { limit: reason.limit, retryAfter } : { retryAfter },
    });
    this.name = 'RateLimitedError';
  }
}
