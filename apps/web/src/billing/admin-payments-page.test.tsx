import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { AdminPaymentsPage } from './admin-payments-page';

const pending = {
  id: 31,
  userId: 5,
  userName: 'Reza',
  userEmail: 'reza@example.com',
  packageId: 4,
  packageTitle: 'Gold',
  amount: '50000.00',
  currency: 'IRT',
  provider: 'manual',
  status: 'PENDING',
  reference: null,
  providerRef: null,
  payerDetail: null,
  hasReceipt: true,
  failureReason: null,
  reviewedAt: null,
  paidAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function renderPage(calls: Array<[string, unknown]>) {
  return renderWithProviders(<AdminPaymentsPage />, {
    language: 'en',
    api: {
      'admin.payments.list': (input) => {
        calls.push(['list', input]);
        return { items: [pending], nextCursor: null };
      },
      'admin.payments.approve': (input) => {
        calls.push(['approve', input]);
        return { ...pending, status: 'PAID' };
      },
      'admin.payments.reject': (input) => {
        calls.push(['reject', input]);
        return { ...pending, status: 'REJECTED' };
      },
      'admin.subscriptions.grant': (input) => {
        calls.push(['grant', input]);
        return {
          id: 3,
          packageId: null,
          startsAt: '2026-01-01T00:00:00.000Z',
          expiresAt: '2026-03-01T00:00:00.000Z',
          messageLimit: 1500,
          messagesUsed: 0,
          source: 'GRANT',
        };
      },
    },
  });
}

describe('AdminPaymentsPage', () => {
  it('lists pending payments first, with the receipt link', async () => {
    const calls: Array<[string, unknown]> = [];
    renderPage(calls);
    const table = await screen.findByRole('table', { name: 'Payments' });
    expect(within(table).getByText('reza@example.com')).toBeTruthy();
    expect(within(table).getByRole('link', { name: 'Receipt' }).getAttribute('href')).toBe(
      '/api/payments/31/receipt',
    );
    expect(calls[0]?.[1]).toMatchObject({ limit: 50, status: 'PENDING' });
  });

  it('approves only after confirming', async () => {
    const calls: Array<[string, unknown]> = [];
    renderPage(calls);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve payment 31' }));
    expect(calls.some(([name]) => name === 'approve')).toBe(false);
    const dialog = await screen.findByRole('dialog', { name: 'Approve payment 31?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(calls).toContainEqual(['approve', { id: 31 }]));
  });

  it('rejects with the reason the user will read', async () => {
    const calls: Array<[string, unknown]> = [];
    renderPage(calls);
    fireEvent.click(await screen.findByRole('button', { name: 'Reject payment 31' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject payment 31' });
    const submit = within(dialog).getByRole('button', { name: 'Reject' });
    expect((submit as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Reason the user will read/ }), {
      target: { value: '  No transfer arrived.  ' },
    });
    fireEvent.click(submit);
    await waitFor(() => expect(calls).toContainEqual(['reject', { id: 31, reason: 'No transfer arrived.' }]));
  });
});
