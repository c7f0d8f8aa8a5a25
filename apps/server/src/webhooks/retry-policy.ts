/**
 * When a failed delivery is tried again: 10 s, 1 min, 5 min, 30 min, 1 h, 2 h, 4 h, then
 * every 8 h, until the event is a day old; then it is FAILED. An endpoint whose deliveries
 * have all failed for a day is disabled. `firstRetrySeconds` (WEBHOOK_RETRY_SECONDS, 10)
 * scales the whole schedule, the day included, so tests can run it in seconds.
 */
const STEPS = [1, 6, 30, 180, 360, 720, 1440, 2880];
/** A day, in units of the first retry's 10 s. */
const WINDOW_STEPS = 8640;

export interface RetryPolicy {
  /** Milliseconds until the next attempt after `attempts` failed ones, or null when the window is over. */
  nextDelayMs(attempts: number, eventAgeMs: number): number | null;
  /** How long an endpoint may fail without a success before it is disabled. */
  disableAfterMs: number;
}

export function retryPolicy(firstRetrySeconds: number): RetryPolicy {
  const unit = firstRetrySeconds * 1000;
  const windowMs = WINDOW_STEPS * unit;
  return {
    nextDelayMs(attempts, eventAgeMs) {
      const step = STEPS[Math.min(Math.max(attempts, 1), STEPS.length) - 1]!;
      const delay = step * unit;
      return eventAgeMs + delay > windowMs ? null : delay;
    },
    disableAfterMs: windowMs,
  };
}
