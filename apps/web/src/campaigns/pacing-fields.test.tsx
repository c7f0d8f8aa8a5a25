import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { DEFAULT_PACING, type Pacing, PacingFields } from './pacing-fields';

let last: Pacing = DEFAULT_PACING;
function Controlled() {
  const [value, setValue] = useState(DEFAULT_PACING);
  last = value;
  return <PacingFields value={value} onChange={setValue} />;
}

describe('PacingFields', () => {
  it('starts folded with the server defaults and unfolds on demand', async () => {
    renderWithProviders(<Controlled />, { language: 'en' });
    const toggle = screen.getByRole('button', { name: 'Advanced: safe pacing' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const size = await screen.findByRole('textbox', { name: 'Pause after every … messages' });
    expect((size as HTMLInputElement).value).toBe('25');
    expect((screen.getByRole('textbox', { name: 'Pause length (seconds)' }) as HTMLInputElement).value).toBe(
      '90',
    );
    fireEvent.click(screen.getByRole('switch', { name: /^Show “typing…” before each message/ }));
    expect(last.typing).toBe(true);
  });

  it('disables the pause length when batches never pause', async () => {
    renderWithProviders(<Controlled />, { language: 'en' });
    fireEvent.click(screen.getByRole('button', { name: 'Advanced: safe pacing' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Pause after every … messages' }), {
      target: { value: '0' },
    });
    expect(last.batchSize).toBe(0);
    expect(screen.getByRole('textbox', { name: 'Pause length (seconds)' }).hasAttribute('disabled')).toBe(
      true,
    );
  });

  it('opens by itself to show a server error', () => {
    renderWithProviders(
      <PacingFields value={DEFAULT_PACING} onChange={() => {}} errors={{ batchSize: 'Too big' }} />,
      { language: 'en' },
    );
    expect(screen.getByRole('button', { name: 'Advanced: safe pacing' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect(screen.getByText('Too big')).toBeTruthy();
  });
});
