import type { MessageKey } from '../i18n/en';
import type { Translate } from '../i18n/translate';
import type { RouterOutputs } from '../trpc/trpc';

export type Payment = RouterOutputs['billing']['payments']['get'];
export type Subscription = NonNullable<RouterOutputs['subscription']['current']>;
export type PaymentStatus = Payment['status'];

export const STATUS_COLORS: Record<PaymentStatus, string> = {
  PENDING: 'yellow',
  PAID: 'teal',
  FAILED: 'red',
  CANCELLED: 'gray',
  REJECTED: 'red',
};

/** "50,000 Toman": prices are DECIMAL strings; whole amounts drop their ".00". */
export function formatAmount(
  amount: string,
  currency: string,
  t: Translate,
  formatNumber: (n: number) => string,
): string {
  const value = Number(amount);
  const shown = Number.isFinite(value) ? formatNumber(value) : amount;
  const key = `billing.currency.${currency}` as MessageKey;
  return currency === 'IRT' || currency === 'IRR' ? `${shown} ${t(key)}` : `${shown} ${currency}`;
}

export type SubscriptionBanner =
  | { kind: 'inactive' }
  | { kind: 'usage'; used: number; limit: number }
  | { kind: 'expiry'; expiresAt: string }
  | null;

/**
 * The one banner worth showing: no usable subscription first (nothing sends), then the
 * 80%-used warning, then the ends-within-3-days warning.
 */
export function subscriptionBanner(subscription: Subscription | null): SubscriptionBanner {
  if (!subscription?.active) return { kind: 'inactive' };
  if (subscription.usageWarning) {
    return { kind: 'usage', used: subscription.messagesUsed, limit: subscription.messageLimit };
  }
  if (subscription.expiryWarning) return { kind: 'expiry', expiresAt: subscription.expiresAt };
  return null;
}
