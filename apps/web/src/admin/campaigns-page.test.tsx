import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../test/api';
import { campaignFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { fa } from '../i18n/fa';
import { AdminCampaignsPage } from './campaigns-page';
import type { AdminCampaign } from './types';

function adminCampaign(overrides: Partial<AdminCampaign> = {}): AdminCampaign {
  return { ...campaignFixture(), ownerName: 'Sara', ownerEmail: 'sara@example.com', ...overrides };
}

describe('AdminCampaignsPage', () => {
  it('lists one user’s campaigns from ?userId= with their owner', async () => {
    const asked: unknown[] = [];
    renderWithProviders(<AdminCampaignsPage />, {
      language: 'en',
      route: '/admin/campaigns?userId=4',
      api: {
        'admin.campaigns.list': (input) => {
          asked.push(input);
          return { items: [adminCampaign({ status: 'COMPLETED' })], nextCursor: null };
        },
      },
    });
    const table = await screen.findByRole('table', { name: 'Every campaign' });
    expect(within(table).getByText('sara@example.com')).toBeTruthy();
    expect(asked[0]).toMatchObject({ userId: 4 });
    // A finished campaign offers nothing to pause or cancel.
    expect(within(table).queryByRole('button', { name: /^(Pause|Cancel) / })).toBeNull();
  });

  it('pauses a running campaign with a reason for its owner', async () => {
    const paused: unknown[] = [];
    renderWithProviders(<AdminCampaignsPage />, {
      language: 'en',
      route: '/admin/campaigns',
      api: {
        'admin.campaigns.list': () => ({ items: [adminCampaign({ status: 'RUNNING' })], nextCursor: null }),
        'admin.campaigns.pause': (input) => {
          paused.push(input);
          return adminCampaign({ status: 'PAUSED' });
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Pause Spring sale' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pause Spring sale?' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason/ }), {
      target: { value: ' reported as spam ' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(paused).toEqual([{ id: 7, reason: 'reported as spam' }]));
  });

  it('keeps a refusal inside the dialog, in Persian words', async () => {
    renderWithProviders(<AdminCampaignsPage />, {
      language: 'fa',
      route: '/admin/campaigns',
      api: {
        'admin.campaigns.list': () => ({ items: [adminCampaign({ status: 'PAUSED' })], nextCursor: null }),
        'admin.campaigns.cancel': () => {
          throw apiError('A cancelled campaign cannot be cancelled.', 'CONFLICT');
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'لغو کمپین Spring sale' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'لغو کمپین' }));
    expect(await within(dialog).findByText(fa['admin.error.CONFLICT'])).toBeTruthy();
    expect(within(dialog).queryByText(/cannot be cancelled/)).toBeNull();
  });
});
