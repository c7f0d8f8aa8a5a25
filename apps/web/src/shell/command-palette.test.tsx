import { act, fireEvent, screen } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { campaignFixture, userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { CommandPalette, palette } from './command-palette';

function Where() {
  return <output data-testid="path">{useLocation().pathname}</output>;
}

describe('CommandPalette', () => {
  it('finds a campaign by a word of its title and opens it', async () => {
    renderWithProviders(
      <>
        <CommandPalette onHelp={() => {}} />
        <Routes>
          <Route path="*" element={<Where />} />
        </Routes>
      </>,
      {
        language: 'en',
        user: userFixture(),
        route: '/dashboard',
        api: {
          'campaigns.list': () => ({
            items: [
              campaignFixture({ id: 7, title: 'Spring sale' }),
              campaignFixture({ id: 8, title: 'Yalda night' }),
            ],
            nextCursor: null,
          }),
        },
      },
    );
    act(() => palette.open());
    const search = await screen.findByRole('textbox', { name: 'Search pages, campaigns and actions' });
    await screen.findByRole('button', { name: 'Yalda night' });
    fireEvent.change(search, { target: { value: 'yalda' } });
    expect(screen.queryByRole('button', { name: 'Spring sale' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Dashboard' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Yalda night' }));
    expect(screen.getByTestId('path').textContent).toBe('/campaigns/8');
  });

  it('asks the server for older campaigns by title as the user types', async () => {
    const searches: unknown[] = [];
    renderWithProviders(
      <>
        <CommandPalette onHelp={() => {}} />
        <Routes>
          <Route path="*" element={<Where />} />
        </Routes>
      </>,
      {
        language: 'en',
        user: userFixture(),
        route: '/dashboard',
        api: {
          'campaigns.list': (input) => {
            const search = (input as { search?: string } | undefined)?.search;
            if (!search) return { items: [campaignFixture({ id: 90, title: 'Newest' })], nextCursor: 89 };
            searches.push(search);
            return { items: [campaignFixture({ id: 3, title: 'Nowruz 1402' })], nextCursor: null };
          },
        },
      },
    );
    act(() => palette.open());
    const search = await screen.findByRole('textbox', { name: 'Search pages, campaigns and actions' });
    await screen.findByRole('button', { name: 'Newest' });
    fireEvent.change(search, { target: { value: 'nowruz' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Nowruz 1402' }));
    expect(screen.getByTestId('path').textContent).toBe('/campaigns/3');
    expect(searches).toEqual(['nowruz']);
  });

  it('lists the pages in the reader’s language, found by their name in the other', async () => {
    renderWithProviders(<CommandPalette onHelp={() => {}} />, {
      language: 'fa',
      user: userFixture(),
      api: { 'campaigns.list': () => ({ items: [], nextCursor: null }) },
    });
    act(() => palette.open());
    const search = await screen.findByRole('textbox', { name: 'جست‌وجوی صفحه‌ها، کمپین‌ها و کارها' });
    fireEvent.change(search, { target: { value: 'settings' } });
    expect(await screen.findByRole('button', { name: 'تنظیمات' })).toBeTruthy();
    act(() => palette.close());
  });
});
