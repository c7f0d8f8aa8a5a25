import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { LiveAccountsProvider } from '../whatsapp/live-accounts';
import { DashboardPage } from './dashboard-page';
import type { DashboardSummary } from './use-dashboard';

const zero = { sent: 0, delivered: 0, read: 0, failed: 0 };
const days = (sent: number) =>
  Array.from({ length: 30 }, (_, i) => ({
    date: `2026-03-${String(i + 1).padStart(2, '0')}`,
    ...zero,
    sent,
  }));

function summary(overrides: Partial<DashboardSummary> = {}): DashboardSummary {
  return {
    today: { sent: 37, delivered: 31, read: 15, failed: 3 },
    month: { sent: 1296, delivered: 1095, read: 553, failed: 54 },
    days: days(40),
    running: [],
    subscription: {
      packageTitle: null,
      expiresAt: '2026-04-01T00:00:00.000Z',
      daysLeft: 7,
      messageLimit: 100,
      messagesUsed: 37,
      messagesLeft: 63,
      active: true,
    },
    ...overrides,
  };
}

function renderDashboard(language: 'en' | 'fa', answer: DashboardSummary, accounts: unknown[] = []) {
  const asked: unknown[] = [];
  renderWithProviders(
    <LiveAccountsProvider>
      <DashboardPage />
    </LiveAccountsProvider>,
    {
      language,
      user: userFixture(),
      api: {
        'dashboard.summary': (input) => {
          asked.push(input);
          return answer;
        },
        'whatsapp.list': () => accounts,
      },
    },
  );
  return asked;
}

describe('DashboardPage', () => {
  it('shows the counts in Persian digits and asks for the Persian month', async () => {
    const asked = renderDashboard('fa', summary());
    expect((await screen.findByTestId('امروز-sent')).textContent).toBe('۳۷');
    expect(screen.getByTestId('این ماه-sent').textContent).toBe('۱٬۲۹۶');
    expect(screen.getByTestId('messages-left').textContent).toBe('۶۳ پیام از ۱۰۰ مانده');
    expect(asked[0]).toMatchObject({ calendar: 'persian', days: 30 });
  });

  it('tells a new user without an account to link one first', async () => {
    renderDashboard('en', summary({ today: zero, month: zero, days: days(0) }));
    const link = await screen.findByRole('link', { name: 'Add a WhatsApp account' });
    expect(link.getAttribute('href')).toBe('/whatsapp');
  });
});
