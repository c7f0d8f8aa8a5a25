import { zPackageStatus, zPaymentProvider, zPaymentStatus, zSubscriptionSource } from '@chapar/domain';
import { z } from 'zod';
import { zId, zIsoDate } from './common';

// Packages, subscriptions, payments and the audit log.

export const zPackage = z.object({
  id: zId,
  title: z.string(),
  description: z.string().nullable(),
  /** DECIMAL(10,2) as a string, so no currency amount is rounded through a float. */
  price: z.string(),
  duration: z.number().int(),
  category: z.string().nullable(),
  status: zPackageStatus,
  messageLimit: z.number().int(),
});

export const zSubscription = z.object({
  id: zId,
  packageId: zId.nullable(),
  startsAt: zIsoDate,
  expiresAt: zIsoDate,
  messageLimit: z.number().int(),
  messagesUsed: z.number().int(),
  source: zSubscriptionSource,
});

/** A subscription with where it stands now: what the SPA's banner and the pricing page show. */
export const zSubscriptionStatus = zSubscription.extend({
  active: z.boolean(),
  messagesLeft: z.number().int(),
  daysLeft: z.number().int(),
  /** 80% or more of its messages are used. */
  usageWarning: z.boolean(),
  /** It ends within three days. */
  expiryWarning: z.boolean(),
});

export const zPayment = z.object({
  id: zId,
  userId: zId,
  userName: z.string(),
  userEmail: z.string(),
  packageId: zId,
  packageTitle: z.string(),
  /** DECIMAL as a string, in `currency` (IRT toman or IRR rial). */
  amount: z.string(),
  currency: z.string(),
  provider: zPaymentProvider,
  status: zPaymentStatus,
  /** The provider's id for the attempt (ZarinPal's authority). */
  reference: z.string().nullable(),
  /** The provider's receipt number once paid (ZarinPal's ref_id). */
  providerRef: z.string().nullable(),
  payerDetail: z.string().nullable(),
  /** Manual transfers: whether the user uploaded a receipt. */
  hasReceipt: z.boolean(),
  /** Why it failed, was cancelled or rejected. */
  failureReason: z.string().nullable(),
  reviewedAt: zIsoDate.nullable(),
  paidAt: zIsoDate.nullable(),
  createdAt: zIsoDate,
});

export const zAuditEntry = z.object({
  id: zId,
  actorId: zId.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: zId.nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
  // An ISO string like every other date: a Date here would reach clients as a string anyway.
  createdAt: zIsoDate,
});
