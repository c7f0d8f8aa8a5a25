import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { recipientFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { RecipientsTable } from './recipients-table';

const counters = {
  totalRecipients: 120,
  sentCount: 100,
  deliveredCount: 80,
  readCount: 30,
  failedCount: 2,
  skippedCount: 3,
};

/** A fake `campaigns.recipients` that answers full pages (id-numbered) and records each ask. */
function api(calls: Array<Record<string, unknown>>) {
  return {
    'campaigns.recipients': (input: unknown) => {
      const ask = input as Record<string, unknown>;
      calls.push(ask);
      const start = typeof ask.cursor === 'number' ? ask.cursor : 0;
      const items = Array.from({ length: 50 }, (_, i) =>
        recipientFixture({
          id: start + i + 1,
          phone: `+98912000${String(start + i + 1).padStart(4, '0')}`,
          name: `R${start + i + 1}`,
        }),
      );
      return { items, nextCursor: start + 50 };
    },
  };
}

describe('RecipientsTable', () => {
  it('asks the server for the tab, the sort, the search and the page the user picks', async () => {
    const calls: Array<Record<string, unknown>> = [];
    renderWithProviders(<RecipientsTable campaignId={7} counters={counters} />, {
      language: 'en',
      api: api(calls),
    });
    await screen.findByText('+989120000001');
    expect(calls.at(-1)).toEqual({ campaignId: 7, cursor: null, limit: 50 });
    expect(screen.getByText('1–50 of 120')).toBeTruthy();

    // Tabs carry the counters' numbers and filter by their statuses.
    const tabs = screen.getByRole('tablist', { name: 'Recipients by outcome' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual([
      'All (120)',
      'Waiting (15)',
      'Sent (100)',
      'Delivered (80)',
      'Read (30)',
      'Failed (2)',
      'Skipped (3)',
    ]);
    fireEvent.click(within(tabs).getByRole('tab', { name: 'Delivered (80)' }));
    await waitFor(() =>
      expect(calls.at(-1)).toMatchObject({ statuses: ['DELIVERED', 'READ'], cursor: null }),
    );

    // Next page follows the server's cursor; Previous comes back to the first.
    fireEvent.click(await screen.findByRole('button', { name: 'Next' }));
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ statuses: ['DELIVERED', 'READ'], cursor: 50 }));
    await screen.findByText('51–100 of 80');
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ cursor: null }));

    // A column header sorts; again, the other way; the page starts over.
    const nameHeader = screen.getByRole('columnheader', { name: /Name/ });
    expect(nameHeader.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(nameHeader).getByRole('button'));
    await waitFor(() =>
      expect(calls.at(-1)).toMatchObject({ sort: { by: 'name', dir: 'asc' }, cursor: null }),
    );
    expect(screen.getByRole('columnheader', { name: /Name/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Name/ })).getByRole('button'));
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ sort: { by: 'name', dir: 'desc' } }));

    // The search waits for a pause in typing, then asks once; the total is unknown then.
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search recipients' }), {
      target: { value: ' 0912 ' },
    });
    await waitFor(() =>
      expect(calls.at(-1)).toMatchObject({ search: '0912', statuses: ['DELIVERED', 'READ'] }),
    );
    expect(calls.filter((c) => c.search === '0912')).toHaveLength(1);
    expect(await screen.findByText('1–50')).toBeTruthy();
  }, 20_000);
});
