import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { useI18n } from './i18n-provider';
import { UserLanguage } from './user-language';

function Probe() {
  return <output data-testid="language">{useI18n().language}</output>;
}

describe('UserLanguage', () => {
  it("applies the profile's language once signed in", async () => {
    renderWithProviders(
      <>
        <UserLanguage />
        <Probe />
      </>,
      { language: 'en', user: userFixture({ locale: 'fa' }), route: '/dashboard' },
    );
    await waitFor(() => expect(screen.getByTestId('language').textContent).toBe('fa'));
  });

  it('saves a ?lang= of the address to the profile instead', async () => {
    const saved: unknown[] = [];
    renderWithProviders(
      <>
        <UserLanguage />
        <Probe />
      </>,
      {
        language: 'en',
        user: userFixture({ locale: 'fa' }),
        route: '/dashboard?lang=en',
        api: {
          'auth.updateProfile': (input) => {
            saved.push(input);
            return userFixture({ locale: 'en' });
          },
        },
      },
    );
    await waitFor(() => expect(saved).toEqual([{ locale: 'en' }]));
    expect(screen.getByTestId('language').textContent).toBe('en');
  });
});
