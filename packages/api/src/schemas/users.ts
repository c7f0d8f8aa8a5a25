import { zAccountStatus, zDriver, zUserRole, zUserStatus } from '@chapar/domain';
import { z } from 'zod';
import { zId, zIsoDate } from './common';

// Users and their WhatsApp accounts.

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
