import type { AuthPort, UserRecord } from '@chapar/api';
import { type Database, sessions, users } from '@chapar/db';
import { DrizzleMySQLAdapter } from '@lucia-auth/adapter-drizzle';
import { type Adapter, Cookie, Lucia, TimeSpan } from 'lucia';
import { Argon2id } from 'oslo/password';
import { hashToken } from './token-hash';

export const SESSION_COOKIE = 'chapar_session';

/**
 * lucia v3 keeps the session id it hands out as the row's key; this adapter stores only its
 * SHA-256 (lucia's own later recipe), so whoever reads `sessions` holds no usable token.
 * Lucia keeps seeing the raw token: every id passing through is hashed on the way in, and
 * rows read back carry the token they were looked up by.
 */
function hashedSessionIds(inner: Adapter): Adapter {
  return {
    async getSessionAndUser(token) {
      const [session, user] = await inner.getSessionAndUser(hashToken(token));
      return [session && { ...session, id: token }, user];
    },
    // The ids are hashes here, which cannot be turned back into tokens; nothing uses them.
    getUserSessions: (userId) => inner.getUserSessions(userId),
    setSession: (session) => inner.setSession({ ...session, id: hashToken(session.id) }),
    updateSessionExpiration: (token, expiresAt) => inner.updateSessionExpiration(hashToken(token), expiresAt),
    deleteSession: (token) => inner.deleteSession(hashToken(token)),
    deleteUserSessions: (userId) => inner.deleteUserSessions(userId),
    deleteExpiredSessions: () => inner.deleteExpiredSessions(),
  };
}

export function createLucia(db: Database, sessionDays: number) {
  return new Lucia(hashedSessionIds(new DrizzleMySQLAdapter(db, sessions, users)), {
    sessionExpiresIn: new TimeSpan(sessionDays, 'd'),
    sessionCookie: { name: SESSION_COOKIE, expires: true, attributes: { sameSite: 'lax', secure: false } },
    getUserAttributes: (row): Omit<UserRecord, 'id'> => ({
      name: row.name,
      username: row.username,
      email: row.email,
      phone: row.phone,
      role: row.role,
      status: row.status,
      statusReason: row.statusReason,
      subscriptionActive: Boolean(row.subscriptionActive),
      subscriptionExpiresAt: toDate(row.subscriptionExpiresAt),
      locale: row.locale,
      defaultCountry: row.defaultCountry,
      emailVerifiedAt: toDate(row.emailVerifiedAt),
      phoneVerifiedAt: toDate(row.phoneVerifiedAt),
      createdAt: toDate(row.createdAt) ?? new Date(0),
    }),
  });
}

/** The adapter hands back raw rows; datetimes arrive as UTC strings. */
function toDate(value: Date | string | null): Date | null {
  if (value == null) return null;
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

export type AppLucia = ReturnType<typeof createLucia>;

declare module 'lucia' {
  interface Register {
    Lucia: AppLucia;
    UserId: number;
    DatabaseUserAttributes: typeof users.$inferSelect;
  }
}

/** Re-issues lucia's cookie with `Secure` decided per request (https or a trusted proxy saying so). */
function withSecure(cookie: Cookie, secure: boolean): string {
  return new Cookie(cookie.name, cookie.value, { ...cookie.attributes, secure, httpOnly: true }).serialize();
}

/** `sessionsEnded` is told after sessions are deleted, so open sockets on them are re-checked at once. */
export function createAuthPort(lucia: AppLucia, sessionsEnded: () => void): AuthPort {
  const argon2 = new Argon2id();
  return {
    hashPassword: (password) => argon2.hash(password),
    verifyPassword: (hash, password) => argon2.verify(hash, password).catch(() => false),
    async createSession(userId) {
      const session = await lucia.createSession(userId, {});
      return { token: session.id, expiresAt: session.expiresAt };
    },
    invalidateSession: (token) => lucia.invalidateSession(token).then(sessionsEnded),
    invalidateUserSessions: (userId) => lucia.invalidateUserSessions(userId).then(sessionsEnded),
    sessionCookie: (token, { secure }) => withSecure(lucia.createSessionCookie(token), secure),
    blankSessionCookie: ({ secure }) => withSecure(lucia.createBlankSessionCookie(), secure),
  };
}
