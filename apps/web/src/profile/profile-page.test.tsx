import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userFixture } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { ProfilePage } from './profile-page';

/** Renders the page, in English, for a user in Iran; returns the list of what it saves. */
function renderProfilePage(): unknown[] {
  const saved: unknown[] = [];
  renderWithProviders(<ProfilePage />, {
    language: 'en',
    user: userFixture({ defaultCountry: 'IR' }),
    api: {
      'auth.updateProfile': (input) => {
        saved.push(input);
        return userFixture({ ...(input as object) });
      },
    },
  });
  return saved;
}

describe('ProfilePage', () => {
  it('saves the name, language and a common country', async () => {
    const saved = renderProfilePage();
    const country = screen.getByRole('combobox', { name: 'Default country for phone numbers' });
    expect((country as HTMLSelectElement).value).toBe('IR');
    fireEvent.change(country, { target: { value: 'DE' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toEqual([{ name: 'Sara', locale: 'en', defaultCountry: 'DE' }]));
  });

  it('takes any other two-letter code, and refuses an unknown one', async () => {
    const saved = renderProfilePage();
    fireEvent.change(screen.getByRole('combobox', { name: 'Default country for phone numbers' }), {
      target: { value: 'other' },
    });
    const code = screen.getByRole('textbox', { name: 'Country code' });
    fireEvent.change(code, { target: { value: 'zz' } });
    expect(screen.getByText('This is not a two-letter country code we know.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(code, { target: { value: 'se' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saved).toMatchObject([{ defaultCountry: 'SE' }]));
  });

  it('opens on "Other" for a country outside the common ones', () => {
    renderWithProviders(<ProfilePage />, { language: 'en', user: userFixture({ defaultCountry: 'FR' }) });
    expect((screen.getByRole('textbox', { name: 'Country code' }) as HTMLInputElement).value).toBe('FR');
  });
});
