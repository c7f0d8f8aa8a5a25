import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../test/fixtures';
import { renderWithProviders } from '../test/render';
import { VerifyPage } from './verify-page';

describe('VerifyPage', () => {
  it('sends a phone code, shows where it went and verifies with the code typed', async () => {
    const calls: Array<[string, unknown]> = [];
    renderWithProviders(<VerifyPage />, {
      language: 'en',
      user: userFixture({ phoneVerifiedAt: null, emailVerifiedAt: '2026-01-01T00:00:00.000Z' }),
      api: {
        'auth.requestCode': (input) => {
          calls.push(['request', input]);
          return { sentTo: '+98912****67', expiresAt: '2026-01-01T00:10:00.000Z' };
        },
        'auth.verifyCode': (input) => {
          calls.push(['verify', input]);
          return userFixture({ phoneVerifiedAt: '2026-01-01T00:01:00.000Z' });
        },
      },
    });
    const phone = screen.getByTestId('verify-VERIFY_PHONE');
    expect(screen.getByTestId('verify-VERIFY_EMAIL').textContent).toContain('Verified');
    fireEvent.click(within(phone).getByRole('button', { name: 'Send code' }));
    expect(await screen.findByText('+98912****67')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /Code/ }), { target: { value: '۱۲۳۴۵۶' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('Verified. Thank you!')).toBeTruthy();
    await waitFor(() =>
      expect(calls).toEqual([
        ['request', { purpose: 'VERIFY_PHONE' }],
        ['verify', { purpose: 'VERIFY_PHONE', code: '۱۲۳۴۵۶' }],
      ]),
    );
  });
});
