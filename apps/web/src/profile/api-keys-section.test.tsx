import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { ApiKeysSection } from './api-keys-section';

const existing = {
  id: 4,
  name: 'Shop website',
  prefix: 'chp_ab12',
  lastUsedAt: null,
  createdAt: '2026-03-21T12:00:00.000Z',
};

describe('ApiKeysSection', () => {
  it('shows a new key once, lists keys and revokes one after asking', async () => {
    const revoked: unknown[] = [];
    renderWithProviders(<ApiKeysSection />, {
      language: 'en',
      user: userFixture(),
      api: {
        'apiKeys.list': () => [existing],
        'apiKeys.create': (input) => ({
          ...existing,
          id: 5,
          name: (input as { name: string }).name,
          key: 'chp_secret_value',
        }),
        'apiKeys.revoke': (input) => {
          revoked.push(input);
          return { ok: true };
        },
      },
    });
    await screen.findByText('Shop website');
    expect(screen.getByText('Never')).toBeTruthy();

    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'Nightly export' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    expect((await screen.findByTestId('new-api-key')).textContent).toBe('chp_secret_value');
    fireEvent.click(screen.getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByTestId('new-api-key')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Revoke key “Shop website”' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(revoked).toEqual([{ id: 4 }]));
  });
});
