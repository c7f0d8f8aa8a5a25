import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { PaymentPage } from './payment-page';

const base = {
  id: 12,
  userId: 1,
  userName: 'Sara',
  userEmail: 'sara@example.com',
  packageId: 4,
  packageTitle: 'Gold',
  amount: '50000.00',
  currency: 'IRT',
  provider: 'zarinpal',
  status: 'PENDING',
  reference: 'A0001',
  providerRef: null,
  payerDetail: null,
  hasReceipt: false,
  failureReason: null,
  reviewedAt: null,
  paidAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function renderPayment(
  payment: Record<string, unknown>,
  extra: Record<string, (input: unknown) => unknown> = {},
) {
  return renderWithProviders(
    <Routes>
      <Route path="/billing/payments/:id" element={<PaymentPage />} />
    </Routes>,
    {
      language: 'en',
      route: '/billing/payments/12',
      api: {
        'billing.payments.get': () => ({ ...base, ...payment }),
        'billing.options': () => ({
          providers: ['manual'],
          currency: 'IRT',
          manualInstructions: 'Bank Melli 6037-…',
          verification: { sms: true, email: true },
        }),
        ...extra,
      },
    },
  );
}

describe('PaymentPage', () => {
  it('tells why a payment failed', async () => {
    renderPayment({
      status: 'FAILED',
      failureReason: 'The payment was not confirmed: the amount paid differs.',
    });
    const outcome = await screen.findByTestId('payment-outcome');
    expect(outcome.textContent).toContain('nothing was charged');
    expect(outcome.textContent).toContain('the amount paid differs');
  });

  it('offers to check a pending ZarinPal payment again', async () => {
    renderPayment({});
    const link = await screen.findByRole('link', { name: 'Check again' });
    expect(link.getAttribute('href')).toBe('/api/payments/zarinpal/callback?Authority=A0001&Status=OK');
  });

  it('shows the receipt number once paid', async () => {
    renderPayment({ status: 'PAID', providerRef: '201', payerDetail: '502229******5995' });
    expect((await screen.findByTestId('payment-outcome')).textContent).toContain('Gold is added');
    expect(screen.getByText('201')).toBeTruthy();
  });

  it('uploads a transfer receipt as FormData with the payment id', async () => {
    let sent: FormData | null = null;
    renderPayment(
      { provider: 'manual', reference: null },
      {
        'billing.submitReceipt': (input) => {
          sent = input as FormData;
          return { ...base, provider: 'manual', hasReceipt: true };
        },
      },
    );
    expect(await screen.findByText(/Bank Melli/)).toBeTruthy();
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const file = new File(['%PDF-1.4'], 'receipt.pdf', { type: 'application/pdf' });
    fireEvent.change(input, { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Upload receipt' }));
    await waitFor(() => expect(sent).not.toBeNull());
    expect(sent!.get('paymentId')).toBe('12');
    expect((sent!.get('file') as File).name).toBe('receipt.pdf');
    expect(await screen.findByText(/Receipt received/)).toBeTruthy();
  });
});
