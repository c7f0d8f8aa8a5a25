import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { CreatePreview } from './create-preview';
import { recipientLabel } from './preview-recipient-picker';
import { parseRecipients } from './recipients-parse';

const rows = parseRecipients('0912 123 4567, سارا\n۰۹۱۲۱۲۳۴۵۶۸، Ali\n09121234569');

describe('CreatePreview', () => {
  it('renders the message for each pasted recipient in turn', () => {
    renderWithProviders(
      <CreatePreview message="سلام {{name|دوست}}" rows={rows} fromFile={false} country="IR" />,
      {
        language: 'en',
      },
    );
    expect(screen.getByTestId('create-preview').textContent).toBe('سلام سارا');
    fireEvent.click(screen.getByRole('button', { name: 'Next recipient' }));
    expect(screen.getByTestId('create-preview').textContent).toBe('سلام Ali');
    fireEvent.change(screen.getByRole('combobox', { name: 'Preview for' }), { target: { value: '2' } });
    expect(screen.getByTestId('create-preview').textContent).toBe('سلام دوست');
    // The numbers are shown normalised, as they will be stored.
    expect(
      screen.getByRole('option', { name: recipientLabel({ name: 'Ali', phone: '+989121234568' }) }),
    ).toBeTruthy();
  });

  it('warns about variables pasted recipients cannot have, and about mistakes', () => {
    renderWithProviders(
      <CreatePreview message={'Hi {{city}}\n{{name'} rows={rows} fromFile={false} country="IR" />,
      {
        language: 'en',
      },
    );
    expect(screen.getByTestId('preview-unknown').textContent).toContain(
      'Pasted recipients have only a phone',
    );
    expect(screen.getByTestId('preview-problems').textContent).toContain('Line 2, column 1:');
  });

  it('defers the column check to after a file import', () => {
    renderWithProviders(<CreatePreview message="Hi {{city}}" rows={[]} fromFile country="IR" />, {
      language: 'en',
    });
    expect(screen.getByText(/can be previewed on the campaign page after the import/)).toBeTruthy();
    expect(screen.getByTestId('preview-unknown').textContent).toContain('must match a column of the file');
  });
});

describe('recipientLabel', () => {
  it('isolates the name and keeps the number left to right', () => {
    expect(recipientLabel({ name: 'سارا', phone: '+989121234567' })).toBe(
      '\u2068سارا\u2069 · \u2066+989121234567\u2069',
    );
    expect(recipientLabel({ name: null, phone: '+989121234567' })).toBe('\u2066+989121234567\u2069');
  });
});
