import type { EventBus } from '@chapar/api';
import type { Database } from '@chapar/db';
import type { AppLogger } from '../logger';
import { CAMPAIGNS_CHANGED, publishProgress } from '../repositories/campaign-progress';
import { createCampaignsPort } from '../repositories/campaigns';
import { usableSubscription } from '../repositories/subscriptions';
import type { DriverEvent, WhatsAppDriver } from '../whatsapp/driver';
import type { SessionManager } from '../whatsapp/session-manager';
import type { Clock } from './clock';
import { nextGapMs, type PacingPolicy } from './pacing';
import { createEngineStore, type RunningCampaign } from './store';

export interface EngineOptions {
  db: Database;
  bus: EventBus;
  sessions: SessionManager;
  log: AppLogger;
  clock: Clock;
  pacing: PacingPolicy;
  /** Consecutive failed sends on one campaign before it is paused. */
  maxConsecutiveFailures?: number;
  /** How often scheduled campaigns and idle accounts are looked at. */
  tickMs?: number;
}

const ACCOUNT_LOST_STATUSES = new Set(['DISCONNECTED', 'FAILED', 'QR']);
const EARLY_ACK_TTL_MS = 5 * 60_000;

/**
 * The sending engine. The recipients table is the queue; each account has at most one
 * worker, which sends one message at a time at the campaign's jittered interval. State
 * lives in MySQL only, so a restart picks up exactly where the rows say.
 */
export class CampaignEngine {
  private readonly store;
  private readonly campaignsPort;
  private readonly workers = new Map<number, Promise<void>>();
  /** Accounts whose worker should look again for work once it finishes its current round. */
  private readonly rerun = new Set<number>();
  private readonly abort = new AbortController();
  private readonly consecutiveFailures = new Map<number, number>();
  /** Acks that arrived before their send was stored (fast phones, slow databases). */
  private readonly earlyAcks = new Map<string, { ack: 'DELIVERED' | 'READ' | 'FAILED'; at: number }[]>();
  private ticker: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private lastTickAt = 0;
  /** Driver events being stored; shutdown waits for them. */
  private readonly handling = new Set<Promise<void>>();

  constructor(private readonly o: EngineOptions) {
    this.store = createEngineStore(o.db);
    this.campaignsPort = createCampaignsPort(o.db, o.bus);
  }

  /** When the loop last ran (for readiness checks). */
  get lastTick(): number {
    return this.lastTickAt;
  }

  start(): void {
    this.o.sessions.onDriverEvent((accountId, event) => this.onDriverEvent(accountId, event));
    this.unsubscribe = this.o.bus.subscribe(CAMPAIGNS_CHANGED, () => this.kickAll());
    this.ticker = setInterval(() => this.tick(), this.o.tickMs ?? 1000);
    this.tick();
  }

  /** Stops taking new sends and waits for the sends in flight to be stored. */
  async stop(): Promise<void> {
    this.abort.abort();
    clearInterval(this.ticker);
    this.unsubscribe?.();
    await Promise.allSettled([...this.workers.values(), ...this.handling]);
  }

  /** Waits until every worker is idle (tests). */
  async idle(): Promise<void> {
    while (this.workers.size > 0) await Promise.allSettled([...this.workers.values()]);
  }

  private tick(): void {
    if (this.abort.signal.aborted) return;
    this.lastTickAt = Date.now();
    this.startDueScheduled()
      .then(() => this.kickAll())
      .catch((error: Error) => this.o.log.error({ err: error }, 'engine tick failed'));
  }

  private async startDueScheduled() {
    const due = await this.store.dueScheduled(new Date(this.o.clock.now()));
    for (const c of due) {
      const ready = c.accountId != null && this.o.sessions.readyDriver(c.accountId);
      if (!ready) {
        await this.campaignsPort.transition(c.id, 'pause', {
          pauseCause: 'ACCOUNT',
          pausedReason:
            'The scheduled time came but the WhatsApp account was not linked. Link it and resume.',
        });
      } else if (!(await usableSubscription(this.o.db, c.userId, new Date(this.o.clock.now())))) {
        await this.campaignsPort.transition(c.id, 'pause', {
          pauseCause: 'QUOTA',
          pausedReason: 'No active subscription with messages left. Renew your package and resume.',
        });
      } else {
        await this.campaignsPort.transition(c.id, 'due');
      }
    }
  }

  private kickAll() {
    if (this.abort.signal.aborted) return;
    this.store
      .accountsWithRunningCampaigns()
      .then((ids) => {
        for (const id of ids) this.kick(id);
      })
      .catch((error: Error) => this.o.log.error({ err: error }, 'engine could not list running campaigns'));
  }

  /** Ensures the account has a worker; a running one re-checks for work when it ends. */
  private kick(accountId: number) {
    if (this.abort.signal.aborted) return;
    if (this.workers.has(accountId)) {
      this.rerun.add(accountId);
      return;
    }
    const worker = this.work(accountId)
      .catch((error: Error) => this.o.log.error({ err: error, accountId }, 'account worker failed'))
      .finally(() => {
        this.workers.delete(accountId);
        if (this.rerun.delete(accountId)) this.kick(accountId);
      });
    this.workers.set(accountId, worker);
  }

  private async work(accountId: number): Promise<void> {
    const driver = this.o.sessions.readyDriver(accountId);
    if (!driver) {
      // Reconnecting after a restart: wait for READY (its status event kicks us again).
      const status = this.o.sessions.status(accountId);
      if (status === undefined || ACCOUNT_LOST_STATUSES.has(status))
        await this.pauseForAccount(accountId, status);
      return;
    }
    await this.resolveInterrupted(accountId, driver);
    let turn = 0;
    while (!this.abort.signal.aborted && this.o.sessions.readyDriver(accountId) === driver) {
      const running = await this.store.runningCampaignsOf(accountId);
      if (running.length === 0) return;
      // Round-robin between the account's running campaigns.
      const campaign = running[turn++ % running.length]!;
      const started = this.o.clock.now();
      const sent = await this.sendOne(campaign, driver);
      if (sent === 'idle') continue;
      const gap = nextGapMs(campaign.interval, this.o.pacing);
      await this.o.clock.sleep(started + gap - this.o.clock.now(), this.abort.signal);
    }
  }

  /** One send, start to finish. 'idle' when the campaign had nothing to send. */
  private async sendOne(
    campaign: RunningCampaign,
    driver: WhatsAppDriver,
  ): Promise<'sent' | 'failed' | 'idle'> {
    const now = new Date(this.o.clock.now());
    const claim = await this.store.claimNext(campaign, now);
    if (claim.kind === 'empty') {
      if ((await this.store.unfinishedCount(campaign.id)) === 0) {
        await this.campaignsPort.transition(campaign.id, 'complete');
      }
      return 'idle';
    }
    if (claim.kind === 'no-quota') {
      await this.campaignsPort.transition(campaign.id, 'pause', {
        pauseCause: 'QUOTA',
        pausedReason: 'Your subscription has no messages left or has expired. Renew it and resume.',
      });
      return 'idle';
    }
    const { recipient } = claim;
    let outcome: 'sent' | 'failed';
    try {
      const { messageId } = await driver.send({
        to: recipient.phone,
        text: campaign.message,
        ref: `r${recipient.id}`,
      });
      await this.store.markSent(campaign.id, recipient.id, messageId, new Date(this.o.clock.now()));
      this.consecutiveFailures.delete(campaign.id);
      await this.applyEarlyAcks(messageId);
      outcome = 'sent';
    } catch (error) {
      await this.store.markFailed(campaign.id, recipient.id, describe(error));
      outcome = 'failed';
      const failures = (this.consecutiveFailures.get(campaign.id) ?? 0) + 1;
      this.consecutiveFailures.set(campaign.id, failures);
      if (failures >= (this.o.maxConsecutiveFailures ?? 5)) {
        this.consecutiveFailures.delete(campaign.id);
        await this.campaignsPort.transition(campaign.id, 'pause', {
          pauseCause: 'ERRORS',
          pausedReason: `Paused after ${failures} failed sends in a row (last: ${describe(error)}). Check the account and resume.`,
        });
      }
    }
    // Complete at once after the last send rather than one interval later.
    if ((await this.store.unfinishedCount(campaign.id)) === 0) {
      await this.campaignsPort.transition(campaign.id, 'complete');
    } else {
      await publishProgress(this.o.db, this.o.bus, campaign.id);
    }
    return outcome;
  }

  /**
   * Rows left in SENDING by a crash are never sent again blindly: the driver is asked
   * whether the message went out; only a definite "no" puts the row back in the queue.
   */
  private async resolveInterrupted(accountId: number, driver: WhatsAppDriver) {
    const rows = await this.store.interruptedSends(accountId);
    for (const row of rows) {
      const found = await driver
        .lookupSent(`r${row.id}`, row.phone)
        .catch(() => ({ sent: 'unknown' as const }));
      if (found.sent === true) {
        await this.store.markSent(row.campaignId, row.id, found.messageId, new Date(this.o.clock.now()));
      } else if (found.sent === false) {
        await this.store.requeue(row.id);
      } else {
        await this.store.markFailed(
          row.campaignId,
          row.id,
          'The server stopped during this send and it cannot be known whether it went out, so it was not sent again.',
        );
      }
      await publishProgress(this.o.db, this.o.bus, row.campaignId);
    }
    if (rows.length > 0) this.o.log.info({ accountId, resolved: rows.length }, 'resolved interrupted sends');
  }

  private async pauseForAccount(accountId: number, status: string | undefined) {
    const running = await this.store.runningCampaignsOf(accountId);
    for (const c of running) {
      await this.campaignsPort.transition(c.id, 'pause', {
        pauseCause: 'ACCOUNT',
        pausedReason: `The WhatsApp account is not linked (${(status ?? 'disconnected').toLowerCase()}). It resumes when the account is linked again.`,
      });
    }
  }

  /** Campaigns paused because their account went away resume when it is READY again. */
  private async resumeForAccount(accountId: number) {
    const paused = await this.o.db.query.campaigns.findMany({
      columns: { id: true },
      where: (c, { and, eq }) =>
        and(eq(c.whatsappAccountId, accountId), eq(c.status, 'PAUSED'), eq(c.pauseCause, 'ACCOUNT')),
    });
    for (const c of paused) await this.campaignsPort.transition(c.id, 'resume');
  }

  private onDriverEvent(accountId: number, event: DriverEvent) {
    const run = async () => {
      if (event.type === 'status') {
        if (event.status === 'READY') {
          await this.resumeForAccount(accountId);
          this.kick(accountId);
        } else if (ACCOUNT_LOST_STATUSES.has(event.status)) {
          await this.pauseForAccount(accountId, event.status);
        }
      } else if (event.type === 'ack') {
        await this.handleAck(event.messageId, event.ack, event.error);
      }
    };
    run().catch((error: Error) =>
      this.o.log.error({ err: error, accountId }, 'engine could not handle a driver event'),
    );
  }

  private async handleAck(messageId: string, ack: 'DELIVERED' | 'READ' | 'FAILED', error?: string) {
    const changed = await this.store.applyAck(messageId, ack, new Date(this.o.clock.now()), error);
    if (changed === 'unknown') {
      const list = this.earlyAcks.get(messageId) ?? [];
      list.push({ ack, at: Date.now() });
      this.earlyAcks.set(messageId, list);
      this.dropStaleEarlyAcks();
      return;
    }
    if (changed != null) await publishProgress(this.o.db, this.o.bus, changed);
  }

  private async applyEarlyAcks(messageId: string) {
    const pending = this.earlyAcks.get(messageId);
    if (!pending) return;
    this.earlyAcks.delete(messageId);
    for (const p of pending) await this.store.applyAck(messageId, p.ack, new Date(this.o.clock.now()));
  }

  private dropStaleEarlyAcks() {
    const cutoff = Date.now() - EARLY_ACK_TTL_MS;
    for (const [id, list] of this.earlyAcks) {
      if (list.every((a) => a.at < cutoff)) this.earlyAcks.delete(id);
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Unknown error from WhatsApp.';
}
