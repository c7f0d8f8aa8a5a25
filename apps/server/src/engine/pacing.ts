import { type CampaignInterval, INTERVAL_MS } from '@chapar/domain';

export interface PacingPolicy {
  /**
   * 0–0.9: every wait is its nominal length × (1 + up to jitter), drawn uniformly each time.
   * Only ever added: the interval the user chose is a floor (DESIGN.md, "Sending engine").
   */
  jitter: number;
  /** Logins younger than this many days send at half speed and half the daily cap. */
  warmupDays?: number;
  random?: () => number;
}

const DAY_MS = 86_400_000;

/** `ms` plus a random extra of up to `jitter × ms`: never less than `ms`. */
function jittered(ms: number, policy: PacingPolicy): number {
  const random = policy.random ?? Math.random;
  return Math.ceil(ms * (1 + policy.jitter * random()));
}

/**
 * The wait before the next send of an account, before warm-up. Never a fixed beat: a steady
 * rhythm is what WhatsApp's spam detection looks for first.
 */
export function nextGapMs(interval: CampaignInterval, policy: PacingPolicy): number {
  return jittered(INTERVAL_MS[interval], policy);
}

export interface CampaignPacing {
  interval: CampaignInterval;
  /** A longer pause after every `batchSize` sends (0 = never). */
  batchSize: number;
  batchPauseSeconds: number;
}

/**
 * Pacing state of one account's worker: the rolling 24-hour cap, the batch pauses and the
 * warm-up of a freshly linked number. Times are the engine clock's milliseconds.
 */
export class AccountPacer {
  private sendsSinceLongPause = 0;
  private readonly window: number[];

  constructor(
    private account: { dailyLimit: number; linkedAt: Date | null },
    private readonly policy: PacingPolicy,
    /** Send times of the last 24 hours, oldest first (from the database at worker start). */
    recentSends: number[],
  ) {
    this.window = [...recentSends].sort((a, b) => a - b);
  }

  /** The account's settings as they are now (the user may change the limit mid-campaign). */
  setAccount(account: { dailyLimit: number; linkedAt: Date | null }): void {
    this.account = account;
  }

  inWarmup(now: number): boolean {
    const days = this.policy.warmupDays ?? 0;
    if (days <= 0) return false;
    const linkedAt = this.account.linkedAt?.getTime();
    return linkedAt === undefined || now - linkedAt < days * DAY_MS;
  }

  dailyLimit(now: number): number {
    const limit = this.account.dailyLimit;
    return this.inWarmup(now) ? Math.max(1, Math.floor(limit / 2)) : limit;
  }

  /** How long to wait before the daily cap allows another send (0 = now). */
  capWaitMs(now: number): number {
    while (this.window.length > 0 && this.window[0]! <= now - DAY_MS) this.window.shift();
    const limit = this.dailyLimit(now);
    if (this.window.length < limit) return 0;
    // The send that must age out of the window before there is room again.
    const blocking = this.window[this.window.length - limit]!;
    return blocking + DAY_MS - now;
  }

  /** The gap after a send at `at`: the jittered interval, doubled during warm-up. */
  gapMs(at: number, interval: CampaignInterval): number {
    const gap = nextGapMs(interval, this.policy);
    return this.inWarmup(at) ? gap * 2 : gap;
  }

  /**
   * The wait before the first send of a new worker (after a restart or a failover): one gap
   * after the account's last send, taken from the database. Never longer than one gap, even
   * if the stored times run ahead of this clock.
   */
  firstWaitMs(now: number, interval: CampaignInterval): number {
    if (this.window.length === 0) return 0;
    const gap = this.gapMs(now, interval);
    return Math.min(this.window[this.window.length - 1]! + gap - now, gap);
  }

  /** Records a send and answers the wait before the next one. */
  afterSend(at: number, campaign: CampaignPacing): number {
    this.window.push(at);
    this.sendsSinceLongPause++;
    const gap = this.gapMs(at, campaign.interval);
    if (campaign.batchSize > 0 && this.sendsSinceLongPause >= campaign.batchSize) {
      this.sendsSinceLongPause = 0;
      // A short batch pause (set below the interval) never shortens the gap.
      return Math.max(jittered(campaign.batchPauseSeconds * 1000, this.policy), gap);
    }
    return gap;
  }
}
