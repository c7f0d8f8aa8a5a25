import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../test/api';
import { renderWithProviders } from '../../test/render';
import { ForgotPasswordPage } from './forgot-password-page';

describe('ForgotPasswordPage', () => {
  it('asks for a code by the chosen channel, then sets the new password with it', async () => {
    const calls: Array<[string, unknown]> = [];
    renderWithProviders(<ForgotPasswordPage />, {
      language: 'en',
      api: {
        'auth.requestPasswordReset': (input) => {
          calls.push(['request', input]);
          return { ok: true };
        },
        'auth.resetPassword': (input) => {
          calls.push(['reset', input]);
          if ((input as { code: string }).code !== '123456') {
            throw apiError('Wrong code. 4 tries left.', 'BAD_REQUEST', 'code');
          }
          return { ok: true };
        },
      },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Email or mobile phone/ }), {
      target: { value: '09121234567' },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'SMS' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send code' }));
    await screen.findByText(/If an account matches/);
    expect(calls).toEqual([['request', { identifier: '09121234567', channel: 'SMS' }]]);

    fireEvent.change(screen.getByRole('textbox', { name: /Code/ }), { target: { value: '000000' } });
    fireEvent.change(screen.getByLabelText(/New password/), { target: { value: 'new-secret-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText('Wrong code. 4 tries left.')).toBeTruthy();

    fireEvent.change(screen.getByRole('textbox', { name: /Code/ }), { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set the new password' }));
    expect(await screen.findByText(/Your password is changed/)).toBeTruthy();
    await waitFor(() =>
      expect(calls.at(-1)).toEqual([
        'reset',
        { identifier: '09121234567', code: '123456', password: 'new-secret-1' },
      ]),
    );
  });
});
