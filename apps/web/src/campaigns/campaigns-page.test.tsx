import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { campaignFixture, userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { LiveAccountsProvider } from '../whatsapp/live-accounts';
import { CampaignsPage } from './campaigns-page';

function api(calls: Array<Record<string, unknown>>) {
  return {
    'whatsapp.list': () => [
      {
        id: 3,
        label: 'Shop phone',
        driver: 'sandbox',
        status: 'READY',
        error: null,
        phone: null,
        lastSeenAt: null,
        linkedAt: null,
        dailyLimit: 250,
        createdAt: '2025-01-01T00:00:00.000Z',
      },
    ],
    'whatsapp.onStatus': () => new Promise(() => {}),
    'campaigns.list': (input: unknown) => {
      const ask = input as Record<string, unknown>;
      calls.push(ask);
      const first = ask.cursor == null;
      return {
        items: first
          ? [campaignFixture({ id: 9, title: 'Autumn sale', sentCount: 9, totalRecipients: 10 })]
          : [campaignFixture({ id: 4, title: null })],
        nextCursor: first ? 9 : null,
        total: 2,
      };
    },
  };
}

function renderPage(calls: Array<Record<string, unknown>>, route = '/campaigns') {
  return renderWithProviders(
    <LiveAccountsProvider>
      <CampaignsPage />
    </LiveAccountsProvider>,
    { language: 'en', api: api(calls), user: userFixture(), route },
  );
}

describe('CampaignsPage', () => {
  it('reads its filters from the address and asks the server for them, with the total', async () => {
    const calls: Array<Record<string, unknown>> = [];
    renderPage(calls, '/campaigns?q=sale&status=COMPLETED&account=3&from=2026-01-05&to=2026-01-06');
    await screen.findByRole('link', { name: 'Autumn sale' });
    expect(calls.at(-1)).toEqual({
      search: 'sale',
      status: 'COMPLETED',
      whatsappAccountId: 3,
      createdFrom: new Date(2026, 0, 5),
      createdTo: new Date(2026, 0, 7),
      limit: 20,
      cursor: null,
      withTotal: true,
    });
    expect((screen.getByRole('searchbox', { name: 'Search' }) as HTMLInputElement).value).toBe('sale');
    expect(screen.getByText('9 of 10')).toBeTruthy();
  });

  it('pages with the server’s cursor and starts over when a filter changes', async () => {
    const calls: Array<Record<string, unknown>> = [];
    renderPage(calls);
    await screen.findByText('1–1 of 2');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('link', { name: 'Campaign #4' });
    expect(calls.at(-1)).toMatchObject({ cursor: 9 });
    // Page 2 of 20 a page starts at the 21st (the fake server's total is smaller).
    expect(screen.getByText('21–21 of 2')).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), { target: { value: 'RUNNING' } });
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ status: 'RUNNING', cursor: null }));
    fireEvent.change(screen.getByLabelText('Created from'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('Created until'), { target: { value: '2026-02-01' } });
    expect(await screen.findByText('Choose a day on or after the start day.')).toBeTruthy();
    // A backwards range is not sent.
    expect(calls.at(-1)).not.toHaveProperty('createdFrom');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(calls.at(-1)).toEqual({ limit: 20, cursor: null, withTotal: true }));
  }, 15_000);

  it('deletes a campaign that never started, after asking, and offers nothing for one that ran', async () => {
    const removed: unknown[] = [];
    let items = [
      campaignFixture({ id: 5, title: 'Left behind', status: 'DRAFT', totalRecipients: 0 }),
      campaignFixture({ id: 6, title: 'Sent one', status: 'COMPLETED' }),
    ];
    renderWithProviders(
      <LiveAccountsProvider>
        <CampaignsPage />
      </LiveAccountsProvider>,
      {
        language: 'en',
        user: userFixture(),
        route: '/campaigns',
        api: {
          ...api([]),
          'campaigns.list': () => ({ items, nextCursor: null, total: items.length }),
          'campaigns.remove': (input: unknown) => {
            removed.push(input);
            items = items.filter((c) => c.id !== (input as { id: number }).id);
            return { ok: true };
          },
        },
      },
    );
    await screen.findByRole('link', { name: 'Left behind' });
    expect(screen.queryByRole('button', { name: 'Delete Sent one' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Delete Left behind' }));
    expect(await screen.findByText('Delete this campaign?')).toBeTruthy();
    expect(removed).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Delete campaign' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Left behind' })).toBeNull());
    expect(removed).toEqual([{ id: 5 }]);
    expect(screen.getByRole('link', { name: 'Sent one' })).toBeTruthy();
  });
});
