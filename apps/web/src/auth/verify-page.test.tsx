import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { VerifyPage } from './verify-page';

const NO_CODE_YET = { delivery: null, sentTo: null, requestedAt: null, lastSendError: null };
const NOT_TAKEN =
  'The code could not be sent: the text-message service did not take it. Try again in a few minutes.';

describe('VerifyPage', () => {
  it('sends a phone code, shows where it went and verifies with the code typed', async () => {
    const calls: Array<[string, unknown]> = [];
    renderWithProviders(<VerifyPage />, {
      language: 'en',
      user: userFixture({ phoneVerifiedAt: null, emailVerifiedAt: '2026-01-01T00:00:00.000Z' }),
      api: {
        'auth.codeStatus': () => NO_CODE_YET,
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

  it('shows that the code sent at sign-up was not delivered, until a new one is asked for', async () => {
    renderWithProviders(<VerifyPage />, {
      language: 'en',
      user: userFixture({ phoneVerifiedAt: null, emailVerifiedAt: '2026-01-01T00:00:00.000Z' }),
      api: {
        'auth.codeStatus': () => ({
          delivery: 'FAILED',
          sentTo: '+98912****67',
          requestedAt: '2026-01-01T00:00:00.000Z',
          lastSendError: NOT_TAKEN,
        }),
        'auth.requestCode': () => ({ sentTo: '+98912****67', expiresAt: '2026-01-01T00:10:00.000Z' }),
      },
    });
    const phone = screen.getByTestId('verify-VERIFY_PHONE');
    expect(await within(phone).findByText(NOT_TAKEN)).toBeTruthy();
    fireEvent.click(within(phone).getByRole('button', { name: 'Send code' }));
    expect(await within(phone).findByText('+98912****67')).toBeTruthy();
    expect(within(phone).queryByText(NOT_TAKEN)).toBeNull();
  });

  it('says the failure in Persian on a Persian page', async () => {
    renderWithProviders(<VerifyPage />, {
      language: 'fa',
      user: userFixture({ phoneVerifiedAt: null, emailVerifiedAt: '2026-01-01T00:00:00.000Z' }),
      api: {
        'auth.codeStatus': () => ({ ...NO_CODE_YET, delivery: 'FAILED', lastSendError: NOT_TAKEN }),
      },
    });
    const alert = await within(screen.getByTestId('verify-VERIFY_PHONE')).findByRole('alert');
    expect(alert.textContent).toMatch(/[\u0600-\u06ff]/);
    expect(alert.textContent).not.toContain('could not be sent');
  });
});
