import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { useI18n } from './i18n-provider';
import { LANGUAGE_STORAGE_KEY } from './language';
import { LanguageSwitch } from './language-switch';

function Probe() {
  const { t, language, dir } = useI18n();
  return (
    <p data-testid="probe" data-lang={language} data-dir={dir}>
      {t('nav.campaigns')}
    </p>
  );
}

describe('I18nProvider', () => {
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('honours ?lang=fa, remembers it and turns the page right to left', () => {
    window.history.replaceState(null, '', '/campaigns?lang=fa');
    renderWithProviders(<Probe />);
    expect(screen.getByTestId('probe').textContent).toBe('کمپین‌ها');
    expect(document.documentElement.lang).toBe('fa');
    expect(document.documentElement.dir).toBe('rtl');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fa');
  });

  it('uses the remembered language when the URL names none', () => {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'fa');
    renderWithProviders(<Probe />);
    expect(screen.getByTestId('probe').dataset.dir).toBe('rtl');
  });

  it('switches language from the header control and remembers the choice', () => {
    renderWithProviders(
      <>
        <LanguageSwitch />
        <Probe />
      </>,
      { language: 'en' },
    );
    expect(screen.getByTestId('probe').textContent).toBe('Campaigns');
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'fa' } });
    expect(screen.getByTestId('probe').textContent).toBe('کمپین‌ها');
    expect(screen.getByRole('combobox', { name: 'زبان' })).toBeTruthy();
    expect(document.documentElement.dir).toBe('rtl');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('fa');
  });

  it('also saves the choice in the profile when signed in', async () => {
    const saved: unknown[] = [];
    renderWithProviders(<LanguageSwitch />, {
      language: 'en',
      user: userFixture({ locale: 'en' }),
      api: {
        'auth.updateProfile': (input) => {
          saved.push(input);
          return userFixture({ locale: 'fa' });
        },
      },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'fa' } });
    await waitFor(() => expect(saved).toEqual([{ locale: 'fa' }]));
  });
});
