import { setMaxListeners } from 'node:events';
import type { EventBus } from '@chapar/api';
import { type CompiledTemplate, normalizePhone, parseTemplate, renderTemplate } from '@chapar/api';
import type { Database } from '@chapar/db';
import type { Acquired } from '../cluster/leases';
import type { AppLogger } from '../logger';
import { metrics } from '../observability/metrics';
import { CAMPAIGNS_CHANGED, publishProgress } from '../repositories/campaign-progress';
import { createCampaignsPort } from '../repositories/campaigns';
import { quotaPauseReason, usableSubscription } from '../repositories/subscriptions';
import { mediaPath } from '../services/media';
import {
  type DriverEvent,
  NotOnWhatsAppError,
  NotSentError,
  UnknownSendOutcomeError,
  type WhatsAppDriver,
} from '../whatsapp/driver';
import type { SessionManager } from '../whatsapp/session-manager';
import type { Clock } from './clock';
import { AccountPacer, nextGapMs, type PacingPolicy } from './pacing';
import { type Claimed, createEngineStore, type RunningCampaign } from './store';

export interface EngineOptions {
  db: Database;
  bus: EventBus;
  sessions: SessionManager;
  log: AppLogger;
  clock: Clock;
  pacing: PacingPolicy;
  /** Replies that put the sender on the opt-out list (compared whole, case-insensitive). */
  optOutWords?: readonly string[];
  /** Consecutive failed sends on one campaign before it is paused. */
  maxConsecutiveFailures?: number;
  /** How often scheduled campaigns and idle accounts are looked at. */
  tickMs?: number;
  /** Where campaign attachments are stored. */
  dataDir: string;
  /** This worker's account leases: only accounts it holds are worked, and every claim is fenced. */
  leases: LeaseView;
}

/** What the engine asks of the lease table (cluster/leases.ts). */
export interface LeaseView {
  readonly workerId: string;
  /** Whether this worker may send for the account right now (checked before every send). */
  holds(accountId: number): boolean;
  fence(accountId: number): { owner: string; epoch: number } | null;
  heldIds(): number[];
}

/**
 * How long after taking an account from another worker its SENDING rows are left alone:
 * the old owner stopped sending before its lease expired, but a send it had started then
 * may still be on its way (a real upload can take a minute). Only after that is the
 * driver asked whether it went out.
 */
const FOREIGN_SEND_GRACE_MS: Record<string, number> = { sandbox: 3_000, wwebjs: 120_000 };

const ACCOUNT_LOST_STATUSES = new Set(['DISCONNECTED', 'FAILED', 'QR']);
const EARLY_ACK_TTL_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
/** A number check is a request to WhatsApp too; a skipped number still earns a short pause. */
const SKIP_GAP_MS = 1_500;
/**
 * Before a wait up to this long (engine time), a worker reads what its next send needs
 * (running campaigns, pacing settings) before sleeping rather than after waking, so the
 * send starts on time instead of queueing for the database first.
 */
const PREFETCH_MAX_WAIT_MS = 60_000;
/** How long `leftRunningAt` remembers a change (real time): well above the prefetch wait. */
const STATE_MEMORY_MS = 10 * 60_000;

export const DEFAULT_OPT_OUT_WORDS = ['stop', 'unsubscribe', 'لغو', 'لغو عضویت', 'انصراف'];

interface ParkedAck {
  ack: 'DELIVERED' | 'READ' | 'FAILED';
  error: string | undefined;
  at: number;
}

/** 'opted-out' cost WhatsApp nothing, so the next send may follow at once; 'stale' sent nothing. */
type SendOutcome = 'sent' | 'failed' | 'skipped' | 'opted-out' | 'idle' | 'stale' | 'not-sent' | 'lost';

/**
 * The sending engine. The recipients table is the queue; each account has at most one
 * worker, which sends one message at a time at the campaign's jittered interval, with
 * batch pauses, a rolling daily cap and a warm-up for new logins. State lives in MySQL
 * only, so a restart picks up exactly where the rows say.
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
  private readonly earlyAcks = new Map<string, ParkedAck[]>();
  /** Driver events being stored; shutdown waits for them. */
  private readonly handling = new Set<Promise<void>>();
  private readonly optOutWords: Set<string>;
  /** Compiled message templates by campaign (recompiled when the message changes). */
  private readonly templates = new Map<number, { source: string; template: CompiledTemplate }>();
  private ticker: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private lastTickAt = 0;
  private ticking = false;
  private kickingAll = false;
  private kickAllAgain = false;
  /** Driver events of one account are handled in order (READY after CONNECTING, …). */
  private readonly eventQueues = new Map<number, Promise<void>>();
  /**
   * When each campaign last announced a state other than RUNNING (real time). A campaign is
   * only edited while it is not RUNNING, so a worker whose campaigns have no entry newer
   * than its last read knows that read is still true. Entries older than the longest such
   * wait are dropped on the tick.
   */
  private readonly leftRunningAt = new Map<number, number>();
  /**
   * Accounts whose SENDING rows must be looked at: taken over (after the grace above, when
   * another worker held them), restarted, or left by a send whose outcome was not stored.
   */
  private readonly resolveDue = new Map<number, { since: number; foreign: boolean }>();

  constructor(private readonly o: EngineOptions) {
    this.store = createEngineStore(o.db);
    this.campaignsPort = createCampaignsPort(o.db, o.bus);
    this.optOutWords = new Set((o.optOutWords ?? DEFAULT_OPT_OUT_WORDS).map(normalizeReply));
    // Every sleeping worker listens on this signal: more than ten accounts is normal.
    setMaxListeners(0, this.abort.signal);
  }

  /** A lease was taken: its interrupted sends are resolved, then it is worked like any other. */
  adopt(lease: Acquired): void {
    const foreign = lease.previousOwner !== null && lease.previousOwner !== this.o.leases.workerId;
    this.resolveDue.set(lease.accountId, { since: Date.now(), foreign });
    this.kick(lease.accountId);
  }

  /** When the loop last ran (for readiness checks). */
  get lastTick(): number {
    return this.lastTickAt;
  }

  start(): void {
    this.o.sessions.onDriverEvent((accountId, event) => this.onDriverEvent(accountId, event));
    this.unsubscribe = this.o.bus.subscribe(CAMPAIGNS_CHANGED, (data) => {
      const { id, status } = (data ?? {}) as { id?: number; status?: string };
      if (id != null && status !== 'RUNNING') this.leftRunningAt.set(id, Date.now());
      this.kickAll();
    });
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

  private tick(): void {
    // A slow database must not stack one tick per second onto the pool.
    if (this.abort.signal.aborted || this.ticking) return;
    this.ticking = true;
    this.lastTickAt = Date.now();
    for (const [id, at] of this.leftRunningAt) {
      if (at < this.lastTickAt - STATE_MEMORY_MS) this.leftRunningAt.delete(id);
    }
    this.startDueScheduled()
      .then(() => this.retryParkedAcks())
      .then(() => this.kickAll())
      .catch((error: Error) => this.o.log.error({ err: error }, 'engine tick failed'))
      .finally(() => {
        this.ticking = false;
      });
  }

  private now(): Date {
    return new Date(this.o.clock.now());
  }

  private async startDueScheduled() {
    const due = await this.store.dueScheduled(this.now());
    for (const c of due) {
      // Each account's owner starts its campaigns; one without a live owner cannot send,
      // so any worker pauses it (transitions are guarded, so two doing it is harmless).
      const mine = c.accountId != null && this.o.leases.holds(c.accountId);
      if (!mine && c.owned) continue;
      const ready = mine && this.o.sessions.readyDriver(c.accountId!);
      if (!ready) {
        await this.campaignsPort.transition(c.id, 'pause', {
          pauseCause: 'ACCOUNT',
          pausedReason:
            'The scheduled time came but the WhatsApp account was not linked. Link it and resume.',
        });
      } else if (!(await usableSubscription(this.o.db, c.userId, this.now()))) {
        await this.campaignsPort.transition(c.id, 'pause', {
          pauseCause: 'QUOTA',
          pausedReason: 'No active subscription with messages left. Renew your package and resume.',
        });
      } else {
        await this.campaignsPort.transition(c.id, 'due');
      }
    }
  }

  /**
   * Every progress event asks for this, so under load many requests arrive while one query
   * is running: they share a single re-run after it instead of one query each.
   */
  private kickAll() {
    if (this.abort.signal.aborted) return;
    if (this.kickingAll) {
      this.kickAllAgain = true;
      return;
    }
    this.kickingAll = true;
    this.store
      .accountsWithRunningCampaigns(this.o.leases.heldIds())
      .then((ids) => {
        for (const id of ids) this.kick(id);
      })
      .catch((error: Error) => this.o.log.error({ err: error }, 'engine could not list running campaigns'))
      .finally(() => {
        this.kickingAll = false;
        if (this.kickAllAgain) {
          this.kickAllAgain = false;
          this.kickAll();
        }
      });
  }

  /** Ensures the account has a worker; a running one re-checks for work when it ends. */
  private kick(accountId: number) {
    if (this.abort.signal.aborted) return;
    if (this.workers.has(accountId)) {
      this.rerun.add(accountId);
      return;
    }
    const worker = this.work(accountId)
      .catch((error: Error) => {
        this.o.log.error({ err: error, accountId }, 'account worker failed');
        // A send whose outcome could not be stored is looked at again by the next worker.
        this.resolveDue.set(accountId, { since: Date.now(), foreign: false });
      })
      .finally(() => {
        this.workers.delete(accountId);
        if (this.rerun.delete(accountId)) this.kick(accountId);
      });
    this.workers.set(accountId, worker);
  }

  private async work(accountId: number): Promise<void> {
    if (!this.o.leases.holds(accountId)) return;
    const driver = this.o.sessions.readyDriver(accountId);
    if (!driver) {
      // Reconnecting after a restart: wait for READY (its status event kicks us again).
      // With no session at all, the status event that ended it pauses the campaigns, with
      // its own cause (a logout is not a drop); this worker does not guess.
      const status = this.o.sessions.status(accountId);
      if (status !== undefined && ACCOUNT_LOST_STATUSES.has(status)) {
        await this.pauseForAccount(accountId, 'ACCOUNT', notLinkedReason(status));
      }
      return;
    }
    const account = await this.store.pacingOf(accountId);
    if (!account) return;
    await this.resolveWhenDue(accountId, driver, account.driver);
    const since = new Date(this.o.clock.now() - DAY_MS);
    // Warm-up protects a real number; the sandbox has none to protect and keeps its pace.
    const policy = account.driver === 'sandbox' ? { ...this.o.pacing, warmupDays: 0 } : this.o.pacing;
    const recent = await this.store.recentSendTimes(accountId, since);
    const pacer = new AccountPacer(account, policy, recent);
    // A restart does not skip the gap: the first send waits for the interval since the last one.
    const first = (await this.store.runningCampaignsOf(accountId))[0];
    if (first && recent.length > 0) {
      const gap = nextGapMs(first.interval, policy);
      // Never longer than one gap, even if the stored times run ahead of this clock.
      const wait = Math.min(Math.max(...recent) + gap - this.o.clock.now(), gap);
      await this.o.clock.sleep(wait, this.abort.signal);
    }
    let turn = 0;
    let idleInARow = 0;
    let dueAt: number | null = null; // when pacing wanted the next send to start
    let staleInARow = 0;
    let running: RunningCampaign[] = [];
    let readAt: number | null = null; // when `running` was read, if read ahead of a wait
    const read = async () => {
      readAt = Date.now();
      running = await this.store.runningCampaignsOf(accountId);
      const current = await this.store.pacingOf(accountId);
      if (current) pacer.setAccount(current);
    };
    while (
      !this.abort.signal.aborted &&
      this.o.leases.holds(accountId) &&
      this.o.sessions.readyDriver(accountId) === driver
    ) {
      await this.resolveWhenDue(accountId, driver, account.driver);
      const since = readAt;
      const stillTrue = since !== null && running.every((c) => (this.leftRunningAt.get(c.id) ?? 0) < since);
      readAt = null;
      if (!stillTrue) await read();
      readAt = null;
      if (running.length === 0 || idleInARow >= running.length) return;
      const capWait = pacer.capWaitMs(this.o.clock.now());
      if (capWait > 0) {
        this.o.log.info({ accountId, waitMs: capWait }, 'daily cap reached; waiting');
        dueAt = null;
        // Look again every few minutes: the user may raise the limit meanwhile.
        await this.o.clock.sleep(Math.min(capWait, 5 * 60_000), this.abort.signal);
        continue;
      }
      // Round-robin between the account's running campaigns.
      const campaign = running[turn++ % running.length]!;
      const started = this.o.clock.now();
      if (dueAt !== null) {
        metrics.engineLag(started - dueAt);
        // Per send, for the pacing benchmark and for tracing one account's rhythm.
        this.o.log.debug({ accountId, campaignId: campaign.id, lagMs: started - dueAt }, 'send started');
      }
      dueAt = null;
      const outcome = await this.sendOne(accountId, campaign, driver);
      if (outcome === 'lost') return;
      if (outcome === 'stale') {
        // Read again (readAt is null) and send at once; never spin if it keeps changing.
        if (++staleInARow > 3) await this.o.clock.sleep(1000, this.abort.signal);
        continue;
      }
      staleInARow = 0;
      if (outcome !== 'idle' && outcome !== 'not-sent')
        metrics.messageOutcome(outcome === 'opted-out' ? 'skipped' : outcome);
      if (outcome === 'idle') {
        idleInARow++;
        continue;
      }
      idleInARow = 0;
      if (outcome === 'opted-out') continue;
      // Nothing went out; the loop ends by itself if the account is no longer READY.
      const gap =
        outcome === 'skipped' || outcome === 'not-sent' ? SKIP_GAP_MS : pacer.afterSend(started, campaign);
      dueAt = started + gap;
      // Reads what the next send needs while waiting anyway (a failed read is redone on waking).
      const prefetched =
        gap <= PREFETCH_MAX_WAIT_MS
          ? read().then(
              () => true,
              () => false,
            )
          : null;
      await this.o.clock.sleep(started + gap - this.o.clock.now(), this.abort.signal);
      if (prefetched && !(await prefetched)) readAt = null;
    }
  }

  /** One send, start to finish. 'idle' when the campaign had nothing to send. */
  private async sendOne(
    accountId: number,
    campaign: RunningCampaign,
    driver: WhatsAppDriver,
  ): Promise<SendOutcome> {
    const fence = this.o.leases.fence(accountId);
    if (!fence) return 'lost';
    const claim = await this.store.claimNext(campaign, this.now(), { accountId, ...fence });
    if (claim.kind === 'not-owner') return 'lost';
    if (claim.kind === 'empty') {
      if (!(await this.store.hasUnfinished(campaign.id))) {
        await this.campaignsPort.transition(campaign.id, 'complete');
      }
      return 'idle';
    }
    if (claim.kind === 'opted-out') {
      await this.finishOrPublish(campaign.id);
      return 'opted-out';
    }
    if (claim.kind === 'stale') return 'stale';
    if (claim.kind === 'no-quota') {
      await this.campaignsPort.transition(campaign.id, 'pause', {
        pauseCause: 'QUOTA',
        pausedReason: await quotaPauseReason(this.o.db, campaign.userId, this.now()),
      });
      return 'idle';
    }
    const { recipient } = claim;
    if (!this.o.leases.holds(accountId)) {
      // The lease lapsed between the claim and the send (a frozen process, a slow database).
      // Nothing went out; the row stays SENDING for whoever owns the account next to check.
      this.resolveDue.set(accountId, { since: Date.now(), foreign: false });
      return 'lost';
    }
    let messageId: string;
    try {
      ({ messageId } = await driver.send({
        to: recipient.phone,
        text: this.render(campaign, recipient),
        ref: `r${recipient.id}`,
        typing: campaign.typing,
        ...(campaign.media
          ? {
              media: {
                path: mediaPath(this.o.dataDir, campaign.media.sha256, campaign.media.mimeType),
                mimeType: campaign.media.mimeType,
                fileName: campaign.media.fileName,
              },
            }
          : {}),
      }));
    } catch (error) {
      // Only the driver's answer decides FAILED/SKIPPED. A database error after a send
      // that went out propagates instead: the row stays SENDING and is resolved later.
      if (error instanceof NotSentError) {
        // Nothing reached WhatsApp: the row goes back to the queue (refunded) and the
        // campaign waits for the account instead of losing the recipient.
        await this.store.requeue(recipient.id);
        await this.handleNotSent(campaign, error);
        return 'not-sent';
      }
      if (error instanceof NotOnWhatsAppError) {
        await this.store.markSkipped(
          campaign.id,
          recipient.id,
          'Not on WhatsApp: this number has no WhatsApp account.',
        );
        await this.finishOrPublish(campaign.id);
        return 'skipped';
      }
      const unknown = error instanceof UnknownSendOutcomeError;
      const reason = unknown
        ? `${describe(error)} It was not retried, so nobody gets it twice.`
        : describe(error);
      await this.store.markFailed(campaign.id, recipient.id, reason, !unknown);
      await this.countFailure(campaign.id, error);
      await this.finishOrPublish(campaign.id);
      return 'failed';
    }
    await this.store.markSent(campaign.id, recipient.id, messageId, this.now());
    this.consecutiveFailures.delete(campaign.id);
    await this.applyParkedAcks(messageId);
    const outcome: SendOutcome = 'sent';
    await this.finishOrPublish(campaign.id);
    return outcome;
  }

  /**
   * The message for one recipient: variables filled in, variants picked by the recipient's
   * id (so a preview shows exactly this, and neighbours differ).
   */
  private render(campaign: RunningCampaign, recipient: Claimed): string {
    let compiled = this.templates.get(campaign.id);
    if (compiled?.source !== campaign.message) {
      compiled = { source: campaign.message, template: parseTemplate(campaign.message).template };
      this.templates.set(campaign.id, compiled);
    }
    return renderTemplate(
      compiled.template,
      { name: recipient.name, phone: recipient.phone, ...(recipient.variables ?? {}) },
      { seed: recipient.id },
    );
  }

  /** Completes at once after the last recipient rather than one interval later. */
  private async finishOrPublish(campaignId: number) {
    const done = !(await this.store.hasUnfinished(campaignId));
    // A campaign cancelled or paused during its last send still gets its final counters out.
    if (!done || !(await this.campaignsPort.transition(campaignId, 'complete'))) {
      await publishProgress(this.o.db, this.o.bus, campaignId);
    }
  }

  /**
   * An account that is not READY pauses its campaigns with the account cause (they resume
   * on READY). A run of unconfirmed numbers pauses the campaign for a person to look.
   */
  private async handleNotSent(campaign: RunningCampaign, error: NotSentError) {
    this.o.log.warn({ campaignId: campaign.id, reason: error.reason }, 'send not made; recipient requeued');
    if (error.reason === 'numbers-unconfirmed') {
      await this.campaignsPort.transition(campaign.id, 'pause', {
        pauseCause: 'ERRORS',
        pausedReason: `${error.message} Check the account and the list, then resume.`,
      });
    }
    await publishProgress(this.o.db, this.o.bus, campaign.id);
  }

  private async countFailure(campaignId: number, error: unknown) {
    const failures = (this.consecutiveFailures.get(campaignId) ?? 0) + 1;
    this.consecutiveFailures.set(campaignId, failures);
    if (failures < (this.o.maxConsecutiveFailures ?? 5)) return;
    this.consecutiveFailures.delete(campaignId);
    await this.campaignsPort.transition(campaignId, 'pause', {
      pauseCause: 'ERRORS',
      pausedReason: `Paused after ${failures} failed sends in a row (last: ${describe(error)}). Check the account and resume.`,
    });
  }

  /** Resolves the account's SENDING rows once it is due (see `resolveDue`). */
  private async resolveWhenDue(accountId: number, driver: WhatsAppDriver, kind: string) {
    const due = this.resolveDue.get(accountId);
    if (!due) return;
    const grace = due.foreign ? (FOREIGN_SEND_GRACE_MS[kind] ?? FOREIGN_SEND_GRACE_MS.wwebjs!) : 0;
    if (Date.now() < due.since + grace) return;
    this.resolveDue.delete(accountId);
    await this.resolveInterrupted(accountId, driver);
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
        await this.store.markSent(row.campaignId, row.id, found.messageId, this.now());
      } else if (found.sent === false) {
        await this.store.requeue(row.id);
      } else {
        await this.store.markFailed(
          row.campaignId,
          row.id,
          'The server stopped during this send and it cannot be known whether it went out, so it was not sent again.',
          false,
        );
      }
      await publishProgress(this.o.db, this.o.bus, row.campaignId);
    }
    if (rows.length > 0) this.o.log.info({ accountId, resolved: rows.length }, 'resolved interrupted sends');
  }

  private async pauseForAccount(accountId: number, cause: 'ACCOUNT' | 'LOGGED_OUT', reason: string) {
    const running = await this.store.runningCampaignsOf(accountId);
    for (const c of running) {
      await this.campaignsPort.transition(c.id, 'pause', { pauseCause: cause, pausedReason: reason });
    }
  }

  /** Campaigns paused because the connection dropped resume when the account is READY again. */
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
        } else if (event.loggedOut) {
          await this.pauseForAccount(
            accountId,
            'LOGGED_OUT',
            'The WhatsApp account was logged out. Link it again by scanning the QR code, then resume.',
          );
        } else if (ACCOUNT_LOST_STATUSES.has(event.status)) {
          await this.pauseForAccount(accountId, 'ACCOUNT', notLinkedReason(event.status, event.error));
        }
      } else if (event.type === 'ack') {
        await this.handleAck(event.messageId, event.ack, event.error);
      } else if (event.type === 'message') {
        await this.handleIncoming(accountId, event.from, event.body);
      }
    };
    if (this.abort.signal.aborted) return;
    const previous = this.eventQueues.get(accountId) ?? Promise.resolve();
    const handled: Promise<void> = previous
      .then(run)
      .catch((error: Error) =>
        this.o.log.error({ err: error, accountId }, 'engine could not handle a driver event'),
      )
      .finally(() => {
        this.handling.delete(handled);
        if (this.eventQueues.get(accountId) === handled) this.eventQueues.delete(accountId);
      });
    this.eventQueues.set(accountId, handled);
    this.handling.add(handled);
  }

  /** A reply of STOP / لغو / unsubscribe puts the sender on the account owner's opt-out list. */
  private async handleIncoming(accountId: number, from: string, body: string) {
    if (!this.optOutWords.has(normalizeReply(body))) return;
    const phone = normalizePhone(from, 'IR');
    const account = await this.store.pacingOf(accountId);
    if (!phone.ok || !account) return;
    if (await this.store.addOptOut(account.userId, phone.e164, 'reply')) {
      this.o.log.info({ accountId, userId: account.userId }, 'recipient opted out by reply');
    }
  }

  private async handleAck(messageId: string, ack: 'DELIVERED' | 'READ' | 'FAILED', error?: string) {
    this.parkAck(messageId, { ack, error, at: Date.now() });
    await this.applyParkedAcks(messageId);
  }

  /**
   * Acks wait here until they can be stored: their send is not stored yet (a fast phone),
   * or the database is unreachable for a moment. The tick retries them; they expire after
   * a few minutes.
   */
  private parkAck(messageId: string, parked: ParkedAck) {
    const list = this.earlyAcks.get(messageId) ?? [];
    list.push(parked);
    this.earlyAcks.set(messageId, list);
  }

  private async applyParkedAcks(messageId: string) {
    const pending = this.earlyAcks.get(messageId);
    if (!pending) return;
    this.earlyAcks.delete(messageId);
    for (const p of pending) {
      try {
        const changed = await this.store.applyAck(messageId, p.ack, this.now(), p.error);
        if (changed === 'unknown') this.parkAck(messageId, p);
        else if (changed != null) await publishProgress(this.o.db, this.o.bus, changed);
      } catch (error) {
        this.parkAck(messageId, p);
        this.o.log.warn({ err: error, messageId }, 'ack kept for a retry');
      }
    }
  }

  /** On every tick: acks still waiting get another chance. */
  private async retryParkedAcks() {
    this.dropStaleEarlyAcks();
    for (const messageId of [...this.earlyAcks.keys()]) await this.applyParkedAcks(messageId);
  }

  private dropStaleEarlyAcks() {
    const cutoff = Date.now() - EARLY_ACK_TTL_MS;
    for (const [id, list] of this.earlyAcks) {
      if (list.every((a) => a.at < cutoff)) this.earlyAcks.delete(id);
    }
  }
}

function notLinkedReason(status: string | undefined, error?: string): string {
  const detail = error ? ` (${error})` : ` (${(status ?? 'disconnected').toLowerCase()})`;
  return `The WhatsApp account is not linked${detail}. Sending resumes by itself when it is linked again.`;
}

/** "  STOP! " and "Stop" are the same reply; Persian/Arabic letters are kept as they are. */
function normalizeReply(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200c\u200e\u200f]/g, ' ')
    .replace(/[.!?،؛,;:"'()\s]+/g, ' ')
    .trim()
    .toLowerCase();
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'Unknown error from WhatsApp.';
}
