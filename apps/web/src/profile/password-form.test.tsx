import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError } from '../../test/api';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { PasswordForm } from './password-form';

/** A required field's label ends with an asterisk. */
const label = (text: string) => new RegExp(`^${text}\\s*\\*?$`);

function fill(labels: { current: string; next: string; repeat: string }, values: [string, string, string]) {
  fireEvent.change(screen.getByLabelText(label(labels.current)), { target: { value: values[0] } });
  fireEvent.change(screen.getByLabelText(label(labels.next)), { target: { value: values[1] } });
  fireEvent.change(screen.getByLabelText(label(labels.repeat)), { target: { value: values[2] } });
}

describe('PasswordForm', () => {
  it('waits for two equal new passwords of 8 characters before it sends', async () => {
    const sent: unknown[] = [];
    renderWithProviders(<PasswordForm />, {
      language: 'en',
      user: userFixture(),
      api: {
        'auth.changePassword': (input) => {
          sent.push(input);
          return { token: 't' };
        },
      },
    });
    const labels = { current: 'Current password', next: 'New password', repeat: 'New password again' };
    fill(labels, ['old-secret', 'short', 'short']);
    expect(screen.getByText('Use at least 8 characters.')).toBeTruthy();
    fill(labels, ['old-secret', 'long-enough', 'long-enougH']);
    expect(screen.getByText('The two new passwords differ.')).toBeTruthy();
    const submit = screen.getByRole('button', { name: 'Change password' });
    expect(submit.hasAttribute('disabled')).toBe(true);
    fill(labels, ['old-secret', 'long-enough', 'long-enough']);
    fireEvent.click(submit);
    await waitFor(() =>
      expect(sent).toEqual([{ currentPassword: 'old-secret', newPassword: 'long-enough' }]),
    );
  });

  it('says beside the field, in Persian, that the current password is wrong', async () => {
    renderWithProviders(<PasswordForm />, {
      language: 'fa',
      user: userFixture(),
      api: {
        'auth.changePassword': () => {
          throw apiError('The current password is wrong.', 'BAD_REQUEST', 'currentPassword');
        },
      },
    });
    fill({ current: 'گذرواژه‌ی کنونی', next: 'گذرواژه‌ی تازه', repeat: 'تکرار گذرواژه‌ی تازه' }, [
      'not-it',
      'long-enough',
      'long-enough',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'تغییر گذرواژه' }));
    await screen.findByText('گذرواژه‌ی کنونی درست نیست.');
    expect(screen.queryByText('The current password is wrong.')).toBeNull();
  });
});
