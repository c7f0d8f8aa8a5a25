import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import type { OptOut } from '../trpc/trpc';
import { OptOutsPage } from './opt-outs-page';

function optOut(id: number, phone: string, source = 'manual'): OptOut {
  return { id, phone, source, createdAt: '2025-02-01T10:00:00.000Z' };
}

describe('OptOutsPage', () => {
  it('explains the automatic opt-out when the list is empty', async () => {
    renderWithProviders(<OptOutsPage />, {
      language: 'en',
      api: { 'optOuts.list': () => ({ items: [], nextCursor: null }) },
    });
    const empty = await screen.findByTestId('opt-outs-empty');
    expect(empty.textContent).toContain('replies STOP, unsubscribe or لغو');
  });

  it('lists numbers, searches by digits and loads more', async () => {
    const asked: unknown[] = [];
    renderWithProviders(<OptOutsPage />, {
      language: 'en',
      api: {
        'optOuts.list': (input) => {
          asked.push(input);
          const { cursor, search } = input as { cursor?: number; search?: string };
          if (search) return { items: [optOut(9, '+989121234569')], nextCursor: null };
          return cursor
            ? { items: [optOut(5, '+989121234565', 'import')], nextCursor: null }
            : { items: [optOut(8, '+989121234568', 'reply')], nextCursor: 5 };
        },
      },
    });
    const table = await screen.findByRole('table', { name: 'Numbers on the list' });
    expect(within(table).getByText('+989121234568')).toBeTruthy();
    expect(within(table).getByText('Replied to opt out')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await within(table).findByText('+989121234565');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Search' }), { target: { value: '۶۹' } });
    await screen.findByText('+989121234569');
    expect(asked.at(-1)).toMatchObject({ search: '69' });
  });

  it('adds pasted numbers, one per line, and reports what happened', async () => {
    let phones: string[] = [];
    renderWithProviders(<OptOutsPage />, {
      language: 'en',
      api: {
        'optOuts.list': () => ({ items: [], nextCursor: null }),
        'optOuts.add': (input) => {
          phones = (input as { phones: string[] }).phones;
          return {
            added: 1,
            invalid: 1,
            rejected: [{ index: 2, value: 'nope', reason: 'not a phone number' }],
          };
        },
      },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Numbers' }), {
      target: { value: '09121234567\n\n+989121234567\nnope\n' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add to the list' }));
    const result = await screen.findByTestId('opt-outs-add-result');
    expect(phones).toEqual(['09121234567', '+989121234567', 'nope']);
    expect(result.textContent).toContain('Added 1, 1 already on the list, 1 invalid.');
    expect(result.textContent).toContain('nope (not a phone number)');
  });

  it('asks before removing a number', async () => {
    const removed: unknown[] = [];
    renderWithProviders(<OptOutsPage />, {
      language: 'en',
      api: {
        'optOuts.list': () => ({ items: [optOut(8, '+989121234568')], nextCursor: null }),
        'optOuts.remove': (input) => {
          removed.push(input);
          return { ok: true };
        },
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Remove +989121234568 from the list' }));
    expect(removed).toEqual([]);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(removed).toEqual([{ id: 8 }]));
  });
});
