import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { gatewayRedirect, PricingPage } from './pricing-page';

const gold = {
  id: 4,
  title: 'Gold',
  description: 'For busy shops',
  price: '50000.00',
  duration: 30,
  category: null,
  status: 'ACTIVE' as const,
  messageLimit: 500,
};

function renderPricing(providers: Array<'zarinpal' | 'manual'>, checkout: (input: unknown) => unknown) {
  return renderWithProviders(
    <Routes>
      <Route path="/pricing" element={<PricingPage />} />
      <Route path="/billing/payments/:id" element={<p>payment page</p>} />
    </Routes>,
    {
      language: 'en',
      route: '/pricing',
      api: {
        'packages.list': () => [gold],
        'billing.options': () => ({
          providers,
          currency: 'IRT',
          manualInstructions: '',
          verification: { sms: true, email: true },
        }),
        'subscription.current': () => null,
        'billing.payments.list': () => ({ items: [], nextCursor: null }),
        'billing.checkout': checkout,
      },
    },
  );
}

const payment = (id: number, provider: 'zarinpal' | 'manual') => ({
  id,
  userId: 1,
  userName: 'Sara',
  userEmail: 'sara@example.com',
  packageId: 4,
  packageTitle: 'Gold',
  amount: '50000.00',
  currency: 'IRT',
  provider,
  status: 'PENDING',
  reference: provider === 'zarinpal' ? 'A0001' : null,
  providerRef: null,
  payerDetail: null,
  hasReceipt: false,
  failureReason: null,
  reviewedAt: null,
  paidAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
});

afterEach(() => vi.restoreAllMocks());

describe('PricingPage', () => {
  it('shows the packages with their price and says there is no subscription yet', async () => {
    renderPricing(['manual'], () => null);
    const card = await screen.findByTestId('package-4');
    expect(card.textContent).toContain('50,000 Toman');
    expect(card.textContent).toContain('500 messages · 30 days');
    expect(screen.queryByRole('button', { name: 'Pay online (ZarinPal)' })).toBeNull();
    expect((await screen.findByTestId('current-subscription')).textContent).toContain('no subscription yet');
  });

  it('sends the browser to the gateway after a ZarinPal checkout', async () => {
    const go = vi.spyOn(gatewayRedirect, 'go').mockImplementation(() => {});
    const asked: unknown[] = [];
    renderPricing(['zarinpal', 'manual'], (input) => {
      asked.push(input);
      return {
        payment: payment(9, 'zarinpal'),
        redirectUrl: 'https://sandbox.zarinpal.com/pg/StartPay/A0001',
      };
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Pay online (ZarinPal)' }));
    await waitFor(() => expect(go).toHaveBeenCalledWith('https://sandbox.zarinpal.com/pg/StartPay/A0001'));
    expect(asked).toEqual([{ packageId: 4, provider: 'zarinpal' }]);
    expect(await screen.findByText('Taking you to the payment gateway…')).toBeTruthy();
  });

  it('opens the payment page for a bank transfer (no gateway)', async () => {
    const go = vi.spyOn(gatewayRedirect, 'go').mockImplementation(() => {});
    renderPricing(['zarinpal', 'manual'], () => ({ payment: payment(11, 'manual'), redirectUrl: null }));
    fireEvent.click(await screen.findByRole('button', { name: 'Pay by bank transfer' }));
    expect(await screen.findByText('payment page')).toBeTruthy();
    expect(go).not.toHaveBeenCalled();
  });
});
