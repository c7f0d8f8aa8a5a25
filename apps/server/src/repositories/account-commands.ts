import { type AccountDesiredState, type Database, whatsappAccounts } from '@chapar/db';
import { and, eq, gt, sql } from 'drizzle-orm';

/**
 * Desired state on `whatsapp_accounts` (DESIGN.md, "Scale-out"): the API writes a command
 * with a sequence number (cluster/account-commands.ts); the worker holding the lease reads
 * it and records the sequence it carried out (cluster/account-owner.ts). The owner's reads
 * and writes are fenced by `lease_owner`.
 */

/** The account's stored status, as every process answers it. */
export async function readAccountSnapshot(db: Database, accountId: number) {
  const [row] = await db
    .select({
      status: whatsappAccounts.status,
      qr: whatsappAccounts.qr,
      phone: whatsappAccounts.phone,
      error: whatsappAccounts.error,
      version: whatsappAccounts.statusVersion,
    })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.id, accountId))
    .limit(1);
  return row;
}

/** Writes the command; answers its sequence number, or null when the account is gone. */
export async function writeDesiredState(
  db: Database,
  accountId: number,
  desired: AccountDesiredState,
): Promise<number | null> {
  // LAST_INSERT_ID(expr) hands the new sequence back from the UPDATE itself.
  const [result] = await db
    .update(whatsappAccounts)
    .set({ desired, desiredSeq: sql`LAST_INSERT_ID(${whatsappAccounts.desiredSeq} + 1)` })
    .where(eq(whatsappAccounts.id, accountId));
  if (result.affectedRows !== 1) return null;
  return Number(result.insertId);
}

/** The last sequence the owner carried out; null when the account is gone. */
export async function appliedCommandSeq(db: Database, accountId: number): Promise<number | null> {
  const [row] = await db
    .select({ applied: whatsappAccounts.appliedSeq })
    .from(whatsappAccounts)
    .where(eq(whatsappAccounts.id, accountId))
    .limit(1);
  return row ? row.applied : null;
}

/** Accounts this worker leases with a command written since it last carried one out. */
export async function accountsWithPendingCommands(db: Database, workerId: string): Promise<number[]> {
  const pending = await db
    .select({ id: whatsappAccounts.id })
    .from(whatsappAccounts)
    .where(
      and(
        eq(whatsappAccounts.leaseOwner, workerId),
        gt(whatsappAccounts.desiredSeq, whatsappAccounts.appliedSeq),
      ),
    );
  return pending.map((r) => r.id);
}

/** The command and session state of an account this worker leases; undefined when it does not. */
export async function readDesiredState(db: Database, accountId: number, workerId: string) {
  const [row] = await db
    .select({
      desired: whatsappAccounts.desired,
      seq: whatsappAccounts.desiredSeq,
      applied: whatsappAccounts.appliedSeq,
      status: whatsappAccounts.status,
      authRef: whatsappAccounts.authRef,
    })
    .from(whatsappAccounts)
    .where(and(eq(whatsappAccounts.id, accountId), eq(whatsappAccounts.leaseOwner, workerId)));
  return row;
}

/**
 * Records `seq` as carried out (and, for a finished logout, the resting desired state),
 * unless a newer command arrived meanwhile or the lease moved on.
 */
export async function settleCommand(
  db: Database,
  input: { accountId: number; workerId: string; seq: number; desired?: 'DISCONNECTED' | undefined },
): Promise<void> {
  await db
    .update(whatsappAccounts)
    .set({
      appliedSeq: sql`GREATEST(${whatsappAccounts.appliedSeq}, ${input.seq})`,
      ...(input.desired ? { desired: input.desired } : {}),
    })
    .where(
      and(
        eq(whatsappAccounts.id, input.accountId),
        eq(whatsappAccounts.leaseOwner, input.workerId),
        eq(whatsappAccounts.desiredSeq, input.seq),
      ),
    );
}
