import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { IntegerInput } from './integer-input';

function Field({ seen }: { seen: number[] }) {
  const [value, setValue] = useState(25);
  return (
    <IntegerInput
      label="Batch size"
      min={0}
      max={1000}
      value={value}
      onChange={(v) => {
        seen.push(v);
        setValue(v);
      }}
    />
  );
}

describe('IntegerInput', () => {
  it('takes and shows Persian digits (Latin ones typed too), and ignores what is out of range', () => {
    const seen: number[] = [];
    renderWithProviders(<Field seen={seen} />, { language: 'fa' });
    const input = screen.getByRole('textbox', { name: 'Batch size' }) as HTMLInputElement;
    expect(input.value).toBe('۲۵');
    fireEvent.change(input, { target: { value: '۴۰' } });
    expect(input.value).toBe('۴۰');
    fireEvent.change(input, { target: { value: '45' } });
    expect(input.value).toBe('۴۵');
    fireEvent.change(input, { target: { value: '۵۰۰۰' } });
    fireEvent.change(input, { target: { value: 'abc' } });
    expect(seen).toEqual([40, 45]);
  });
});
