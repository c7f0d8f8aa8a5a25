import { describe, expect, it } from 'vitest';
import {
  addSample,
  estimatePace,
  observedPerMinute,
  type PaceInput,
  plannedDurationMs,
  plannedPerMinute,
  SAMPLE_WINDOW_MS,
} from './campaign-pace';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);

const running: PaceInput = {
  status: 'RUNNING',
  totalRecipients: 100,
  sentCount: 30,
  failedCount: 5,
  skippedCount: 5,
  interval: 'TEN_SECONDS',
  batchSize: 0,
  batchPauseSeconds: 90,
  samples: [],
  now: NOW,
};

describe('plannedPerMinute', () => {
  it('is one message per mean gap (the interval plus 15% of default jitter), with batch pauses spread over their batch', () => {
    expect(plannedPerMinute({ interval: 'TEN_SECONDS', batchSize: 0, batchPauseSeconds: 90 })).toBeCloseTo(
      6 / 1.15,
    );
    expect(plannedPerMinute({ interval: 'FIVE_SECONDS', batchSize: 0, batchPauseSeconds: 0 })).toBeCloseTo(
      12 / 1.15,
    );
    // (25 × 10 s + 90 s) × 1.15 = 391 s for 25 messages.
    expect(plannedPerMinute({ interval: 'TEN_SECONDS', batchSize: 25, batchPauseSeconds: 90 })).toBeCloseTo(
      (25 / 391) * 60,
    );
  });
});

describe('observedPerMinute', () => {
  it('needs at least three sends over ten seconds', () => {
    expect(observedPerMinute([], NOW)).toBeNull();
    expect(
      observedPerMinute(
        [
          { at: NOW - 60_000, processed: 10 },
          { at: NOW, processed: 12 },
        ],
        NOW,
      ),
    ).toBeNull();
    expect(
      observedPerMinute(
        [
          { at: NOW - 5_000, processed: 10 },
          { at: NOW, processed: 20 },
        ],
        NOW,
      ),
    ).toBeNull();
    expect(
      observedPerMinute(
        [
          { at: NOW - 60_000, processed: 10 },
          { at: NOW - 30_000, processed: 14 },
          { at: NOW, processed: 22 },
        ],
        NOW,
      ),
    ).toBe(12);
  });

  it('forgets what is older than the window', () => {
    const samples = [
      { at: NOW - SAMPLE_WINDOW_MS - 60_000, processed: 0 },
      { at: NOW - 60_000, processed: 50 },
      { at: NOW, processed: 56 },
    ];
    expect(observedPerMinute(samples, NOW)).toBe(6);
  });
});

describe('plannedDurationMs', () => {
  const pacing = { interval: 'FIVE_SECONDS' as const, batchSize: 25, batchPauseSeconds: 90 };
  it('counts the gaps between sends and only the batch pauses a campaign reaches', () => {
    // 3 messages: the first at once, two mean gaps of 5.75 s, no batch ends.
    expect(plannedDurationMs(pacing, 3)).toBe(11_500);
    expect(plannedDurationMs(pacing, 1)).toBe(0);
    expect(plannedDurationMs(pacing, 0)).toBe(0);
    // 60 messages: 59 waits, of which the 26th and the 51st sends come after a pause.
    expect(plannedDurationMs({ ...pacing, interval: 'TEN_SECONDS' }, 60)).toBe(
      Math.round((57 * 10 + 2 * 90) * 1.15 * 1000),
    );
    // Halfway (30 done): 30 waits, one pause (before the 51st).
    expect(plannedDurationMs({ ...pacing, interval: 'TEN_SECONDS' }, 60, 30)).toBe(
      Math.round((29 * 10 + 90) * 1.15 * 1000),
    );
    // A batch pause set below the gap never shortens it; no batches, no pauses.
    expect(plannedDurationMs({ ...pacing, batchPauseSeconds: 1, batchSize: 1 }, 3)).toBe(11_500);
    expect(plannedDurationMs({ ...pacing, batchSize: 0 }, 51)).toBe(Math.round(50 * 5 * 1.15 * 1000));
  });
});

describe('estimatePace', () => {
  it('uses the plan until enough has been seen, then what was seen', () => {
    // 60 left at TEN_SECONDS: a mean gap of 11.5 s (the default jitter adds 15%).
    const planned = estimatePace(running);
    expect(planned).toMatchObject({ remaining: 60, basis: 'planned' });
    expect(planned.perMinute).toBeCloseTo(60 / 11.5);
    expect(planned.remainingMs).toBeCloseTo(690_000, -1);
    expect(planned.finishAt! - NOW).toBeCloseTo(690_000, -1);
    const observed = estimatePace({
      ...running,
      samples: [
        { at: NOW - 60_000, processed: 28 },
        { at: NOW, processed: 40 },
      ],
    });
    expect(observed).toMatchObject({ perMinute: 12, basis: 'observed', remainingMs: 300_000 });
    expect(observed.finishAt).toBe(NOW + 300_000);
  });

  it('gives a duration but no finish time before the start, and nothing when stopped or done', () => {
    const scheduled = estimatePace({ ...running, status: 'SCHEDULED' });
    expect(scheduled).toMatchObject({ basis: 'planned', finishAt: null });
    expect(scheduled.remainingMs).toBeCloseTo(690_000, -1);
    for (const status of ['PAUSED', 'CANCELLED', 'DRAFT'] as const) {
      expect(estimatePace({ ...running, status })).toMatchObject({
        perMinute: null,
        finishAt: null,
        remaining: 60,
      });
    }
    expect(estimatePace({ ...running, sentCount: 90 })).toMatchObject({ remaining: 0, finishAt: null });
  });
});

describe('addSample', () => {
  it('keeps a sample only when the count moved, and restarts when it went back', () => {
    let samples = addSample([], { at: NOW - 2000, processed: 1 });
    samples = addSample(samples, { at: NOW - 1000, processed: 1 });
    expect(samples).toHaveLength(1);
    samples = addSample(samples, { at: NOW, processed: 2 });
    expect(samples).toEqual([
      { at: NOW - 2000, processed: 1 },
      { at: NOW, processed: 2 },
    ]);
    expect(addSample(samples, { at: NOW + 1, processed: 0 })).toEqual([{ at: NOW + 1, processed: 0 }]);
    const later = NOW + SAMPLE_WINDOW_MS - 1000; // the first sample is now too old
    expect(addSample(samples, { at: later, processed: 3 })).toEqual([
      { at: NOW, processed: 2 },
      { at: later, processed: 3 },
    ]);
  });
});
