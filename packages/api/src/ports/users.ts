import type { OtpChannel, OtpDelivery, UserRole, UserStatus } from '@chapar/domain';
import type { z } from 'zod';
import type { zAdminUser } from '../schemas';
import type { AuditOf } from './audit';
import type { Page } from './page';

export type UserRecord = z.input<typeof zAdminUser>;

export interface UsersPort {
  /** Registers a user (the very first one becomes SUPER_ADMIN) and starts the trial, atomically. */
  register(input: {
    name: string;
    email: string;
    phone: string;
    username: string | null;
    passwordHash: string;
  }): Promise<UserRecord>;
  findForLogin(
    by: { email: string } | { phone: string } | { username: string },
  ): Promise<(UserRecord & { passwordHash: string }) | null>;
  getById(id: number): Promise<UserRecord | null>;
  list(filter: {
    search?: string;
    role?: UserRole;
    status?: UserStatus;
    cursor?: number | null;
    limit: number;
  }): Promise<Page<UserRecord>>;
  update(
    id: number,
    patch: {
      role?: UserRole;
      status?: UserStatus;
      statusReason?: string | null;
      name?: string;
      locale?: string;
      defaultCountry?: string;
    },
    audit?: AuditOf<UserRecord>,
  ): Promise<UserRecord | null>;
  setPasswordHash(id: number, passwordHash: string): Promise<void>;
}

export interface AuthPort {
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string, password: string): Promise<boolean>;
  createSession(userId: number): Promise<{ token: string; expiresAt: Date }>;
  invalidateSession(token: string): Promise<void>;
  invalidateUserSessions(userId: number): Promise<void>;
  /** `Set-Cookie` header values. */
  sessionCookie(token: string, options: { secure: boolean }): string;
  blankSessionCookie(options: { secure: boolean }): string;
}

export interface ApiKeyRecord {
  id: number;
  name: string;
  prefix: string;
  lastUsedAt: Date | null;
  createdAt: Date;
}

export interface ApiKeysPort {
  create(userId: number, name: string): Promise<ApiKeyRecord & { key: string }>;
  list(userId: number): Promise<ApiKeyRecord[]>;
  revoke(userId: number, id: number): Promise<boolean>;
}

export interface CodeStatus {
  /** null: no code was ever asked for this address. */
  delivery: OtpDelivery | null;
  sentTo: string | null;
  requestedAt: Date | null;
  /** What to tell the person when the newest code was not taken by the provider. */
  lastSendError: string | null;
}

/** One-time codes: phone/email verification and password reset. */
export interface VerificationPort {
  /** REQUIRE_VERIFIED_PHONE: campaigns start only once the owner's phone is verified (default off). */
  readonly phoneRequiredToSend: boolean;
  /** Which channels can carry codes on this server (a provider is configured for them). */
  readonly channels: { sms: boolean; email: boolean };
  /**
   * Sends a code to the user's own phone (SMS) or email; answers where, masked. With
   * `waitForDelivery: false` it answers once the code exists, and the provider's answer is
   * only recorded (`codeStatus`); otherwise a refused code throws BAD_GATEWAY.
   */
  requestCode(
    user: { id: number; phone: string; email: string },
    purpose: 'VERIFY_PHONE' | 'VERIFY_EMAIL',
    ip: string,
    options?: { waitForDelivery?: boolean },
  ): Promise<{ sentTo: string; expiresAt: Date }>;
  /** The newest code for the user's current phone or email: still sending, taken or refused (and why). */
  codeStatus(userId: number, purpose: 'VERIFY_PHONE' | 'VERIFY_EMAIL'): Promise<CodeStatus>;
  /** Checks the code and marks the phone/email verified; throws with the reason when wrong. */
  verifyCode(userId: number, purpose: 'VERIFY_PHONE' | 'VERIFY_EMAIL', code: string): Promise<UserRecord>;
  /** Sends a reset code when the account exists; says nothing either way. */
  requestPasswordReset(identifier: string, channel: OtpChannel, ip: string): Promise<void>;
  /** Checks the code and sets the new password in one step; answers the user's id. */
  resetPassword(identifier: string, code: string, passwordHash: string): Promise<number>;
}
