import { type CampaignInterval, INTERVAL_MS } from '@chapar/domain';
import type { Acquired } from '../cluster/leases';
import type { AppLogger } from '../logger';
import { metrics } from '../observability/metrics';
import type { WhatsAppDriver } from '../whatsapp/driver';
import type { SessionManager } from '../whatsapp/session-manager';
import type { Clock } from './clock';
import { AccountPacer, type PacingPolicy } from './pacing';
import { ACCOUNT_LOST_STATUSES, notLinkedReason } from './reactions';
import type { Sender } from './send';
import type { EngineStore, RunningCampaign } from './store';

/** What the engine asks of the lease table (cluster/leases.ts). */
export interface LeaseView {
  readonly workerId: string;
  /** Whether this worker may send for the account right now (checked before every send). */
  holds(accountId: number): boolean;
  fence(accountId: number): { owner: string; epoch: number } | null;
  heldIds(): number[];
}

export interface AccountWorkerDeps {
  store: EngineStore;
  sessions: SessionManager;
  leases: LeaseView;
  sender: Sender;
  log: AppLogger;
  clock: Clock;
  pacing: PacingPolicy;
  now: () => Date;
  /** Aborted on shutdown: every sleeping worker wakes and ends. */
  signal: AbortSignal;
  pauseRunning: (accountId: number, cause: 'ACCOUNT', reason: string) => Promise<void>;
}

/**
 * How long after taking an account from another worker its SENDING rows are left alone:
 * the old owner stopped sending before its lease expired, but a send it had started then
 * may still be on its way (a real upload can take a minute). Only after that is the
 * driver asked whether it went out.
 */
const FOREIGN_SEND_GRACE_MS: Record<string, number> = { sandbox: 3_000, wwebjs: 120_000 };
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

/**
 * One worker per account this process leases: it sends one message at a time at the
 * campaign's jittered interval (round-robin over the account's running campaigns), with
 * batch pauses, a rolling daily cap and a warm-up for new logins, and resolves SENDING
 * rows an earlier owner left behind.
 */
export class AccountWorkers {
  private readonly workers = new Map<number, Promise<void>>();
  /** Accounts whose worker should look again for work once it finishes its current round. */
  private readonly rerun = new Set<number>();
  /**
   * When each campaign last announced a state other than RUNNING (real time). A campaign is
   * only edited while it is not RUNNING, so a worker whose campaigns have no entry newer
   * than its last read knows that read is still true.
   */
  private readonly leftRunningAt = new Map<number, number>();
  /**
   * Accounts whose SENDING rows must be looked at: taken over (after the grace above, when
   * another worker held them), restarted, or left by a send whose outcome was not stored.
   */
  private readonly resolveDue = new Map<number, { since: number; foreign: boolean }>();

  constructor(private readonly o: AccountWorkerDeps) {}

  /** A lease was taken: its interrupted sends are resolved, then it is worked like any other. */
  adopt(lease: Acquired): void {
    const foreign = lease.previousOwner !== null && lease.previousOwner !== this.o.leases.workerId;
    this.resolveDue.set(lease.accountId, { since: Date.now(), foreign });
    this.kick(lease.accountId);
  }

  needsResolve(accountId: number): void {
    this.resolveDue.set(accountId, { since: Date.now(), foreign: false });
  }

  /** A campaign left RUNNING (paused, edited, cancelled): workers read it again. */
  leftRunning(campaignId: number): void {
    this.leftRunningAt.set(campaignId, Date.now());
  }

  /** On the tick: forgets changes older than any read that could still rely on them. */
  prune(): void {
    const cutoff = Date.now() - STATE_MEMORY_MS;
    for (const [id, at] of this.leftRunningAt) if (at < cutoff) this.leftRunningAt.delete(id);
  }

  /** Resolves when every worker has ended (after the abort signal). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.workers.values()]);
  }

  /** Ensures the account has a worker; a running one re-checks for work when it ends. */
  kick(accountId: number) {
    if (this.o.signal.aborted) return;
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
        await this.o.pauseRunning(accountId, 'ACCOUNT', notLinkedReason(status));
      }
      return;
    }
    const account = await this.o.store.pacingOf(accountId);
    if (!account) return;
    await this.resolveWhenDue(accountId, driver, account.driver);
    const since = new Date(this.o.clock.now() - DAY_MS);
    // Warm-up protects a real number; the sandbox has none to protect and keeps its pace.
    const policy = account.driver === 'sandbox' ? { ...this.o.pacing, warmupDays: 0 } : this.o.pacing;
    const recent = await this.o.store.recentSendTimes(accountId, since);
    const pacer = new AccountPacer(account, policy, recent);
    // A restart does not skip the gap: the first send waits a gap after the last one. Which
    // campaign sent that one is not known, so the longest interval of them counts.
    const longest = longestInterval(await this.o.store.runningCampaignsOf(accountId));
    if (longest) await this.o.clock.sleep(pacer.firstWaitMs(this.o.clock.now(), longest), this.o.signal);
    let turn = 0;
    let idleInARow = 0;
    let dueAt: number | null = null; // when pacing wanted the next send to start
    let staleInARow = 0;
    let running: RunningCampaign[] = [];
    let readAt: number | null = null; // when `running` was read, if read ahead of a wait
    const read = async () => {
      readAt = Date.now();
      running = await this.o.store.runningCampaignsOf(accountId);
      const current = await this.o.store.pacingOf(accountId);
      if (current) pacer.setAccount(current);
    };
    while (
      !this.o.signal.aborted &&
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
        await this.o.clock.sleep(Math.min(capWait, 5 * 60_000), this.o.signal);
        continue;
      }
      // Round-robin between the account's running campaigns.
      const campaign = running[turn++ % running.length]!;
      const started = this.o.clock.now();
      // The gap runs from the moment the message is handed to the driver: a slow claim of
      // this send must not shorten the time until the next one reaches WhatsApp.
      let handedAt = started;
      const handedOff = () => {
        handedAt = this.o.clock.now();
      };
      if (dueAt !== null) {
        metrics.engineLag(started - dueAt);
        // Per send, for the pacing benchmark and for tracing one account's rhythm.
        this.o.log.debug({ accountId, campaignId: campaign.id, lagMs: started - dueAt }, 'send started');
      }
      dueAt = null;
      const outcome = await this.o.sender.sendOne(accountId, campaign, driver, handedOff);
      if (outcome === 'lost') return;
      if (outcome === 'stale') {
        // Read again (readAt is null) and send at once; never spin if it keeps changing.
        if (++staleInARow > 3) await this.o.clock.sleep(1000, this.o.signal);
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
        outcome === 'skipped' || outcome === 'not-sent' ? SKIP_GAP_MS : pacer.afterSend(handedAt, campaign);
      dueAt = handedAt + gap;
      // Reads what the next send needs while waiting anyway (a failed read is redone on waking).
      const prefetched =
        gap <= PREFETCH_MAX_WAIT_MS
          ? read().then(
              () => true,
              () => false,
            )
          : null;
      await this.o.clock.sleep(dueAt - this.o.clock.now(), this.o.signal);
      if (prefetched && !(await prefetched)) readAt = null;
    }
  }

  /** Resolves the account's SENDING rows once it is due (see `resolveDue`). */
  private async resolveWhenDue(accountId: number, driver: WhatsAppDriver, kind: string) {
    const due = this.resolveDue.get(accountId);
    if (!due) return;
    const grace = due.foreign ? (FOREIGN_SEND_GRACE_MS[kind] ?? FOREIGN_SEND_GRACE_MS.wwebjs!) : 0;
    if (Date.now() < due.since + grace) return;
    this.resolveDue.delete(accountId);
    await this.resolveInterrupted(accountId, driver, due.foreign);
  }

  /**
   * Rows left in SENDING by a crash are never sent again blindly: the driver is asked
   * whether the message went out; only a definite "no" puts the row back in the queue.
   */
  private async resolveInterrupted(accountId: number, driver: WhatsAppDriver, byAnotherWorker: boolean) {
    const rows = await this.o.store.interruptedSends(accountId);
    for (const row of rows) {
      const found = await driver
        .lookupSent(`r${row.id}`, row.phone, { attemptedAt: row.attemptedAt, byAnotherWorker })
        .catch(() => ({ sent: 'unknown' as const }));
      if (found.sent === true) {
        await this.o.store.markSent(row.campaignId, row.id, found.messageId, this.o.now());
      } else if (found.sent === false) {
        await this.o.store.requeue(row.id);
      } else {
        await this.o.store.markFailed(
          row.campaignId,
          row.id,
          'The server stopped during this send and it cannot be known whether it went out, so it was not sent again.',
          false,
        );
      }
      await this.o.store.publishProgress(row.campaignId);
    }
    if (rows.length > 0) this.o.log.info({ accountId, resolved: rows.length }, 'resolved interrupted sends');
  }
}

function longestInterval(running: RunningCampaign[]): CampaignInterval | undefined {
  return running.map((c) => c.interval).sort((a, b) => INTERVAL_MS[b] - INTERVAL_MS[a])[0];
}
