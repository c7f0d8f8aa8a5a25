import { type AccountStatusEvent, ChaparError, type EventBus, type WhatsAppControlPort } from '@chapar/api';
import type { AccountDesiredState, Database } from '@chapar/db';
import { appliedCommandSeq, readAccountSnapshot, writeDesiredState } from '../repositories/account-commands';

/** Workers listen here and run a lease round at once (a command, or an account handed back). */
export const WAKE_TOPIC = 'cluster:wake';

export interface AccountCommandOptions {
  db: Database;
  bus: EventBus;
  /** How long a command waits for the account's owner to carry it out. */
  waitMs?: number;
}

const POLL_MS = 25;

/**
 * The WhatsApp control port on every process (DESIGN.md, "Scale-out"): a command is the
 * desired state written to MySQL with a sequence number, then a wake-up over the bus; the
 * worker that leases the account (or takes it because it now needs an owner) carries it
 * out and records the sequence it applied. The caller waits for that, so "connect" answers
 * once the account is CONNECTING, and "remove" once the row is gone, on whichever machine
 * the browser runs.
 */
export class AccountCommands implements WhatsAppControlPort {
  constructor(private readonly o: AccountCommandOptions) {}

  connect(accountId: number): Promise<void> {
    return this.command(accountId, 'CONNECTED');
  }

  disconnect(accountId: number): Promise<void> {
    return this.command(accountId, 'DISCONNECTED');
  }

  logout(accountId: number): Promise<void> {
    return this.command(accountId, 'LOGGED_OUT');
  }

  remove(accountId: number): Promise<void> {
    return this.command(accountId, 'REMOVED');
  }

  /** The stored state: every process answers the same, QR code included. */
  async snapshot(accountId: number): Promise<AccountStatusEvent> {
    const row = await readAccountSnapshot(this.o.db, accountId);
    if (!row) return { status: 'DISCONNECTED' };
    return {
      status: row.status,
      version: row.version,
      ...(row.status === 'QR' && row.qr ? { qr: row.qr } : {}),
      ...(row.phone ? { phone: row.phone } : {}),
      ...(row.error ? { error: row.error } : {}),
    };
  }

  private async command(accountId: number, desired: AccountDesiredState): Promise<void> {
    const seq = await writeDesiredState(this.o.db, accountId, desired);
    if (seq === null) return;
    this.o.bus.publish(WAKE_TOPIC, { accountId });
    await this.waitApplied(accountId, seq, desired);
  }

  private async waitApplied(accountId: number, seq: number, desired: AccountDesiredState) {
    const deadline = Date.now() + (this.o.waitMs ?? 15_000);
    for (;;) {
      const applied = await appliedCommandSeq(this.o.db, accountId);
      if (applied === null || applied >= seq) return;
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    // Stored, not lost: the first worker with room carries it out.
    throw new ChaparError(
      'CONFLICT',
      desired === 'CONNECTED'
        ? 'No sending worker took this account yet (all are full or none is running). It connects as soon as one has room.'
        : 'No sending worker answered yet (none is running, or the one holding this account is busy). The request is kept and carried out as soon as one does.',
    );
  }
}
