import { type Database, otpCodes, users } from '@chapar/db';
import type { OtpChannel, OtpPurpose } from '@chapar/domain';
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';

/** The one-time codes (services/verification.ts decides; these read and write the rows). */

export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** When the newest code for this address and purpose was asked for (the resend wait counts from it). */
export async function latestCodeRequestedAt(
  db: Database,
  target: string,
  purpose: OtpPurpose,
): Promise<Date | null> {
  const [latest] = await db
    .select({ createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(and(eq(otpCodes.target, target), eq(otpCodes.purpose, purpose)))
    .orderBy(desc(otpCodes.id))
    .limit(1);
  return latest?.createdAt ?? null;
}

/** Stores a new code (SENDING) and retires the unused older ones for the same address and purpose, at once. */
export function storeNewCode(
  db: Database,
  code: {
    target: string;
    purpose: OtpPurpose;
    channel: OtpChannel;
    userId: number | null;
    codeHash: string;
    expiresAt: Date;
    requestIp: string;
  },
  now: Date,
): Promise<number> {
  return db.transaction(async (tx) => {
    await tx
      .update(otpCodes)
      .set({ consumedAt: now })
      .where(
        and(
          eq(otpCodes.target, code.target),
          eq(otpCodes.purpose, code.purpose),
          isNull(otpCodes.consumedAt),
        ),
      );
    const [row] = await tx
      .insert(otpCodes)
      .values({ ...code, delivery: 'SENDING', createdAt: now })
      .$returningId();
    return row!.id;
  });
}

export async function markCodeSent(db: Database, id: number): Promise<void> {
  await db.update(otpCodes).set({ delivery: 'SENT' }).where(eq(otpCodes.id, id));
}

/** The provider refused it: the code stops working at once. */
export async function markCodeNotDelivered(db: Database, id: number, now: Date): Promise<void> {
  await db.update(otpCodes).set({ consumedAt: now, delivery: 'FAILED' }).where(eq(otpCodes.id, id));
}

/** How the newest code of this user for this address went out (null: none was asked for). */
export async function latestCodeDelivery(
  db: Database,
  where: { target: string; purpose: OtpPurpose; userId: number },
) {
  const [latest] = await db
    .select({ channel: otpCodes.channel, delivery: otpCodes.delivery, createdAt: otpCodes.createdAt })
    .from(otpCodes)
    .where(
      and(
        eq(otpCodes.target, where.target),
        eq(otpCodes.purpose, where.purpose),
        eq(otpCodes.userId, where.userId),
      ),
    )
    .orderBy(desc(otpCodes.id))
    .limit(1);
  return latest ?? null;
}

/** The newest unused code, locked for the rest of the transaction (two guesses are checked one after the other). */
export async function lockNewestLiveCode(
  tx: Tx,
  where: { target?: string; userId?: number; purpose: OtpPurpose },
) {
  const [row] = await tx
    .select()
    .from(otpCodes)
    .where(
      and(
        eq(otpCodes.purpose, where.purpose),
        where.target ? eq(otpCodes.target, where.target) : undefined,
        where.userId ? eq(otpCodes.userId, where.userId) : undefined,
        isNull(otpCodes.consumedAt),
      ),
    )
    .orderBy(desc(otpCodes.id))
    .limit(1)
    .for('update');
  return row;
}

/** Counts a wrong guess, never past `maxAttempts`. */
export async function countWrongGuess(tx: Tx, id: number, maxAttempts: number): Promise<void> {
  await tx
    .update(otpCodes)
    .set({ attempts: sql`${otpCodes.attempts} + 1` })
    .where(and(eq(otpCodes.id, id), lt(otpCodes.attempts, maxAttempts)));
}

export async function consumeCode(tx: Tx, id: number, now: Date): Promise<void> {
  await tx.update(otpCodes).set({ consumedAt: now }).where(eq(otpCodes.id, id));
}

/** Marks the phone or email verified, guarded on the address itself: a code sent to an old one verifies nothing new. */
export async function markAddressVerified(
  tx: Tx,
  userId: number,
  purpose: 'VERIFY_PHONE' | 'VERIFY_EMAIL',
  target: string,
  now: Date,
): Promise<void> {
  const column = purpose === 'VERIFY_PHONE' ? users.phone : users.email;
  await tx
    .update(users)
    .set(purpose === 'VERIFY_PHONE' ? { phoneVerifiedAt: now } : { emailVerifiedAt: now })
    .where(and(eq(users.id, userId), eq(column, target)));
}

export async function setPasswordHashIn(tx: Tx, userId: number, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** The account a reset is asked for, by its email or its (E.164) phone. */
export async function findUserByAddress(db: Database, by: { email: string } | { phone: string }) {
  const [row] = await db
    .select({ id: users.id, email: users.email, phone: users.phone, status: users.status })
    .from(users)
    .where('email' in by ? eq(users.email, by.email) : eq(users.phone, by.phone))
    .limit(1);
  return row ?? null;
}
