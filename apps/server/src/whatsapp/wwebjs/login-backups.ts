import { type LoginStore, localLoginStore } from '../login-store/login-store';
import { LoginFenceError } from '../login-store/mysql-login-store';
import type { DriverLog } from './driver-options';
import { errorText } from './failures';

const DEFAULT_INTERVAL_MS = 10 * 60_000;

/** The saved login could not be put in place before the browser started. */
export class LoginRestoreError extends Error {}

/**
 * One account's login in the login store: restored before the browser starts, backed up
 * once the session is READY and then every `intervalMs` while it stays up, and once more
 * after a graceful close (when Chromium has flushed the profile). Backups of one account
 * run one at a time; a failed one is logged and the next one tries again.
 */
export class LoginBackups {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private readonly store: LoginStore;

  constructor(
    private readonly o: {
      accountId: number;
      dir: string;
      store?: LoginStore;
      intervalMs?: number;
      log: DriverLog;
    },
  ) {
    this.store = o.store ?? localLoginStore;
  }

  /** Restores the stored login into the profile directory (nothing stored: the directory stays as it is). */
  async restore(): Promise<void> {
    try {
      const restored = await this.store.restore(this.o.accountId, this.o.dir);
      if (restored)
        this.o.log.info({ accountId: this.o.accountId }, 'WhatsApp login restored from the login store');
    } catch (error) {
      throw new LoginRestoreError(`The saved WhatsApp login could not be restored: ${errorText(error)}`);
    }
  }

  /** The session is READY: back up now, then periodically. */
  start() {
    this.stop();
    if (this.store.kind === 'local') return;
    void this.backup();
    this.timer = setInterval(() => void this.backup(), this.o.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref?.();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Backs up after any backup in flight; never rejects. */
  backup(): Promise<void> {
    if (this.store.kind === 'local') return this.running;
    this.running = this.running.then(() =>
      this.store.backup(this.o.accountId, this.o.dir).catch((error: Error) => {
        // Losing the lease makes the last backups of the old owner fail by design.
        const level = error instanceof LoginFenceError ? 'info' : 'warn';
        this.o.log[level]({ err: error, accountId: this.o.accountId }, 'WhatsApp login backup not saved');
      }),
    );
    return this.running;
  }

  /** Resolves once no backup is running (before the login is deleted or the browser reopened). */
  settled(): Promise<void> {
    return this.running;
  }
}
