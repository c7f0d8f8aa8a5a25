import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { SettingsBillingSection } from './settings-billing-section';

const payment = (id: number, status: string, provider: string) => ({
  id,
  userId: 1,
  userName: 'Sara',
  userEmail: 'sara@example.com',
  packageId: 4,
  packageTitle: 'طلایی',
  amount: '50000.00',
  currency: 'IRT',
  provider,
  status,
  reference: null,
  providerRef: null,
  payerDetail: null,
  hasReceipt: false,
  failureReason: null,
  reviewedAt: null,
  paidAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('SettingsBillingSection', () => {
  it('lists past payments in Persian, each linking to its page', async () => {
    renderWithProviders(<SettingsBillingSection />, {
      language: 'fa',
      api: {
        'billing.payments.list': () => ({
          items: [payment(8, 'PAID', 'zarinpal'), payment(7, 'REJECTED', 'manual')],
          nextCursor: null,
        }),
      },
    });
    const table = await screen.findByRole('table', { name: 'تاریخچه‌ی پرداخت‌ها' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain('پرداخت‌شده');
    expect(rows[0]!.textContent).toContain('زرین‌پال');
    expect(rows[0]!.textContent).toContain('۵۰٬۰۰۰ تومان');
    expect(rows[1]!.textContent).toContain('ردشده');
    expect(within(rows[1]!).getByRole('link').getAttribute('href')).toBe('/billing/payments/7');
  });
});
