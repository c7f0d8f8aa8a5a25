import { ChaparError } from './errors';

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

/** TOO_MANY_REQUESTS with the whole seconds to wait; clients get it as `data.retryAfter`. */
export class RateLimitedError extends ChaparError {
  constructor(
    message: string,
    readonly retryAfter: number,
  ) {
    super('TOO_MANY_REQUESTS', message);
    this.name = 'RateLimitedError';
  }
}
