import { ChaparError, type UserRecord, type UsersPort } from '@chapar/api';
import { type Database, subscriptions, users } from '@chapar/db';
import { and, desc, eq, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { writeAudit } from './audit-log';
import { dbErrorCode, pageOf, retryDeadlock } from './util';

export const userColumns = {
  id: users.id,
  name: users.name,
  username: users.username,
  email: users.email,
  phone: users.phone,
  role: users.role,
  status: users.status,
  statusReason: users.statusReason,
  subscriptionActive: users.subscriptionActive,
  subscriptionExpiresAt: users.subscriptionExpiresAt,
  locale: users.locale,
  defaultCountry: users.defaultCountry,
  emailVerifiedAt: users.emailVerifiedAt,
  phoneVerifiedAt: users.phoneVerifiedAt,
  createdAt: users.createdAt,
};

const DUPLICATE_FIELDS: Array<[index: string, field: string, message: string]> = [
  ['users_email_uq', 'email', 'This email is already registered. Sign in instead.'],
  ['users_phone_uq', 'phone', 'This phone number is already registered. Sign in instead.'],
  ['users_username_uq', 'username', 'This username is taken. Choose another.'],
];

export async function findUserRecord(db: Database, id: number): Promise<UserRecord | null> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function userExists(db: Database, id: number): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, id)).limit(1);
  return row !== undefined;
}

export interface TrialPolicy {
  days: number;
  messages: number;
}

export function createUsersPort(db: Database, trial: TrialPolicy, clock: { now(): Date }): UsersPort {
  const getById = async (id: number, from: Pick<Database, 'select'> = db): Promise<UserRecord | null> => {
    const [row] = await from.select(userColumns).from(users).where(eq(users.id, id)).limit(1);
    return row ?? null;
  };

  return {
    getById: (id) => getById(id),

    async register(input) {
      const now = clock.now();
      try {
        const id = await retryDeadlock(() =>
          db.transaction(async (tx) => {
            const [row] = await tx
              .insert(users)
              .values({ ...input, createdAt: now, updatedAt: now })
              .$returningId();
            const userId = row!.id;
            // The lowest id becomes SUPER_ADMIN, so two simultaneous first sign-ups cannot both
            // win. The locking check runs only when a plain (non-locking) read sees nobody
            // earlier: every later sign-up skips it, so sign-ups at once do not deadlock on it.
            const [earlier] = await tx
              .select({ id: users.id })
              .from(users)
              .where(lt(users.id, userId))
              .limit(1);
            if (!earlier) {
              await tx.execute(
                sql`UPDATE users SET role = 'SUPER_ADMIN' WHERE id = ${userId}
                  AND (SELECT COUNT(*) FROM (SELECT id FROM users WHERE id < ${userId}) AS earlier) = 0`,
              );
            }
            if (trial.messages > 0 && trial.days > 0) {
              const expiresAt = new Date(now.getTime() + trial.days * 86_400_000);
              await tx.insert(subscriptions).values({
                userId,
                source: 'TRIAL',
                startsAt: now,
                expiresAt,
                messageLimit: trial.messages,
                createdAt: now,
              });
              await tx
                .update(users)
                .set({ subscriptionActive: true, subscriptionExpiresAt: expiresAt })
                .where(eq(users.id, userId));
            }
            return userId;
          }),
        );
        return (await getById(id))!;
      } catch (error) {
        if (dbErrorCode(error) === 'ER_DUP_ENTRY') {
          const text = String((error as { cause?: { message?: string } }).cause?.message ?? '');
          const hit = DUPLICATE_FIELDS.find(([index]) => text.includes(index));
          if (hit) throw new ChaparError('CONFLICT', hit[2], hit[1]);
          throw new ChaparError('CONFLICT', 'This account already exists.');
        }
        throw error;
      }
    },

    async findForLogin(by) {
      const where =
        'email' in by
          ? eq(users.email, by.email)
          : 'phone' in by
            ? eq(users.phone, by.phone)
            : eq(users.username, by.username);
      const [row] = await db
        .select({ ...userColumns, passwordHash: users.passwordHash })
        .from(users)
        .where(where)
        .limit(1);
      return row ?? null;
    },

    async list({ search, role, status, cursor, limit }) {
      const conditions: Array<SQL | undefined> = [
        role ? eq(users.role, role) : undefined,
        status ? eq(users.status, status) : undefined,
        cursor ? lt(users.id, cursor) : undefined,
      ];
      if (search) {
        const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(
          or(
            like(users.name, pattern),
            like(users.email, pattern),
            like(users.phone, pattern),
            like(users.username, pattern),
          ),
        );
      }
      const rows = await db
        .select(userColumns)
        .from(users)
        .where(and(...conditions))
        .orderBy(desc(users.id))
        .limit(limit + 1);
      return pageOf(rows, limit);
    },

    async update(id, patch, audit) {
      const set = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      return db.transaction(async (tx) => {
        // Locked, so the audit's "before" is the row this update changes.
        const [before] = await tx.select(userColumns).from(users).where(eq(users.id, id)).for('update');
        if (!before) return null;
        if (Object.keys(set).length > 0) await tx.update(users).set(set).where(eq(users.id, id));
        const after = (await getById(id, tx))!;
        await writeAudit(tx, audit?.(before, after), clock.now());
        return after;
      });
    },

    async setPasswordHash(id, passwordHash) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, id));
    },
  };
}
