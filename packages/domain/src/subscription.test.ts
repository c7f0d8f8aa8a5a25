import { describe, expect, it } from 'vitest';
import { subscriptionStanding } from './subscription';

const now = new Date('2026-01-10T12:00:00Z');
const day = 86_400_000;
const sub = (over: Partial<Parameters<typeof subscriptionStanding>[0]> = {}) => ({
  startsAt: new Date(now.getTime() - 10 * day),
  expiresAt: new Date(now.getTime() + 10 * day),
  messageLimit: 100,
  messagesUsed: 0,
  ...over,
});

describe('subscriptionStanding', () => {
  it('warns at 80% of the messages, not before', () => {
    expect(subscriptionStanding(sub({ messagesUsed: 79 }), now).usageWarning).toBe(false);
    expect(subscriptionStanding(sub({ messagesUsed: 80 }), now).usageWarning).toBe(true);
  });

  it('warns in the last three days, not before', () => {
    expect(
      subscriptionStanding(sub({ expiresAt: new Date(now.getTime() + 3 * day + 1) }), now),
    ).toMatchObject({
      expiryWarning: false,
      daysLeft: 4,
    });
    expect(subscriptionStanding(sub({ expiresAt: new Date(now.getTime() + 3 * day) }), now)).toMatchObject({
      expiryWarning: true,
      daysLeft: 3,
    });
  });

  it('is inactive, without warnings, once expired or used up', () => {
    const expired = subscriptionStanding(sub({ expiresAt: new Date(now.getTime() - 1) }), now);
    expect(expired).toMatchObject({ active: false, daysLeft: 0, usageWarning: false, expiryWarning: false });
    const usedUp = subscriptionStanding(sub({ messagesUsed: 100 }), now);
    expect(usedUp).toMatchObject({ active: false, messagesLeft: 0, usageWarning: true });
  });
});
