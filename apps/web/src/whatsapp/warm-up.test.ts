import { describe, expect, it } from 'vitest';
import { effectiveDailyLimit, WARMUP_DAYS, warmUpEndsAt } from './warm-up';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

describe('warmUpEndsAt', () => {
  it('is three days after linking for a WhatsApp Web number', () => {
    expect(WARMUP_DAYS).toBe(3);
    expect(warmUpEndsAt({ driver: 'wwebjs', linkedAt: hoursAgo(1) }, NOW)?.toISOString()).toBe(
      new Date(NOW.getTime() - 3_600_000 + 3 * 86_400_000).toISOString(),
    );
    expect(warmUpEndsAt({ driver: 'wwebjs', linkedAt: hoursAgo(71) }, NOW)).not.toBeNull();
  });

  it('is over after three days', () => {
    expect(warmUpEndsAt({ driver: 'wwebjs', linkedAt: hoursAgo(72) }, NOW)).toBeNull();
    expect(warmUpEndsAt({ driver: 'wwebjs', linkedAt: hoursAgo(24 * 30) }, NOW)).toBeNull();
  });

  it('does not apply to test-mode accounts or numbers never linked', () => {
    expect(warmUpEndsAt({ driver: 'sandbox', linkedAt: hoursAgo(1) }, NOW)).toBeNull();
    expect(warmUpEndsAt({ driver: 'wwebjs', linkedAt: null }, NOW)).toBeNull();
    expect(warmUpEndsAt({ driver: 'wwebjs', linkedAt: 'not a date' }, NOW)).toBeNull();
  });

  it('follows another warm-up length, and none at 0 days', () => {
    expect(warmUpEndsAt({ driver: 'wwebjs', linkedAt: hoursAgo(100) }, NOW, 5)).not.toBeNull();
    expect(warmUpEndsAt({ driver: 'wwebjs', linkedAt: hoursAgo(1) }, NOW, 0)).toBeNull();
  });
});

describe('effectiveDailyLimit', () => {
  it('halves the limit while warming up, never below 1', () => {
    expect(effectiveDailyLimit(250, true)).toBe(125);
    expect(effectiveDailyLimit(251, true)).toBe(125);
    expect(effectiveDailyLimit(1, true)).toBe(1);
    expect(effectiveDailyLimit(250, false)).toBe(250);
  });
});
