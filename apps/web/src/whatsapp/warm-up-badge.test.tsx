import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { WarmUpBadge } from './warm-up-badge';

const NOW = new Date('2025-03-10T12:00:00.000Z');
const linked = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();

describe('WarmUpBadge', () => {
  it('marks a WhatsApp Web number linked a day ago as warming up, with today’s limit', () => {
    renderWithProviders(
      <WarmUpBadge account={{ driver: 'wwebjs', linkedAt: linked(24), dailyLimit: 250 }} now={NOW} />,
      { language: 'en' },
    );
    const badge = screen.getByTestId('warm-up');
    expect(badge.textContent).toBe('Warming up');
    expect(badge.getAttribute('aria-label')).toMatch(/first 3 days: at most 125 messages a day/);
  });

  it('shows nothing once three days have passed', () => {
    renderWithProviders(
      <WarmUpBadge account={{ driver: 'wwebjs', linkedAt: linked(80), dailyLimit: 250 }} now={NOW} />,
      { language: 'en' },
    );
    expect(screen.queryByTestId('warm-up')).toBeNull();
  });

  it('shows nothing for test-mode accounts', () => {
    renderWithProviders(
      <WarmUpBadge account={{ driver: 'sandbox', linkedAt: linked(1), dailyLimit: 250 }} now={NOW} />,
      { language: 'en' },
    );
    expect(screen.queryByTestId('warm-up')).toBeNull();
  });

  it('speaks Persian', () => {
    renderWithProviders(
      <WarmUpBadge account={{ driver: 'wwebjs', linkedAt: linked(2), dailyLimit: 100 }} now={NOW} />,
      { language: 'fa' },
    );
    expect(screen.getByTestId('warm-up').textContent).toBe('در حال گرم شدن');
  });
});
