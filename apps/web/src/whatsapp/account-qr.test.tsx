import { describe, expect, it } from 'vitest';
import { QR_LIFETIME_S, secondsLeft } from './account-qr';

describe('QR countdown', () => {
  it('counts down from the code’s lifetime and stops at zero', () => {
    expect(secondsLeft(0, 0)).toBe(QR_LIFETIME_S);
    expect(secondsLeft(0, 5_500)).toBe(QR_LIFETIME_S - 5);
    expect(secondsLeft(0, 60_000)).toBe(0);
  });
});
