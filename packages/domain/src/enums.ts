import { z } from 'zod';

// The one list of each enum: packages/db builds its MySQL ENUM columns from these, so the
// schema, the API and the SPA cannot disagree.
export const USER_ROLES = ['USER', 'ADMIN', 'SUPER_ADMIN'] as const;
export const USER_STATUSES = ['ACTIVE', 'INACTIVE', 'BANNED'] as const;
export const WHATSAPP_DRIVERS = ['wwebjs', 'sandbox'] as const;
export const ACCOUNT_STATUSES = ['DISCONNECTED', 'CONNECTING', 'QR', 'READY', 'FAILED'] as const;
export const CAMPAIGN_INTERVALS = ['FIVE_SECONDS', 'TEN_SECONDS', 'TWENTY_SECONDS'] as const;
export const CAMPAIGN_STATUSES = [
  'DRAFT',
  'READY',
  'SCHEDULED',
  'RUNNING',
  'PAUSED',
  'COMPLETED',
  'FAILED',
  'CANCELLED',
] as const;
/**
 * Why a campaign is PAUSED. ACCOUNT (the connection dropped) resumes by itself when the
 * account is READY again; LOGGED_OUT (unlinked from the phone) waits for the user to
 * re-scan and resume; the others wait for the user.
 */
export const PAUSE_CAUSES = ['USER', 'ACCOUNT', 'LOGGED_OUT', 'QUOTA', 'ERRORS'] as const;
export const RECIPIENT_STATUSES = [
  'PENDING',
  'SENDING',
  'SENT',
  'DELIVERED',
  'READ',
  'FAILED',
  'SKIPPED',
] as const;
export const PACKAGE_STATUSES = ['ACTIVE', 'INACTIVE'] as const;
/** Where a subscription came from: the sign-up trial, a paid package, or an admin's grant. */
export const SUBSCRIPTION_SOURCES = ['TRIAL', 'PURCHASE', 'GRANT'] as const;
export const PAYMENT_PROVIDERS = ['zarinpal', 'manual'] as const;
/**
 * PENDING: waiting for the gateway callback (zarinpal) or an admin's review (manual).
 * PAID grants the package exactly once; FAILED/CANCELLED/REJECTED grant nothing.
 */
export const PAYMENT_STATUSES = ['PENDING', 'PAID', 'FAILED', 'CANCELLED', 'REJECTED'] as const;
export const OTP_PURPOSES = ['VERIFY_PHONE', 'VERIFY_EMAIL', 'RESET_PASSWORD'] as const;
export const OTP_CHANNELS = ['SMS', 'EMAIL'] as const;
/** A code's way to its owner: handed to the SMS/mail provider (SENDING), taken, or refused. */
export const OTP_DELIVERIES = ['SENDING', 'SENT', 'FAILED'] as const;

export const zUserRole = z.enum(USER_ROLES);
export const zUserStatus = z.enum(USER_STATUSES);
export const zDriver = z.enum(WHATSAPP_DRIVERS);
export const zAccountStatus = z.enum(ACCOUNT_STATUSES);
export const zInterval = z.enum(CAMPAIGN_INTERVALS);
export const zCampaignStatus = z.enum(CAMPAIGN_STATUSES);
export const zPauseCause = z.enum(PAUSE_CAUSES);
export const zRecipientStatus = z.enum(RECIPIENT_STATUSES);
export const zPackageStatus = z.enum(PACKAGE_STATUSES);
export const zSubscriptionSource = z.enum(SUBSCRIPTION_SOURCES);
export const zPaymentProvider = z.enum(PAYMENT_PROVIDERS);
export const zPaymentStatus = z.enum(PAYMENT_STATUSES);
export const zOtpPurpose = z.enum(OTP_PURPOSES);
export const zOtpChannel = z.enum(OTP_CHANNELS);
export const zOtpDelivery = z.enum(OTP_DELIVERIES);

export type UserRole = z.infer<typeof zUserRole>;
export type UserStatus = z.infer<typeof zUserStatus>;
export type WhatsAppDriverName = z.infer<typeof zDriver>;
export type AccountStatus = z.infer<typeof zAccountStatus>;
export type CampaignInterval = z.infer<typeof zInterval>;
export type CampaignStatus = z.infer<typeof zCampaignStatus>;
export type PauseCause = z.infer<typeof zPauseCause>;
export type RecipientStatus = z.infer<typeof zRecipientStatus>;
export type PackageStatus = z.infer<typeof zPackageStatus>;
export type SubscriptionSource = z.infer<typeof zSubscriptionSource>;
export type PaymentProvider = z.infer<typeof zPaymentProvider>;
export type PaymentStatus = z.infer<typeof zPaymentStatus>;
export type OtpPurpose = z.infer<typeof zOtpPurpose>;
export type OtpChannel = z.infer<typeof zOtpChannel>;
export type OtpDelivery = z.infer<typeof zOtpDelivery>;
