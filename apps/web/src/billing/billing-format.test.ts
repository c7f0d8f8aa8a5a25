import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { fa } from '../i18n/fa';
import { translate } from '../i18n/translate';
import { formatAmount, type Subscription, subscriptionBanner } from './billing-format';

const subscription = (over: Partial<Subscription> = {}): Subscription => ({
  id: 1,
  packageId: 2,
  startsAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-02-01T00:00:00.000Z',
  messageLimit: 100,
  messagesUsed: 10,
  source: 'PURCHASE',
  active: true,
  messagesLeft: 90,
  daysLeft: 20,
  usageWarning: false,
  expiryWarning: false,
  ...over,
});

describe('subscriptionBanner', () => {
  it('is quiet for a healthy subscription', () => {
    expect(subscriptionBanner(subscription())).toBeNull();
  });

  it('puts "nothing sends" before the warnings', () => {
    expect(subscriptionBanner(null)).toEqual({ kind: 'inactive' });
    expect(subscriptionBanner(subscription({ active: false, usageWarning: true }))).toEqual({
      kind: 'inactive',
    });
  });

  it('warns about usage before expiry', () => {
    const both = subscription({ usageWarning: true, expiryWarning: true, messagesUsed: 85 });
    expect(subscriptionBanner(both)).toEqual({ kind: 'usage', used: 85, limit: 100 });
    expect(subscriptionBanner(subscription({ expiryWarning: true }))).toEqual({
      kind: 'expiry',
      expiresAt: '2026-02-01T00:00:00.000Z',
    });
  });
});

describe('formatAmount', () => {
  const number = (n: number) => n.toLocaleString('en-US');
  it('names the currency in the reader’s language and drops a zero fraction', () => {
    expect(formatAmount('50000.00', 'IRT', (k) => translate(en, k, undefined, String), number)).toBe(
      '50,000 Toman',
    );
    expect(formatAmount('50000.00', 'IRR', (k) => translate(fa, k, undefined, String), number)).toBe(
      '50,000 ریال',
    );
    expect(formatAmount('12.50', 'EUR', (k) => translate(en, k, undefined, String), number)).toBe('12.5 EUR');
  });
});
