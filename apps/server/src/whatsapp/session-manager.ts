import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type AccountStatusEvent, type EventBus, topics } from '@chapar/api';
import type { Database } from '@chapar/db';
import type { AccountStatus, WhatsAppDriverName } from '@chapar/domain';
import type { AppLogger } from '../logger';
import {
  deleteAccount,
  findAccountDriver,
  forgetAccountLogin,
  markAccountUnlinked,
  storeAccountStatus,
} from '../repositories/account-sessions';
import type { DriverEvent, WhatsAppDriver } from './driver';
import type { LoginStore } from './login-store/login-store';
import { deleteWwebjsAuth } from './wwebjs-driver';

export type DriverListener = (accountId: number, event: DriverEvent) => void;

/** Makes the driver for an account; an Error explains why there is none. */
export type DriverFactory = (account: { id: number; driver: WhatsAppDriverName }) => WhatsAppDriver | Error;

export interface SessionManagerOptions {
  db: Database;
  bus: EventBus;
  log: AppLogger;
  dataDir: string;
  /** This process's name in the lease table: status is only written while it owns the account. */
  workerId: string;
  createDriver: DriverFactory;
  /** Where real accounts' logins are kept besides DATA_DIR (LOGIN_STORE); forgotten on logout and remove. */
  loginStore?: LoginStore;
  /** Chromium instances this process may run at once (sandbox accounts need none). */
  maxBrowsers: number;
  /** First reconnect delay after a drop; each further attempt waits 3× longer, up to 5 minutes. */
  reconnectBaseMs?: number;
  maxReconnectAttempts?: number;
}

interface Live {
  driver: WhatsAppDriver;
  kind: WhatsAppDriverName;
  state: AccountStatusEvent;
  /** A QR was shown in this session, so READY means a fresh login (warm-up starts). */
  scanned: boolean;
}

const MAX_RECONNECT_DELAY_MS = 5 * 60_000;

/**
 * Owns the drivers of this process (one per account it leases), mirrors their status
 * into `whatsapp_accounts`, publishes it on the event bus, hands driver events (acks,
 * incoming messages, status) to the engine, and reconnects dropped sessions with backoff.
 * Which accounts it runs is decided by the lease owner (cluster/account-owner.ts).
 */
export class SessionManager {
  private readonly live = new Map<number, Live>();
  private readonly listeners: DriverListener[] = [];
  private readonly reconnects = new Map<number, { attempt: number; timer: NodeJS.Timeout }>();
  private readonly opening = new Map<number, Promise<boolean>>();
  /** Status events of one account are stored in the order they happened. */
  private readonly statusQueues = new Map<number, Promise<void>>();
  private stopping = false;

  constructor(private readonly o: SessionManagerOptions) {}

  onDriverEvent(listener: DriverListener): void {
    this.listeners.push(listener);
  }

  /** The driver of a READY account, for the engine; undefined otherwise. */
  readyDriver(accountId: number): WhatsAppDriver | undefined {
    const live = this.live.get(accountId);
    return live?.state.status === 'READY' ? live.driver : undefined;
  }

  driverOf(accountId: number): WhatsAppDriver | undefined {
    return this.live.get(accountId)?.driver;
  }

  status(accountId: number): AccountStatus | undefined {
    if (this.reconnects.has(accountId)) return 'CONNECTING';
    return this.live.get(accountId)?.state.status;
  }

  /**
   * Reopens a linked account this worker just took (a restart, a failover). Restoring is a
   * reconnect: a start that fails for a passing reason is tried again later with backoff.
   */
  restore(accountId: number): void {
    if (this.live.has(accountId) || this.opening.has(accountId)) return;
    this.reconnects.set(accountId, { attempt: 0, timer: setTimeout(() => {}, 0) });
    this.open(accountId)
      .then((started) => {
        if (!started) this.scheduleReconnect(accountId);
      })
      .catch((error: Error) =>
        this.o.log.error({ err: error, accountId }, 'could not restore WhatsApp session'),
      );
  }

  /** A session left mid-scan by a previous owner has nothing to restore: it shows DISCONNECTED. */
  async reset(accountId: number): Promise<void> {
    if (this.live.has(accountId)) return;
    await this.record(accountId, { status: 'DISCONNECTED' });
  }

  /**
   * The lease is gone: close the session without writing anything (the account's new
   * owner writes its status), and stop any reconnect.
   */
  async drop(accountId: number): Promise<void> {
    this.cancelReconnect(accountId);
    const live = this.live.get(accountId);
    this.live.delete(accountId);
    await this.opening.get(accountId)?.catch(() => false);
    const late = this.live.get(accountId);
    this.live.delete(accountId);
    await Promise.all(
      [live, late].filter((l) => l !== undefined).map((l) => l.driver.disconnect().catch(() => {})),
    );
  }

  /** Accounts with a session or a reconnect here. */
  get activeIds(): number[] {
    return [...new Set([...this.live.keys(), ...this.reconnects.keys()])];
  }

  /** Starts linking at the user's request (cancels any pending automatic reconnect). */
  async connect(accountId: number): Promise<void> {
    this.cancelReconnect(accountId);
    await this.open(accountId);
  }

  /**
   * Starts the account's driver unless one is already starting or running. Answers
   * whether a driver was started; its progress then arrives as status events.
   */
  private open(accountId: number): Promise<boolean> {
    // Two clicks, or a reconnect timer racing a click, share one start (one Chromium).
    const pending = this.opening.get(accountId);
    if (pending) return pending;
    const opening = this.startDriver(accountId).finally(() => this.opening.delete(accountId));
    this.opening.set(accountId, opening);
    return opening;
  }

  private async startDriver(accountId: number): Promise<boolean> {
    const existing = this.live.get(accountId);
    if (existing && existing.state.status !== 'FAILED' && existing.state.status !== 'DISCONNECTED')
      return true;
    if (existing) this.live.delete(accountId);
    const account = await findAccountDriver(this.o.db, accountId);
    if (!account) return false;
    if (account.driver === 'wwebjs' && this.browserCount >= this.o.maxBrowsers) {
      await this.record(accountId, {
        status: 'FAILED',
        error: `All ${this.o.maxBrowsers} browser slots of this server are in use. Disconnect another account or raise MAX_BROWSERS.`,
      });
      return false;
    }
    const driver = this.o.createDriver(account);
    if (driver instanceof Error) {
      await this.record(accountId, { status: 'FAILED', error: driver.message });
      return false;
    }
    const live: Live = { driver, kind: account.driver, state: { status: 'CONNECTING' }, scanned: false };
    this.live.set(accountId, live);
    driver.onEvent((event) => this.handle(accountId, driver, event));
    await this.record(accountId, { status: 'CONNECTING' });
    // A real start can take a minute; the caller gets CONNECTING now and the rest as events.
    driver.connect().catch(async (error: Error) => {
      // Drivers report start failures as FAILED themselves; this is the last line of defence.
      if (this.live.get(accountId)?.driver !== driver) return;
      this.live.delete(accountId);
      await driver.disconnect().catch(() => {});
      await this.record(accountId, { status: 'FAILED', error: `Could not start: ${error.message}` });
    });
    return true;
  }

  async disconnect(accountId: number): Promise<void> {
    this.cancelReconnect(accountId);
    const live = this.live.get(accountId);
    this.live.delete(accountId);
    if (live) await live.driver.disconnect().catch(() => {});
    await this.record(accountId, { status: 'DISCONNECTED' });
  }

  async logout(accountId: number): Promise<void> {
    this.cancelReconnect(accountId);
    const live = this.live.get(accountId);
    this.live.delete(accountId);
    if (live) await live.driver.logout().catch(() => {});
    await this.forgetLogin(accountId);
    await forgetAccountLogin(this.o.db, accountId);
    await this.record(accountId, { status: 'DISCONNECTED', loggedOut: true });
  }

  async remove(accountId: number): Promise<void> {
    await this.logout(accountId);
    await this.forgetLogin(accountId, { journal: true });
    await deleteAccount(this.o.db, accountId);
  }

  /** Closes every driver (and its browser) without touching stored status, so the next start restores them. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const { timer } of this.reconnects.values()) clearTimeout(timer);
    this.reconnects.clear();
    const all = [...this.live.values()];
    this.live.clear();
    await Promise.all(all.map((l) => l.driver.disconnect().catch(() => {})));
  }

  /** Chromiums this process runs (for the workers table and the browser limit). */
  get browserCount(): number {
    let n = 0;
    for (const live of this.live.values()) if (live.kind === 'wwebjs') n++;
    return n;
  }

  /** Deletes whatever login a driver stored for the account (sandbox marker, LocalAuth profile, login store). */
  private async forgetLogin(accountId: number, options: { journal?: boolean } = {}) {
    await rm(path.join(this.o.dataDir, 'sandbox', `${accountId}.auth.json`), { force: true });
    await deleteWwebjsAuth(this.o.dataDir, accountId, options);
    await this.o.loginStore?.forget(accountId);
  }

  private handle(accountId: number, driver: WhatsAppDriver, event: DriverEvent) {
    if (this.stopping) return;
    const live = this.live.get(accountId);
    // Events of a driver that was replaced or closed are stale.
    if (live?.driver !== driver) return;
    if (event.type !== 'status') {
      for (const listener of this.listeners) listener(accountId, event);
      return;
    }
    const current = live.state;
    if (current.status === event.status && current.qr === event.qr && !event.error) return;
    if (event.status === 'QR') live.scanned = true;
    const run = async () => {
      if (event.status === 'DISCONNECTED') {
        // The driver is finished either way: the status is told first (campaigns pause at
        // once), then the driver closes; a drop reconnects, an unlink waits for a new scan.
        this.live.delete(accountId);
        if (event.loggedOut) await markAccountUnlinked(this.o.db, accountId);
        await this.record(accountId, event);
        // Closing can wait for the library's own reload (up to seconds); nothing waits on it.
        await driver.disconnect().catch(() => {});
        if (event.loggedOut) await this.forgetLogin(accountId);
        if (!event.loggedOut && event.retryable !== false) this.scheduleReconnect(accountId);
        else this.cancelReconnect(accountId);
        return;
      }
      if (event.status === 'FAILED') {
        this.live.delete(accountId);
        await this.record(accountId, event);
        await driver.disconnect().catch(() => {});
        // A passing failure (a crashed browser, a dead page, a stalled sync) is tried again
        // later with backoff, whether it came during a reconnect or after READY.
        if (event.retryable === true || (this.reconnects.has(accountId) && event.retryable !== false))
          this.scheduleReconnect(accountId);
        else this.cancelReconnect(accountId);
        return;
      }
      // A QR means the stored login is gone: no automatic reconnect can help any more.
      if (event.status === 'READY' || event.status === 'QR') this.cancelReconnect(accountId);
      await this.record(accountId, event, { freshLogin: event.status === 'READY' && live.scanned });
    };
    const previous = this.statusQueues.get(accountId) ?? Promise.resolve();
    const queued: Promise<void> = previous
      .then(run)
      .catch((error: Error) => this.o.log.error({ err: error, accountId }, 'could not store account status'))
      .finally(() => {
        if (this.statusQueues.get(accountId) === queued) this.statusQueues.delete(accountId);
      });
    this.statusQueues.set(accountId, queued);
  }

  private scheduleReconnect(accountId: number) {
    const attempt = (this.reconnects.get(accountId)?.attempt ?? 0) + 1;
    if (attempt > (this.o.maxReconnectAttempts ?? 10)) {
      this.reconnects.delete(accountId);
      this.record(accountId, {
        status: 'FAILED',
        error: 'The connection dropped and could not be restored. Press Connect to try again.',
      }).catch(() => {});
      return;
    }
    const base = this.o.reconnectBaseMs ?? 5_000;
    const delay = Math.min(base * 3 ** (attempt - 1), MAX_RECONNECT_DELAY_MS);
    const timer = setTimeout(() => {
      if (this.stopping || this.reconnects.get(accountId)?.timer !== timer) return;
      this.o.log.info({ accountId, attempt }, 'reconnecting WhatsApp session');
      // The attempt count stays until READY, so a session that keeps failing waits longer each time.
      this.open(accountId).then(
        (started) => {
          // Refused before a driver ran (no browser slot): try again later. A driver that
          // started reports its own FAILED, which schedules the next attempt.
          if (!started) this.scheduleReconnect(accountId);
        },
        () => this.scheduleReconnect(accountId),
      );
    }, delay);
    timer.unref();
    this.reconnects.set(accountId, { attempt, timer });
  }

  private cancelReconnect(accountId: number) {
    const pending = this.reconnects.get(accountId);
    if (pending) clearTimeout(pending.timer);
    this.reconnects.delete(accountId);
  }

  private async record(
    accountId: number,
    event: AccountStatusEvent & { loggedOut?: boolean },
    options: { freshLogin?: boolean } = {},
  ): Promise<void> {
    const state: AccountStatusEvent = { status: event.status };
    if (event.qr) state.qr = event.qr;
    if (event.phone) state.phone = event.phone;
    if (event.error) state.error = event.error;
    const live = this.live.get(accountId);
    if (live) live.state = state;
    const version = await storeAccountStatus(this.o.db, {
      accountId,
      workerId: this.o.workerId,
      event,
      freshLogin: options.freshLogin === true,
      now: new Date(),
    });
    if (version === null) {
      this.o.log.warn(
        { accountId, status: event.status },
        'status not stored: this worker no longer owns the account',
      );
      return;
    }
    state.version = version;
    this.o.bus.publish(topics.account(accountId), state);
    const forListeners: DriverEvent = {
      type: 'status',
      ...state,
      ...(event.loggedOut ? { loggedOut: true } : {}),
    };
    for (const listener of this.listeners) listener(accountId, forListeners);
  }
}
