import { describe, expect, it } from 'vitest';
import { retryPolicy } from './retry-policy';

describe('webhook retry policy', () => {
  const policy = retryPolicy(10);
  it('backs off from 10 s: 10 s, 1 min, 5 min, 30 min, … capped at 8 h', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => policy.nextDelayMs(n, 0));
    expect(delays).toEqual([10e3, 60e3, 300e3, 1800e3, 3600e3, 7200e3, 14400e3, 28800e3, 28800e3]);
  });
  it('gives up when the next attempt would fall after the event is a day old', () => {
    const day = 24 * 3600e3;
    expect(policy.nextDelayMs(8, day - 28800e3)).toBe(28800e3);
    expect(policy.nextDelayMs(8, day - 28800e3 + 1)).toBeNull();
    expect(policy.disableAfterMs).toBe(day);
  });
  it('scales the whole schedule with the first delay', () => {
    const fast = retryPolicy(0.1);
    expect(fast.nextDelayMs(1, 0)).toBe(100);
    expect(fast.nextDelayMs(2, 0)).toBeCloseTo(600);
    expect(fast.disableAfterMs).toBeCloseTo(864e3);
  });
});
