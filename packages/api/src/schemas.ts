import {
  zAccountStatus,
  zCampaignStatus,
  zDriver,
  zInterval,
  zPackageStatus,
  zPauseCause,
  zPaymentProvider,
  zPaymentStatus,
  zRecipientStatus,
  zSubscriptionSource,
  zUserRole,
  zUserStatus,
} from '@chapar/domain';
import { z } from 'zod';

/** Dates travel as ISO-8601 strings: plain JSON for the typed client and for curl alike. */
export const zIsoDate = z.date().transform((d) => d.toISOString());
export const zId = z.number().int().positive();
export const zCursor = z.number().int().positive().nullish();

export const zUser = z.object({
  id: zId,
  name: z.string(),
  username: z.string().nullable(),
  email: z.string(),
  phone: z.string(),
  role: zUserRole,
  status: zUserStatus,
  subscriptionActive: z.boolean(),
  subscriptionExpiresAt: zIsoDate.nullable(),
  locale: z.string(),
  defaultCountry: z.string(),
  /** When the email / phone was confirmed by a one-time code; null until then. */
  emailVerifiedAt: zIsoDate.nullable(),
  phoneVerifiedAt: zIsoDate.nullable(),
  createdAt: zIsoDate,
});
export type UserOutput = z.input<typeof zUser>;

export const zAdminUser = zUser.extend({ statusReason: z.string().nullable() });

export const zAccount = z.object({
  id: zId,
  label: z.string(),
  driver: zDriver,
  status: zAccountStatus,
  error: z.string().nullable(),
  phone: z.string().nullable(),
  lastSeenAt: zIsoDate.nullable(),
  /** When the current login was made; younger than WARMUP_DAYS means warm-up pacing. */
  linkedAt: zIsoDate.nullable(),
  dailyLimit: z.number().int(),
  createdAt: zIsoDate,
});

export const zAccountStatusEvent = z.object({
  status: zAccountStatus,
  qr: z.string().optional(),
  phone: z.string().optional(),
  error: z.string().optional(),
  /** +1 on every change of the account's status (events with an older one are stale). */
  version: z.number().int().optional(),
});
export type AccountStatusEvent = z.infer<typeof zAccountStatusEvent>;

export const zCampaign = z.object({
  id: zId,
  userId: zId,
  whatsappAccountId: zId.nullable(),
  title: z.string().nullable(),
  message: z.string(),
  interval: zInterval,
  status: zCampaignStatus,
  isConnected: z.boolean(),
  totalRecipients: z.number().int(),
  sentCount: z.number().int(),
  failedCount: z.number().int(),
  deliveredCount: z.number().int(),
  readCount: z.number().int(),
  skippedCount: z.number().int(),
  batchSize: z.number().int(),
  batchPauseSeconds: z.number().int(),
  typing: z.boolean(),
  /** The attachment sent with every message (the message is its caption). */
  media: z
    .object({
      uploadId: zId,
      fileName: z.string(),
      mimeType: z.string(),
      kind: z.enum(['image', 'video', 'audio', 'document']),
      size: z.number().int(),
    })
    .nullable(),
  /** Variable names the recipients carry besides name and phone (from imports). */
  variableKeys: z.array(z.string()),
  scheduledAt: zIsoDate.nullable(),
  pausedReason: z.string().nullable(),
  pauseCause: zPauseCause.nullable(),
  startedAt: zIsoDate.nullable(),
  completedAt: zIsoDate.nullable(),
  createdAt: zIsoDate,
  updatedAt: zIsoDate,
});

export const zProgress = z.object({
  status: zCampaignStatus,
  totalRecipients: z.number().int(),
  sentCount: z.number().int(),
  failedCount: z.number().int(),
  deliveredCount: z.number().int(),
  readCount: z.number().int(),
  skippedCount: z.number().int(),
  pausedReason: z.string().optional(),
  /** +1 on every change of the campaign (events with an older one are stale). */
  version: z.number().int().optional(),
});
export type CampaignProgress = z.infer<typeof zProgress>;

export const zRecipient = z.object({
  id: zId,
  phone: z.string(),
  name: z.string().nullable(),
  variables: z.record(z.string(), z.string()).nullable(),
  status: zRecipientStatus,
  whatsappMessageId: z.string().nullable(),
  sentAt: zIsoDate.nullable(),
  deliveredAt: zIsoDate.nullable(),
  readAt: zIsoDate.nullable(),
  error: z.string().nullable(),
});

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

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: zId.nullable() });

export const zImportReport = z.object({
  rows: z.number().int(),
  added: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.number().int(),
  optedOut: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), value: z.string(), reason: z.string() })),
  rejectedTotal: z.number().int(),
  columns: z.array(z.string()),
  otherNumbers: z.array(z.object({ line: z.number().int(), phone: z.string(), others: z.array(z.string()) })),
  otherNumbersTotal: z.number().int(),
  columnChoice: z.object({
    detectedBy: z.enum(['mapping', 'header', 'content']),
    phone: z.array(z.string()),
    name: z.array(z.string()),
  }),
});

export const zImportPreview = z.object({
  headerLine: z.number().int().nullable(),
  columns: z.array(z.object({ index: z.number().int(), label: z.string() })),
  phone: z.number().int(),
  phones: z.array(z.number().int()),
  name: z.number().int().nullable(),
  nameParts: z.array(z.number().int()),
  detectedBy: z.enum(['mapping', 'header', 'content']),
  sample: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
});

export const zOptOut = z.object({
  id: zId,
  phone: z.string(),
  source: z.string(),
  createdAt: zIsoDate,
});
