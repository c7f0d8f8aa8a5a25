import type { AccountStatusEvent } from '@chapar/api';
import { accountStatusEvents, type Database, whatsappAccounts } from '@chapar/db';
import { and, desc, eq, sql } from 'drizzle-orm';
import { recordWebhookEvent } from '../webhooks/outbox';

/**
 * What the session manager (whatsapp/session-manager.ts) reads and writes on
 * `whatsapp_accounts`: the driver kind, the mirrored status (fenced by the lease owner) and
 * the stored login's traces.
 */

export async function findAccountDriver(db: Database, accountId: number) {
  const [account] = await db
    .select({ id: whatsappAccounts.id, driver: whatsappAccounts.driver })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.id, accountId))
    .limit(1);
  return account;
}

/** Logged out from here: the login, the phone it belonged to and the link date go. */
export async function forgetAccountLogin(db: Database, accountId: number): Promise<void> {
  await db
    .update(whatsappAccounts)
    .set({ authRef: null, phone: null, linkedAt: null })
    .where(eq(whatsappAccounts.id, accountId));
}

/** Unlinked from the phone: the login and the link date go; the number stays on show. */
export async function markAccountUnlinked(db: Database, accountId: number): Promise<void> {
  await db
    .update(whatsappAccounts)
    .set({ authRef: null, linkedAt: null })
    .where(eq(whatsappAccounts.id, accountId));
}

export async function deleteAccount(db: Database, accountId: number): Promise<void> {
  await db.delete(whatsappAccounts).where(eq(whatsappAccounts.id, accountId));
}

/**
 * Stores the account's new status and appends it to the history; answers the row's new
 * status version, or null when `workerId` no longer holds the account's lease (then nothing
 * is written: a worker that lost the lease never overwrites its new owner's status).
 */
export async function storeAccountStatus(
  db: Database,
  input: {
    accountId: number;
    workerId: string;
    event: AccountStatusEvent;
    /** READY after a QR scan in this session: the warm-up starts now. */
    freshLogin: boolean;
    now: Date;
  },
): Promise<number | null> {
  const { accountId, event, now } = input;
  const [result] = await db
    .update(whatsappAccounts)
    .set({
      status: event.status,
      error: event.error ?? null,
      // Every process serves the QR from here (a subscriber may sit on another machine).
      qr: event.status === 'QR' ? (event.qr ?? null) : null,
      // LAST_INSERT_ID(expr) hands the new version back from the UPDATE itself.
      statusVersion: sql`LAST_INSERT_ID(${whatsappAccounts.statusVersion} + 1)`,
      ...(event.status === 'READY'
        ? {
            phone: event.phone ?? null,
            lastSeenAt: now,
            authRef: `local:${accountId}`,
            // A fresh scan starts the warm-up; a login of unknown age counts from now.
            linkedAt: input.freshLogin ? now : sql`COALESCE(${whatsappAccounts.linkedAt}, ${now})`,
          }
        : {}),
      updatedAt: now,
    })
    // Fenced: a worker that lost the lease never overwrites its new owner's status.
    .where(and(eq(whatsappAccounts.id, accountId), eq(whatsappAccounts.leaseOwner, input.workerId)));
  if (result.affectedRows !== 1) return null;
  await appendStatusEvent(db, accountId, event, now);
  return Number(result.insertId);
}

/**
 * Appends to the account's status history when the status (or its error) changed since
 * the last entry; a refreshed QR is not a change. Copies from the account row, so an
 * account removed meanwhile gets no orphan entry.
 */
async function appendStatusEvent(
  db: Database,
  accountId: number,
  event: Pick<AccountStatusEvent, 'status' | 'error'>,
  at: Date,
): Promise<void> {
  const error = event.error?.slice(0, 500) ?? null; // the column's width
  const [last] = await db
    .select({ status: accountStatusEvents.status, error: accountStatusEvents.error })
    .from(accountStatusEvents)
    .where(eq(accountStatusEvents.accountId, accountId))
    .orderBy(desc(accountStatusEvents.id))
    .limit(1);
  if (last && last.status === event.status && last.error === error) return;
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO account_status_events (account_id, status, error, created_at)
        SELECT id, ${event.status}, ${error}, ${at} FROM whatsapp_accounts WHERE id = ${accountId}`,
    );
    const data = { accountId, status: event.status, error, at: at.toISOString() };
    await recordWebhookEvent(
      tx,
      { accountId },
      { type: 'account.status', orderKey: `account:${accountId}`, at, data },
    );
  });
}
