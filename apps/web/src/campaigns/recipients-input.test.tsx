import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { RecipientsInput } from './recipients-input';

function Controlled() {
  const [value, setValue] = useState('');
  return <RecipientsInput value={value} onChange={setValue} country="IR" />;
}

describe('RecipientsInput', () => {
  it('counts valid, invalid and repeated numbers as the user types', () => {
    renderWithProviders(<Controlled />, { language: 'en' });
    expect(screen.getByText('No recipients entered.')).toBeTruthy();
    const box = screen.getByRole('textbox', { name: 'Recipients' });
    fireEvent.change(box, { target: { value: '09121234567, Ali\n۰۹۱۲۱۲۳۴۵۶۷\nnot a phone\n+989121234568' } });
    expect(screen.getByText('4 lines: 2 valid, 1 invalid, 1 repeated')).toBeTruthy();
  });

  it('is described by its hint and its count', () => {
    renderWithProviders(<Controlled />, { language: 'en' });
    const box = screen.getByRole('textbox', { name: 'Recipients' });
    const describedBy = box.getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ').length).toBeGreaterThanOrEqual(1);
  });
});
