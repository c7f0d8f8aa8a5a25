import { setMaxListeners } from 'node:events';
import type { EventBus } from '@chapar/api';
import type { Acquired } from '../cluster/leases';
import type { AppLogger } from '../logger';
import { CAMPAIGNS_CHANGED } from '../repositories/campaign-progress';
import type { SessionManager } from '../whatsapp/session-manager';
import { AccountWorkers, type LeaseView } from './account-worker';
import type { Clock } from './clock';
import type { PacingPolicy } from './pacing';
import { DEFAULT_OPT_OUT_WORDS, DriverReactions } from './reactions';
import { startDueScheduled } from './scheduler';
import { Sender } from './send';
import type { EngineStore } from './store';

export type { LeaseView } from './account-worker';
export { DEFAULT_OPT_OUT_WORDS } from './reactions';

export interface EngineOptions {
  /** All of the engine's database access (engine/store.ts). */
  store: EngineStore;
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

/**
 * The sending engine. The recipients table is the queue; each account this process
 * leases has one worker (engine/account-worker.ts) sending through `Sender`
 * (engine/send.ts); driver events are handled by `DriverReactions` (engine/reactions.ts),
 * scheduled campaigns by engine/scheduler.ts. This class wires them to a once-a-second
 * tick and to the bus. State lives in MySQL only, so a restart or another worker picks up
 * exactly where the rows say.
 */
export class CampaignEngine {
  private readonly abort = new AbortController();
  private readonly reactions: DriverReactions;
  private readonly workers: AccountWorkers;
  private ticker: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private lastTickAt = 0;
  private ticking = false;
  private kickingAll = false;
  private kickAllAgain = false;

  constructor(private readonly o: EngineOptions) {
    // Every sleeping worker listens on this signal: more than ten accounts is normal.
    setMaxListeners(0, this.abort.signal);
    const now = () => new Date(o.clock.now());
    this.reactions = new DriverReactions({
      store: o.store,
      log: o.log,
      now,
      optOutWords: o.optOutWords ?? DEFAULT_OPT_OUT_WORDS,
      kick: (id) => this.workers.kick(id),
    });
    const sender = new Sender({
      store: o.store,
      log: o.log,
      leases: o.leases,
      now,
      dataDir: o.dataDir,
      ...(o.maxConsecutiveFailures !== undefined ? { maxConsecutiveFailures: o.maxConsecutiveFailures } : {}),
      acks: this.reactions,
      needsResolve: (id) => this.workers.needsResolve(id),
    });
    this.workers = new AccountWorkers({
      store: o.store,
      sessions: o.sessions,
      leases: o.leases,
      sender,
      log: o.log,
      clock: o.clock,
      pacing: o.pacing,
      now,
      signal: this.abort.signal,
      pauseRunning: (id, cause, pause) => this.reactions.pauseRunning(id, cause, pause),
    });
  }

  /** A lease was taken: its interrupted sends are resolved, then it is worked like any other. */
  adopt(lease: Acquired): void {
    if (!this.abort.signal.aborted) this.workers.adopt(lease);
  }

  /** When the loop last ran (for readiness checks). */
  get lastTick(): number {
    return this.lastTickAt;
  }

  start(): void {
    this.o.sessions.onDriverEvent((accountId, event) => this.reactions.handle(accountId, event));
    this.unsubscribe = this.o.bus.subscribe(CAMPAIGNS_CHANGED, (data) => {
      const { id, status } = (data ?? {}) as { id?: number; status?: string };
      if (id != null && status !== 'RUNNING') this.workers.leftRunning(id);
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
    await Promise.allSettled([this.workers.settled(), this.reactions.stop()]);
  }

  private tick(): void {
    // A slow database must not stack one tick per second onto the pool.
    if (this.abort.signal.aborted || this.ticking) return;
    this.ticking = true;
    this.lastTickAt = Date.now();
    this.workers.prune();
    const { store, leases, sessions } = this.o;
    startDueScheduled({ store, leases, sessions, now: new Date(this.o.clock.now()) })
      .then(() => this.reactions.retryParked())
      .then(() => this.kickAll())
      .catch((error: Error) => this.o.log.error({ err: error }, 'engine tick failed'))
      .finally(() => {
        this.ticking = false;
      });
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
    this.o.store
      .accountsWithRunningCampaigns(this.o.leases.heldIds())
      .then((ids) => {
        for (const id of ids) this.workers.kick(id);
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
}
