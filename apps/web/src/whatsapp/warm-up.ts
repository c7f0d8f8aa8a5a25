import type { Account } from '../trpc/trpc';

/** How long a new WhatsApp Web login sends at half the daily limit (the server's default). */
export const WARMUP_DAYS = 3;
const DAY_MS = 86_400_000;

/**
 * When the warm-up of a WhatsApp Web number ends, or null when it is not warming up:
 * test-mode (sandbox) accounts skip it, and an account never linked has not started it.
 */
export function warmUpEndsAt(
  account: Pick<Account, 'driver' | 'linkedAt'>,
  now: Date,
  days: number = WARMUP_DAYS,
): Date | null {
  if (account.driver !== 'wwebjs' || !account.linkedAt || days <= 0) return null;
  const linked = Date.parse(account.linkedAt);
  if (Number.isNaN(linked)) return null;
  const ends = linked + days * DAY_MS;
  return now.getTime() < ends ? new Date(ends) : null;
}

/** The daily limit in force today: half (at least 1) while warming up. */
export function effectiveDailyLimit(dailyLimit: number, warmingUp: boolean): number {
  return warmingUp ? Math.max(1, Math.floor(dailyLimit / 2)) : dailyLimit;
}
