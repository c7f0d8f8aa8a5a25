import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { campaignFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { CampaignCounters } from './campaign-counters';

const campaign = campaignFixture({
  status: 'RUNNING',
  totalRecipients: 1200,
  sentCount: 540,
  deliveredCount: 500,
  readCount: 120,
  failedCount: 30,
  skippedCount: 30,
});
const pace = {
  remaining: 600,
  perMinute: 6,
  basis: 'observed' as const,
  remainingMs: 100 * 60_000,
  finishAt: new Date(2026, 10, 26, 15, 40).getTime(),
};

describe('CampaignCounters', () => {
  it('shows the counters, an accessible progress bar, the rate and the estimated finish', () => {
    renderWithProviders(<CampaignCounters campaign={campaign} pace={pace} />, { language: 'en' });
    expect(screen.getByTestId('count-total').textContent).toBe('1,200');
    const bar = screen.getByRole('progressbar', { name: 'Progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    const line = screen.getByTestId('campaign-pace').textContent;
    expect(line).toMatch(/^6 messages a minute · about 1 h 40 min left · finishes around /);
    expect(line).toMatch(/3:40\sPM/);
  });

  it('says the planned rate as an estimate, in Persian digits, and nothing once stopped', () => {
    const { unmount } = renderWithProviders(
      <CampaignCounters
        campaign={campaign}
        pace={{ ...pace, basis: 'planned', perMinute: 6.98, finishAt: null }}
      />,
      { language: 'fa' },
    );
    expect(screen.getByTestId('count-total').textContent).toBe('۱٬۲۰۰');
    expect(screen.getByTestId('campaign-pace').textContent).toBe(
      'حدود ۷ پیام در دقیقه · حدود ۱ ساعت و ۴۰ دقیقه مانده',
    );
    unmount();
    renderWithProviders(
      <CampaignCounters
        campaign={campaign}
        pace={{ ...pace, perMinute: null, basis: null, remainingMs: null, finishAt: null }}
      />,
      { language: 'en' },
    );
    expect(screen.queryByTestId('campaign-pace')).toBeNull();
  });
});
