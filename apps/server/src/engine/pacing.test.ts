import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { nextGapMs } from './pacing';

describe('nextGapMs', () => {
  it('stays within interval × (1 ± jitter) and is never a fixed beat', () => {
    const gaps = Array.from({ length: 500 }, () => nextGapMs('TEN_SECONDS', { jitter: 0.3 }));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(7_000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(13_000);
    expect(new Set(gaps).size).toBeGreaterThan(100);
  });

  it('hits both ends of the range', () => {
    expect(nextGapMs('FIVE_SECONDS', { jitter: 0.2, random: () => 0 })).toBe(4_000);
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
