import { type CampaignInterval, type CampaignStatus, meanGapFactor } from '@chapar/domain';

export const INTERVAL_SECONDS: Record<CampaignInterval, number> = {
  FIVE_SECONDS: 5,
  TEN_SECONDS: 10,
  TWENTY_SECONDS: 20,
};

/** How many recipients were done (sent, failed or skipped) at a moment (ms since epoch). */
export interface ProgressSample {
  at: number;
  processed: number;
}

/** Observed rates look this far back: long enough to smooth the jitter, short enough to follow pauses. */
export const SAMPLE_WINDOW_MS = 5 * 60_000;
/** An observed rate needs at least this many sends over at least this long; before that the plan speaks. */
const MIN_OBSERVED_SENDS = 3;
const MIN_OBSERVED_MS = 10_000;

export interface PaceInput {
  status: CampaignStatus;
  totalRecipients: number;
  sentCount: number;
  failedCount: number;
  skippedCount: number;
  interval: CampaignInterval;
  batchSize: number;
  batchPauseSeconds: number;
  /** Observed while the page is open, oldest first. */
  samples: readonly ProgressSample[];
  now: number;
}

export interface PaceEstimate {
  remaining: number;
  /** Messages per minute; null when nothing is being sent. */
  perMinute: number | null;
  /** Where the rate comes from: what was seen, or the campaign's pacing. */
  basis: 'observed' | 'planned' | null;
  /** How long the rest takes at that rate, and (only while running) when it ends. */
  remainingMs: number | null;
  finishAt: number | null;
}

export function processedOf(c: Pick<PaceInput, 'sentCount' | 'failedCount' | 'skippedCount'>): number {
  return c.sentCount + c.failedCount + c.skippedCount;
}

/**
 * The planned rate: one message per mean gap (the interval is a floor and the default
 * jitter only adds, 15% on average) plus each batch pause spread over its batch. Warm-up
 * and daily caps can make a campaign slower.
 */
export function plannedPerMinute(
  input: Pick<PaceInput, 'interval' | 'batchSize' | 'batchPauseSeconds'>,
): number {
  const pause = input.batchSize > 0 ? input.batchPauseSeconds / input.batchSize : 0;
  return 60 / ((INTERVAL_SECONDS[input.interval] + pause) * meanGapFactor());
}

/**
 * How long sending the recipients from the `done`-th to the `total`-th takes by the plan:
 * the first send of a campaign goes at once, every later one waits a mean gap, and a batch
 * pause (never shorter than the gap) replaces the gap only where a batch really ends. So a
 * campaign smaller than one batch counts no pause (3 messages at 5 s: two gaps, not 3 × 8.6 s).
 * Warm-up and daily caps can make a campaign slower.
 */
export function plannedDurationMs(
  input: Pick<PaceInput, 'interval' | 'batchSize' | 'batchPauseSeconds'>,
  total: number,
  done = 0,
): number {
  const first = Math.max(done, 1); // index of the first send that waits
  const waits = Math.max(0, total - first);
  const gap = INTERVAL_SECONDS[input.interval];
  // Sends i (0-based) with i % batchSize === 0 (i > 0) come after a batch pause.
  const pauses =
    input.batchSize > 0 && waits > 0
      ? Math.floor((total - 1) / input.batchSize) - Math.floor((first - 1) / input.batchSize)
      : 0;
  const pause = Math.max(input.batchPauseSeconds, gap);
  return Math.round(((waits - pauses) * gap + pauses * pause) * meanGapFactor() * 1000);
}

/** The rate seen over the recent window, or null when too little was seen to say. */
export function observedPerMinute(samples: readonly ProgressSample[], now: number): number | null {
  const recent = samples.filter((s) => now - s.at <= SAMPLE_WINDOW_MS);
  const first = recent[0];
  const last = recent[recent.length - 1];
  if (!first || !last) return null;
  const sends = last.processed - first.processed;
  const span = last.at - first.at;
  if (sends < MIN_OBSERVED_SENDS || span < MIN_OBSERVED_MS) return null;
  return (sends / span) * 60_000;
}

/** Rate and estimated finish of a campaign, from its counters, its pacing and what was observed. */
export function estimatePace(input: PaceInput): PaceEstimate {
  const remaining = Math.max(0, input.totalRecipients - processedOf(input));
  const waiting = input.status === 'READY' || input.status === 'SCHEDULED';
  if (remaining === 0 || !(input.status === 'RUNNING' || waiting)) {
    return { remaining, perMinute: null, basis: null, remainingMs: null, finishAt: null };
  }
  const observed = input.status === 'RUNNING' ? observedPerMinute(input.samples, input.now) : null;
  const perMinute = observed ?? plannedPerMinute(input);
  const remainingMs =
    observed === null
      ? plannedDurationMs(input, input.totalRecipients, processedOf(input))
      : Math.round((remaining / perMinute) * 60_000);
  return {
    remaining,
    perMinute,
    basis: observed === null ? 'planned' : 'observed',
    remainingMs,
    finishAt: input.status === 'RUNNING' ? input.now + remainingMs : null,
  };
}

/** Adds a sample when the count moved, dropping those older than the window. */
export function addSample(samples: readonly ProgressSample[], sample: ProgressSample): ProgressSample[] {
  const last = samples[samples.length - 1];
  // A count that went down (a duplicate campaign, a reset) starts over.
  if (last && sample.processed < last.processed) return [sample];
  if (last && last.processed === sample.processed) return [...samples];
  return [...samples.filter((s) => sample.at - s.at <= SAMPLE_WINDOW_MS), sample];
}
