import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { BanForm, banReasonProblem } from './ban-form';

describe('banReasonProblem', () => {
  it('wants 3 to 500 characters, spaces aside', () => {
    expect(banReasonProblem('  ab  ')).toBe('admin.user.banReasonRequired');
    expect(banReasonProblem('spam')).toBeNull();
    expect(banReasonProblem('x'.repeat(501))).toBe('admin.user.banReasonTooLong');
  });
});

describe('BanForm', () => {
  it('refuses an empty reason beside the field, then bans with the trimmed reason', () => {
    const bans: string[] = [];
    renderWithProviders(<BanForm pending={false} error={null} onBan={(r) => bans.push(r)} />, {
      language: 'en',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Ban user' }));
    expect(screen.getByText('Write why the user is banned (at least 3 characters).')).toBeTruthy();
    expect(bans).toEqual([]);
    fireEvent.change(screen.getByRole('textbox', { name: /Reason/ }), { target: { value: '  spam  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ban user' }));
    expect(bans).toEqual(['spam']);
  });

  it('shows the server’s refusal next to the button, in Persian too', () => {
    renderWithProviders(<BanForm pending={false} error="اجازه‌ی این کار را ندارید." onBan={() => {}} />, {
      language: 'fa',
    });
    expect(screen.getByRole('button', { name: 'مسدود کردن کاربر' })).toBeTruthy();
    expect(screen.getByText('اجازه‌ی این کار را ندارید.')).toBeTruthy();
  });
});
