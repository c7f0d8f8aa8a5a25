import { rm } from 'node:fs/promises';
import path from 'node:path';
import {
  type AccountStatus,
  type AccountStatusEvent,
  type EventBus,
  topics,
  type WhatsAppControlPort,
} from '@chapar/api';
import { type Database, whatsappAccounts } from '@chapar/db';
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { AppLogger } from '../logger';
import type { DriverEvent, WhatsAppDriver } from './driver';
import { SandboxDriver, type SandboxOptions } from './sandbox-driver';

export type DriverListener = (accountId: number, event: DriverEvent) => void;

interface Live {
  driver: WhatsAppDriver;
  state: AccountStatusEvent;
}

/**
 * Owns the drivers of this process (one per connected account), mirrors their status
 * into `whatsapp_accounts`, publishes it on the event bus and hands driver events
 * (acks, incoming messages, status) to the engine.
 */
export class SessionManager implements WhatsAppControlPort {
  private readonly live = new Map<number, Live>();
  private readonly listeners: DriverListener[] = [];
  private stopping = false;

  constructor(
    private readonly deps: {
      db: Database;
      bus: EventBus;
      log: AppLogger;
      dataDir: string;
      sandbox: Omit<SandboxOptions, 'dataDir'>;
    },
  ) {}

  onDriverEvent(listener: DriverListener): void {
    this.listeners.push(listener);
  }

  /** The driver of a READY account, for the engine; undefined otherwise. */
  readyDriver(accountId: number): WhatsAppDriver | undefined {
    const live = this.live.get(accountId);
    return live?.state.status === 'READY' ? live.driver : undefined;
  }

  status(accountId: number): AccountStatus | undefined {
    return this.live.get(accountId)?.state.status;
  }

  /** After a restart, reconnects every account that was linked and in use. */
  async restoreLinked(): Promise<void> {
    const rows = await this.deps.db
      .select({ id: whatsappAccounts.id })
      .from(whatsappAccounts)
      .where(
        and(inArray(whatsappAccounts.status, ['READY', 'CONNECTING']), isNotNull(whatsappAccounts.authRef)),
      );
    // Accounts caught mid-scan have nothing to restore.
    await this.deps.db
      .update(whatsappAccounts)
      .set({ status: 'DISCONNECTED' })
      .where(inArray(whatsappAccounts.status, ['QR', 'CONNECTING']));
    for (const row of rows) {
      await this.connect(row.id).catch((error: Error) =>
        this.deps.log.error({ err: error, accountId: row.id }, 'could not restore WhatsApp session'),
      );
    }
  }

  async connect(accountId: number): Promise<void> {
    const existing = this.live.get(accountId);
    if (existing && existing.state.status !== 'FAILED' && existing.state.status !== 'DISCONNECTED') return;
    const [account] = await this.deps.db
      .select({ id: whatsappAccounts.id, driver: whatsappAccounts.driver })
      .from(whatsappAccounts)
      .where(eq(whatsappAccounts.id, accountId))
      .limit(1);
    if (!account) return;
    if (account.driver !== 'sandbox') {
      await this.record(accountId, {
        status: 'FAILED',
        error:
          'The real WhatsApp (wwebjs) driver is not available in this version yet. Use a sandbox account.',
      });
      return;
    }
    const driver = new SandboxDriver(accountId, { ...this.deps.sandbox, dataDir: this.deps.dataDir });
    const live: Live = { driver, state: { status: 'CONNECTING' } };
    this.live.set(accountId, live);
    driver.onEvent((event) => this.handle(accountId, driver, event));
    await this.record(accountId, { status: 'CONNECTING' });
    try {
      await driver.connect();
    } catch (error) {
      await this.record(accountId, {
        status: 'FAILED',
        error: `Could not start: ${(error as Error).message}`,
      });
    }
  }

  async disconnect(accountId: number): Promise<void> {
    const live = this.live.get(accountId);
    this.live.delete(accountId);
    if (live) await live.driver.disconnect().catch(() => {});
    await this.record(accountId, { status: 'DISCONNECTED' });
  }

  async logout(accountId: number): Promise<void> {
    const live = this.live.get(accountId);
    this.live.delete(accountId);
    if (live) await live.driver.logout().catch(() => {});
    await this.forgetLogin(accountId);
    await this.deps.db
      .update(whatsappAccounts)
      .set({ authRef: null, phone: null })
      .where(eq(whatsappAccounts.id, accountId));
    await this.record(accountId, { status: 'DISCONNECTED' });
  }

  async remove(accountId: number): Promise<void> {
    await this.logout(accountId);
    await this.deps.db.delete(whatsappAccounts).where(eq(whatsappAccounts.id, accountId));
  }

  async snapshot(accountId: number): Promise<AccountStatusEvent> {
    const live = this.live.get(accountId);
    if (live) return live.state;
    const [row] = await this.deps.db
      .select({
        status: whatsappAccounts.status,
        phone: whatsappAccounts.phone,
        error: whatsappAccounts.error,
      })
      .from(whatsappAccounts)
      .where(eq(whatsappAccounts.id, accountId))
      .limit(1);
    if (!row) return { status: 'DISCONNECTED' };
    return {
      status: row.status,
      ...(row.phone ? { phone: row.phone } : {}),
      ...(row.error ? { error: row.error } : {}),
    };
  }

  /** Closes every driver without touching stored status, so the next start restores them. */
  async stop(): Promise<void> {
    this.stopping = true;
    const all = [...this.live.values()];
    this.live.clear();
    await Promise.all(all.map((l) => l.driver.disconnect().catch(() => {})));
  }

  private async forgetLogin(accountId: number) {
    await rm(path.join(this.deps.dataDir, 'sandbox', `${accountId}.auth.json`), { force: true });
  }

  private handle(accountId: number, driver: WhatsAppDriver, event: DriverEvent) {
    if (this.stopping) return;
    // Events of a driver that was replaced or closed are stale.
    if (this.live.get(accountId)?.driver !== driver) return;
    if (event.type === 'status') {
      const current = this.live.get(accountId)?.state;
      if (current && current.status === event.status && current.qr === event.qr && !event.error) return;
      this.record(accountId, event).catch((error: Error) =>
        this.deps.log.error({ err: error, accountId }, 'could not store account status'),
      );
    } else {
      for (const listener of this.listeners) listener(accountId, event);
    }
  }

  private async record(accountId: number, event: AccountStatusEvent): Promise<void> {
    const state: AccountStatusEvent = { status: event.status };
    if (event.qr) state.qr = event.qr;
    if (event.phone) state.phone = event.phone;
    if (event.error) state.error = event.error;
    const live = this.live.get(accountId);
    if (live) live.state = state;
    const now = new Date();
    await this.deps.db
      .update(whatsappAccounts)
      .set({
        status: event.status,
        error: event.error ?? null,
        ...(event.status === 'READY'
          ? { phone: event.phone ?? null, lastSeenAt: now, authRef: `local:${accountId}` }
          : {}),
        updatedAt: now,
      })
      .where(eq(whatsappAccounts.id, accountId));
    this.deps.bus.publish(topics.account(accountId), state);
    for (const listener of this.listeners) listener(accountId, { type: 'status', ...state });
  }
}
