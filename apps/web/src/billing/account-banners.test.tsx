import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { AccountBanners } from './account-banners';

const subscription = {
  id: 1,
  packageId: 2,
  startsAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-02-01T00:00:00.000Z',
  messageLimit: 100,
  messagesUsed: 85,
  source: 'PURCHASE',
  active: true,
  messagesLeft: 15,
  daysLeft: 20,
  usageWarning: true,
  expiryWarning: false,
};

const options = (sms: boolean) => () => ({
  providers: ['manual'],
  currency: 'IRT',
  manualInstructions: '',
  verification: { sms, email: true },
});

describe('AccountBanners', () => {
  it('warns in Persian at 80% use and asks to verify the phone', async () => {
    renderWithProviders(<AccountBanners />, {
      language: 'fa',
      route: '/campaigns',
      user: userFixture({ phoneVerifiedAt: null }),
      api: { 'subscription.current': () => subscription, 'billing.options': options(true) },
    });
    const banner = await screen.findByTestId('subscription-banner');
    expect(banner.textContent).toContain('۸۵ از ۱۰۰ پیام را مصرف کرده‌اید');
    expect(screen.getByRole('link', { name: 'مشاهده‌ی بسته‌ها' }).getAttribute('href')).toBe('/pricing');
    expect((await screen.findByTestId('verify-banner')).textContent).toContain('هنوز تأیید نشده');
  });

  it('does not ask to verify the phone where the server cannot send SMS', async () => {
    let asked = false;
    renderWithProviders(<AccountBanners />, {
      language: 'en',
      route: '/campaigns',
      user: userFixture({ phoneVerifiedAt: null }),
      api: {
        'subscription.current': () => subscription,
        'billing.options': () => {
          asked = true;
          return options(false)();
        },
      },
    });
    await screen.findByTestId('subscription-banner');
    await waitFor(() => expect(asked).toBe(true));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('verify-banner')).toBeNull();
  });

  it('says nothing for a verified user with a healthy subscription', async () => {
    let asked = false;
    renderWithProviders(<AccountBanners />, {
      language: 'en',
      route: '/campaigns',
      user: userFixture({ phoneVerifiedAt: '2026-01-01T00:00:00.000Z' }),
      api: {
        'subscription.current': () => {
          asked = true;
          return { ...subscription, messagesUsed: 10, usageWarning: false };
        },
      },
    });
    await waitFor(() => expect(asked).toBe(true));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('subscription-banner')).toBeNull();
    expect(screen.queryByTestId('verify-banner')).toBeNull();
  });

  it('tells a user without a subscription that nothing will send', async () => {
    renderWithProviders(<AccountBanners />, {
      language: 'en',
      route: '/campaigns',
      user: userFixture({ phoneVerifiedAt: '2026-01-01T00:00:00.000Z' }),
      api: { 'subscription.current': () => null },
    });
    expect((await screen.findByTestId('subscription-banner')).textContent).toContain(
      'no active subscription: campaigns cannot send',
    );
  });
});
