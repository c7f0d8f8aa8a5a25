import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../test/api';
import { renderWithProviders } from '../../test/render';
import { fa } from '../i18n/fa';
import { type GrantInput, type GrantMutation, grantProblems } from './grant-subscription';
import { GrantSubscriptionDialog } from './grant-subscription-dialog';

function fakeMutation(overrides: Partial<GrantMutation> = {}) {
  const calls: GrantInput[] = [];
  const mutation: GrantMutation = {
    available: true,
    isPending: false,
    error: null,
    grant: (input, options) => {
      calls.push(input);
      options.onSuccess();
    },
    reset: () => {},
    ...overrides,
  };
  return { mutation, calls };
}

describe('grantProblems', () => {
  it('wants whole numbers in range and something to grant', () => {
    expect(grantProblems({ days: 30, messages: 1000, note: '' })).toEqual({});
    expect(grantProblems({ days: 0, messages: 0, note: '' })).toEqual({ days: 'admin.grant.nothing' });
    expect(grantProblems({ days: '', messages: 1.5, note: '' })).toEqual({
      days: 'admin.grant.daysInvalid',
      messages: 'admin.grant.messagesInvalid',
    });
    expect(grantProblems({ days: 3651, messages: 0, note: 'x'.repeat(501) })).toEqual({
      days: 'admin.grant.daysInvalid',
      note: 'admin.grant.noteTooLong',
    });
  });
});

describe('GrantSubscriptionDialog', () => {
  it('grants days and messages with the note, and closes', async () => {
    const { mutation, calls } = fakeMutation();
    let closed = false;
    renderWithProviders(
      <GrantSubscriptionDialog
        user={{ id: 5, name: 'Sara' }}
        opened
        onClose={() => {
          closed = true;
        }}
        mutation={mutation}
      />,
      { language: 'en' },
    );
    fireEvent.change(await screen.findByRole('textbox', { name: 'Days' }), { target: { value: '60' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Note (optional)' }), {
      target: { value: ' paid by card ' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    await waitFor(() =>
      expect(calls).toEqual([{ userId: 5, days: 60, messages: 1000, note: 'paid by card' }]),
    );
    expect(closed).toBe(true);
  });

  it('refuses nothing to grant before asking the server', async () => {
    const { mutation, calls } = fakeMutation();
    renderWithProviders(
      <GrantSubscriptionDialog
        user={{ id: 5, name: 'Sara' }}
        opened
        onClose={() => {}}
        mutation={mutation}
      />,
      { language: 'en' },
    );
    fireEvent.change(await screen.findByRole('textbox', { name: 'Days' }), { target: { value: '0' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Messages' }), { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));
    expect(await screen.findByText('Give at least one day or one message.')).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('puts a server refusal beside its field, in the admin’s language', async () => {
    const error = apiError('Days must be at most 3650.', 'BAD_REQUEST', 'days');
    const { mutation } = fakeMutation({ error });
    const { unmount } = renderWithProviders(
      <GrantSubscriptionDialog
        user={{ id: 5, name: 'Sara' }}
        opened
        onClose={() => {}}
        mutation={mutation}
      />,
      { language: 'en' },
    );
    const days = await screen.findByRole('textbox', { name: 'Days' });
    expect(days.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Days must be at most 3650.')).toBeTruthy();
    unmount();

    renderWithProviders(
      <GrantSubscriptionDialog
        user={{ id: 5, name: 'سارا' }}
        opened
        onClose={() => {}}
        mutation={mutation}
      />,
      { language: 'fa' },
    );
    expect(await screen.findByText(fa['admin.error.BAD_REQUEST'])).toBeTruthy();
    expect(screen.queryByText('Days must be at most 3650.')).toBeNull();
  });
});
