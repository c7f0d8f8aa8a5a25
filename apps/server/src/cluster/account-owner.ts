import type { Database } from '@chapar/db';
import type { AppLogger } from '../logger';
import {
  accountsWithPendingCommands,
  readDesiredState,
  settleCommand,
} from '../repositories/account-commands';
import type { SessionManager } from '../whatsapp/session-manager';
import type { Acquired } from './leases';

/** What the owner needs of the lease table and of the engine. */
export interface OwnerDeps {
  db: Database;
  log: AppLogger;
  workerId: string;
  sessions: SessionManager;
  /** Hands an account back so another worker may take it (it wants no session now). */
  release: (accountId: number) => Promise<void>;
  /** The engine learns of a new account: who held it before decides how its SENDING rows are resolved. */
  adopted: (lease: Acquired) => void;
}

const MID_SESSION = new Set(['QR', 'CONNECTING', 'READY']);

/**
 * The owner side of desired state (DESIGN.md, "Scale-out"): for each account this worker
 * leases, make the session match what the user asked (connect, disconnect, log out,
 * remove) and record the command's sequence as applied, so the API that wrote it can
 * answer. Reconciling one account never overlaps itself.
 */
export class AccountOwner {
  private readonly queues = new Map<number, Promise<void>>();

  constructor(private readonly o: OwnerDeps) {}

  /** A lease was taken: restore a linked session, or carry out the command that made it wanted. */
  acquired(lease: Acquired): Promise<void> {
    this.o.adopted(lease);
    return this.serially(lease.accountId, () => this.reconcile(lease.accountId, true));
  }

  lost(accountId: number): Promise<void> {
    return this.serially(accountId, () => this.o.sessions.drop(accountId));
  }

  /** Each lease round: commands written since the last one, for accounts held here. */
  async round(): Promise<void> {
    const pending = await accountsWithPendingCommands(this.o.db, this.o.workerId);
    await Promise.all(pending.map((id) => this.serially(id, () => this.reconcile(id, false))));
  }

  private serially(accountId: number, run: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(accountId) ?? Promise.resolve())
      .then(run)
      .catch((error: Error) => this.o.log.error({ err: error, accountId }, 'could not reconcile account'));
    this.queues.set(accountId, next);
    void next.finally(() => {
      if (this.queues.get(accountId) === next) this.queues.delete(accountId);
    });
    return next;
  }

  private async reconcile(accountId: number, justAcquired: boolean): Promise<void> {
    const { db, sessions, workerId } = this.o;
    const row = await readDesiredState(db, accountId, workerId);
    if (!row) return;
    const command = row.seq > row.applied;
    if (!command && !justAcquired) return;
    switch (row.desired) {
      case 'CONNECTED':
        if (command) await sessions.connect(accountId);
        else if (row.authRef) sessions.restore(accountId);
        else {
          // Linking was under way on a worker that is gone: nothing to restore, a new scan is needed.
          if (MID_SESSION.has(row.status)) await sessions.reset(accountId);
          await this.settle(accountId, row.seq, 'DISCONNECTED');
          await this.o.release(accountId);
          return;
        }
        break;
      case 'DISCONNECTED':
        if (command) await sessions.disconnect(accountId);
        else if (MID_SESSION.has(row.status)) await sessions.reset(accountId);
        await this.settle(accountId, row.seq);
        await this.o.release(accountId);
        return;
      case 'LOGGED_OUT':
        await sessions.logout(accountId);
        await this.settle(accountId, row.seq, 'DISCONNECTED');
        await this.o.release(accountId);
        return;
      case 'REMOVED':
        // Deletes the row, and the lease with it.
        await sessions.remove(accountId);
        return;
    }
    await this.settle(accountId, row.seq);
  }

  /**
   * Records `seq` as carried out (and, for a finished logout, the resting desired state),
   * unless a newer command arrived meanwhile: that one runs on the next round.
   */
  private async settle(accountId: number, seq: number, desired?: 'DISCONNECTED') {
    await settleCommand(this.o.db, { accountId, workerId: this.o.workerId, seq, desired });
  }
}
