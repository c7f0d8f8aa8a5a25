import { type CampaignInterval, INTERVAL_MS } from '@chapar/api';

export interface PacingPolicy {
  /** 0–0.9: the gap is the interval × (1 ± jitter), drawn uniformly each time. */
  jitter: number;
  random?: () => number;
}

/**
 * The wait before the next send of an account. Never a fixed beat: a steady rhythm is
 * what WhatsApp's spam detection looks for first.
 */
export function nextGapMs(interval: CampaignInterval, policy: PacingPolicy): number {
  const base = INTERVAL_MS[interval];
  const random = policy.random ?? Math.random;
  const factor = 1 + policy.jitter * (2 * random() - 1);
  return Math.round(base * factor);
}
