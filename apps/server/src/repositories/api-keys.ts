import { randomBytes } from 'node:crypto';
import type { ApiKeysPort } from '@chapar/api';
import { apiKeys, type Database, sessions, users } from '@chapar/db';
import { and, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { hashToken as hashKey } from '../auth/token-hash';

export const API_KEY_PREFIX = 'chp_';

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  lastUsedAt: apiKeys.lastUsedAt,
  createdAt: apiKeys.createdAt,
};

/** `revoked` is told after a key is revoked, so open sockets on it are re-checked at once. */
export function createApiKeysPort(db: Database, revoked: () => void): ApiKeysPort {
  return {
    async create(userId, name) {
      // 32 random bytes: guessing is hopeless, so a fast SHA-256 lookup is safe to store.
      const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
      const prefix = key.slice(0, 12);
      const now = new Date();
      const [row] = await db
        .insert(apiKeys)
        .values({ userId, name, prefix, keyHash: hashKey(key), createdAt: now })
        .$returningId();
      return { id: row!.id, name, prefix, lastUsedAt: null, createdAt: now, key };
    },
    list: (userId) =>
      db
        .select(columns)
        .from(apiKeys)
        .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
        .orderBy(desc(apiKeys.id)),
    async revoke(userId, id) {
      const [result] = await db
        .update(apiKeys)
        .set({ revokedAt: new Date() })
        .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
      if (result.affectedRows !== 1) return false;
      revoked();
      return true;
    },
  };
}

/** The key's owner, or null for an unknown or revoked key. */
export async function userIdForApiKey(db: Database, key: string): Promise<number | null> {
  const [row] = await db
    .select({ id: apiKeys.id, userId: apiKeys.userId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  // Best effort: a lost lastUsedAt update must not fail the request.
  db.update(apiKeys)
    .set({ lastUsedAt: new Date() })
    .where(eq(apiKeys.id, row.id))
    .catch(() => {});
  return row.userId;
}

/**
 * The live credentials among these hashes (sessions not expired, keys not revoked), with
 * their user's status and role: open sockets are re-checked against them.
 */
export function liveCredentialHolders(db: Database, kind: 'session' | 'apiKey', hashes: string[]) {
  const user = { userId: users.id, status: users.status, role: users.role };
  if (kind === 'session') {
    return db
      .select({ hash: sessions.id, ...user })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(inArray(sessions.id, hashes), gt(sessions.expiresAt, new Date())));
  }
  return db
    .select({ hash: apiKeys.keyHash, ...user })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(inArray(apiKeys.keyHash, hashes), isNull(apiKeys.revokedAt)));
}
