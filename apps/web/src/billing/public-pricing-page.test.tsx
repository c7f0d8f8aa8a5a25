import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { PublicPricingPage } from './public-pricing-page';

describe('PublicPricingPage', () => {
  it('shows visitors the packages on sale and the way to an account', async () => {
    renderWithProviders(<PublicPricingPage />, {
      language: 'en',
      api: {
        'packages.list': () => [
          {
            id: 2,
            title: 'Starter',
            description: null,
            price: '120000.00',
            duration: 30,
            category: 'Small shops',
            status: 'ACTIVE',
            messageLimit: 1000,
          },
        ],
        'billing.options': () => ({
          providers: ['manual'],
          currency: 'IRR',
          manualInstructions: '',
          verification: { sms: true, email: true },
        }),
      },
    });
    const card = await screen.findByTestId('package-2');
    expect(card.textContent).toContain('120,000 Rial');
    expect(card.textContent).toContain('1,000 messages · 30 days');
    expect(screen.getByRole('link', { name: 'Create an account to buy' }).getAttribute('href')).toBe(
      '/register',
    );
  });
});
