import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { nextGapMs } from './pacing';

describe('nextGapMs', () => {
  it('stays within interval × (1 + up to jitter), never below the interval, and is never a fixed beat', () => {
    const gaps = Array.from({ length: 500 }, () => nextGapMs('TEN_SECONDS', { jitter: 0.3 }));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(13_000);
    expect(new Set(gaps).size).toBeGreaterThan(100);
  });

  it('hits both ends of the range', () => {
    expect(nextGapMs('FIVE_SECONDS', { jitter: 0.2, random: () => 0 })).toBe(5_000);
    expect(nextGapMs('FIVE_SECONDS', { jitter: 0.2, random: () => 1 })).toBe(6_000);
    expect(nextGapMs('TWENTY_SECONDS', { jitter: 0, random: () => 0.7 })).toBe(20_000);
  });
});

describe('ManualClock', () => {
  it('wakes sleepers in time order only when advanced', async () => {
    const clock = new ManualClock(0);
    const woke: string[] = [];
    void clock.sleep(200).then(() => woke.push('b'));
    void clock.sleep(100).then(() => woke.push('a'));
    clock.advance(50);
    await Promise.resolve();
    expect(woke).toEqual([]);
    clock.advanceToNext();
    await new Promise((r) => setTimeout(r, 0));
    expect(woke).toEqual(['a']);
    expect(clock.now()).toBe(100);
    clock.advance(100);
    await new Promise((r) => setTimeout(r, 0));
    expect(woke).toEqual(['a', 'b']);
  });
});

describe('AccountPacer', () => {
  const DAY = 86_400_000;
  const fixed = { jitter: 0, random: () => 0.5 };
  const campaign = { interval: 'FIVE_SECONDS' as const, batchSize: 3, batchPauseSeconds: 60 };

  it('pauses longer after every batch', async () => {
    const { AccountPacer } = await import('./pacing');
    const pacer = new AccountPacer({ dailyLimit: 100, linkedAt: new Date(0) }, fixed, []);
    const gaps = Array.from({ length: 7 }, (_, i) => pacer.afterSend(i * 1000, campaign));
    expect(gaps).toEqual([5_000, 5_000, 60_000, 5_000, 5_000, 60_000, 5_000]);
  });

  it('never pauses a batch for less than the interval, and jitters the pause on top', async () => {
    const { AccountPacer } = await import('./pacing');
    const lowest = { jitter: 0.3, random: () => 0 };
    const short = { interval: 'TEN_SECONDS' as const, batchSize: 2, batchPauseSeconds: 0 };
    const pacer = new AccountPacer({ dailyLimit: 100, linkedAt: new Date(0) }, lowest, []);
    expect([0, 1, 2, 3].map((i) => pacer.afterSend(i, short))).toEqual([10_000, 10_000, 10_000, 10_000]);
    const highest = { jitter: 0.3, random: () => 0.999 };
    const long = new AccountPacer({ dailyLimit: 100, linkedAt: new Date(0) }, highest, []);
    expect(long.afterSend(0, { ...short, batchSize: 1, batchPauseSeconds: 90 })).toBe(116_973);
  });

  it('waits a full gap after the last stored send when a worker starts, doubled in warm-up', async () => {
    const { AccountPacer } = await import('./pacing');
    const lowest = { jitter: 0.3, random: () => 0, warmupDays: 3 };
    const grown = new AccountPacer({ dailyLimit: 100, linkedAt: new Date(0) }, lowest, [
      DAY,
      20 * DAY - 1_000,
    ]);
    expect(grown.firstWaitMs(20 * DAY, 'FIVE_SECONDS')).toBe(4_000);
    expect(grown.firstWaitMs(20 * DAY + 9_000, 'FIVE_SECONDS')).toBe(-5_000);
    const young = new AccountPacer({ dailyLimit: 100, linkedAt: new Date(20 * DAY - DAY) }, lowest, [
      20 * DAY - 1_000,
    ]);
    expect(young.firstWaitMs(20 * DAY, 'FIVE_SECONDS')).toBe(9_000);
    // Stored times ahead of this clock never make it wait more than one gap.
    expect(young.firstWaitMs(20 * DAY - 60_000, 'FIVE_SECONDS')).toBe(10_000);
    expect(
      new AccountPacer({ dailyLimit: 1, linkedAt: null }, lowest, []).firstWaitMs(0, 'FIVE_SECONDS'),
    ).toBe(0);
  });

  it('keeps at most dailyLimit sends in any 24 hours', async () => {
    const { AccountPacer } = await import('./pacing');
    const start = 10 * DAY;
    const pacer = new AccountPacer({ dailyLimit: 3, linkedAt: new Date(0) }, fixed, [
      start - DAY + 1_000,
      start - 5_000,
    ]);
    expect(pacer.capWaitMs(start)).toBe(0);
    pacer.afterSend(start, campaign);
    // Three sends in the window: the next waits until the oldest is 24 hours old.
    expect(pacer.capWaitMs(start + 10)).toBe(1_000 - 10);
    expect(pacer.capWaitMs(start + 1_000)).toBe(0);
  });

  it('warms a fresh login up: double gaps and half the cap for the first days', async () => {
    const { AccountPacer } = await import('./pacing');
    const linkedAt = new Date(100 * DAY);
    const policy = { ...fixed, warmupDays: 3 };
    const pacer = new AccountPacer({ dailyLimit: 200, linkedAt }, policy, []);
    const young = linkedAt.getTime() + DAY;
    const grown = linkedAt.getTime() + 3 * DAY + 1;
    expect(pacer.inWarmup(young)).toBe(true);
    expect(pacer.dailyLimit(young)).toBe(100);
    expect(pacer.afterSend(young, { ...campaign, batchSize: 0 })).toBe(10_000);
    expect(pacer.inWarmup(grown)).toBe(false);
    expect(pacer.dailyLimit(grown)).toBe(200);
    expect(pacer.afterSend(grown, { ...campaign, batchSize: 0 })).toBe(5_000);
    // Never linked yet counts as new.
    expect(new AccountPacer({ dailyLimit: 200, linkedAt: null }, policy, []).inWarmup(young)).toBe(true);
  });
});
