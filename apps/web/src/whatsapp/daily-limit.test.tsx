import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import type { Account } from '../trpc/trpc';
import { DailyLimit } from './daily-limit';

const account: Account = {
  id: 3,
  label: 'Sales',
  driver: 'wwebjs',
  status: 'READY',
  error: null,
  phone: null,
  lastSeenAt: null,
  linkedAt: '2020-01-01T00:00:00.000Z',
  dailyLimit: 250,
  createdAt: '2020-01-01T00:00:00.000Z',
};

describe('DailyLimit', () => {
  it('shows the limit, and half of it while warming up', () => {
    const { unmount } = renderWithProviders(<DailyLimit account={account} />, { language: 'en' });
    expect(screen.getByTestId('daily-limit').textContent).toBe('Daily limit: 250 messages');
    unmount();
    renderWithProviders(<DailyLimit account={{ ...account, linkedAt: new Date().toISOString() }} />, {
      language: 'en',
    });
    expect(screen.getByTestId('daily-limit').textContent).toBe(
      'Daily limit: 250 messages (125 while warming up)',
    );
  });

  it('changes the limit within 1–5000', async () => {
    const updates: unknown[] = [];
    renderWithProviders(<DailyLimit account={account} />, {
      language: 'en',
      api: {
        'whatsapp.update': (input) => {
          updates.push(input);
          return { ...account, dailyLimit: 400 };
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Change the daily limit of "Sales"' }));
    const input = screen.getByRole('textbox', { name: 'Daily limit' });
    fireEvent.change(input, { target: { value: '6000' } });
    expect(screen.getByText('Enter a whole number from 1 to 5,000.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' }).hasAttribute('disabled')).toBe(true);
    fireEvent.change(input, { target: { value: '400' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(updates).toEqual([{ id: 3, dailyLimit: 400 }]));
  });

  it('accepts the limit typed in Persian digits', async () => {
    const updates: unknown[] = [];
    renderWithProviders(<DailyLimit account={account} />, {
      language: 'fa',
      api: {
        'whatsapp.update': (input) => {
          updates.push(input);
          return { ...account, dailyLimit: 300 };
        },
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'تغییر سقف روزانه‌ی «Sales»' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'سقف روزانه' }), { target: { value: '۳۰۰' } });
    fireEvent.click(screen.getByRole('button', { name: 'ذخیره' }));
    await waitFor(() => expect(updates).toEqual([{ id: 3, dailyLimit: 300 }]));
  });
});
