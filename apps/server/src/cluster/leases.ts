import os from 'node:os';
import path from 'node:path';
import { type Database, whatsappAccounts, workers } from '@chapar/db';
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppLogger } from '../logger';
import { metrics } from '../observability/metrics';

/**
 * An account needs an owner when the user wants it connected (or logged out, removed), a
 * command is waiting, or its stored status says a session was running (a dead worker's).
 */
const NEEDS_OWNER = sql`(${whatsappAccounts.desired} <> 'DISCONNECTED' OR ${whatsappAccounts.desiredSeq} > ${whatsappAccounts.appliedSeq} OR ${whatsappAccounts.status} IN ('QR', 'CONNECTING', 'READY'))`;

/** A worker is alive while its heartbeat is younger than a lease (database clock): fair shares and the System page. */
export function workerAlive(ttlSeconds: number) {
  return sql`${workers.heartbeatAt} > NOW(3) - INTERVAL ${ttlSeconds} SECOND`;
}

/**
 * Accounts taken over at once: each take is its own guarded UPDATE and its own session
 * start, so a dead worker's hundreds of accounts need not move one after the other.
 */
const TAKES_AT_ONCE = 16;

/**
 * Runs `task` over `items`, at most `limit` at a time, starting none after `until`
 * (performance.now()): the rest waits for the next round.
 */
async function eachAtMost<T>(
  limit: number,
  items: readonly T[],
  task: (item: T) => Promise<void>,
  until = Number.POSITIVE_INFINITY,
) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && performance.now() < until) await task(items[next++]!);
  });
  await Promise.all(lanes);
}

/** How often (in heartbeat rounds) rows of workers silent for a day are deleted. */
const PRUNE_EVERY_ROUNDS = 60;

/** What a claim must still match in MySQL: the fencing token of one account. */
export interface Fence {
  owner: string;
  epoch: number;
}

export interface Acquired {
  accountId: number;
  epoch: number;
  /** Who held it before (null: nobody; this worker's own id: a restart of this worker). */
  previousOwner: string | null;
}

export interface LeaseOptions {
  db: Database;
  log: AppLogger;
  workerId: string;
  role: string;
  ttlSeconds: number;
  maxAccounts: number;
  /** Browsers in use, for the workers table. */
  browsers: () => number;
  onAcquired: (lease: Acquired) => Promise<void>;
  /** The lease is gone (taken over, or not renewed in time): stop sending, close the session. */
  onLost: (accountId: number) => Promise<void>;
  /** Each round, after renewals: the owner reconciles its accounts' desired state. */
  onRound?: (held: number[]) => Promise<void>;
}

/**
 * The account leases of one worker process (DESIGN.md, "Scale-out"). A lease row in
 * MySQL names the owner, an epoch that moves on every change of owner (the fencing
 * token the recipient claim checks) and an expiry on the database clock. Each round
 * renews this worker's leases, notices the ones it lost, and claims accounts that need
 * an owner and have none (or an expired one), up to a fair share of the live workers.
 *
 * Safety does not depend on clocks agreeing: the worker counts its lease as valid only
 * until `ttl - margin` after the *start* of its last successful renewal, by its own
 * monotonic clock (which keeps running through a SIGSTOP), so it stops sending before
 * the database can let anyone else in.
 */
export class AccountLeases {
  private readonly held = new Map<number, number>();
  private validUntil = 0;
  private renewedAt = Number.NEGATIVE_INFINITY;
  private rounds = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly startedAt = new Date();

  constructor(private readonly o: LeaseOptions) {}

  get workerId(): string {
    return this.o.workerId;
  }

  /** How often leases are renewed: five renewals fit in one lease. */
  get renewMs(): number {
    return (this.o.ttlSeconds * 1000) / 5;
  }

  /** Whether this worker may send for the account right now. */
  holds(accountId: number): boolean {
    return this.held.has(accountId) && performance.now() < this.validUntil;
  }

  fence(accountId: number): Fence | null {
    const epoch = this.held.get(accountId);
    return epoch === undefined || !this.holds(accountId) ? null : { owner: this.o.workerId, epoch };
  }

  /** Since the start of the last successful renewal (for `/readyz`). */
  renewedAgoMs(): number {
    return performance.now() - this.renewedAt;
  }

  get ttlMs(): number {
    return this.o.ttlSeconds * 1000;
  }

  heldIds(): number[] {
    return [...this.held.keys()];
  }

  /** Starts the heartbeat; answers once the first round is over (whatever its outcome). */
  start(): Promise<void> {
    this.timer = setInterval(() => {
      // A round stuck on an unreachable database must not keep browsers of accounts that
      // may already have another owner: past the local validity they are dropped.
      if (this.running && performance.now() >= this.validUntil && this.held.size > 0) void this.dropAll();
      this.wake();
    }, this.renewMs);
    this.wake();
    return this.running ?? Promise.resolve();
  }

  /** Runs a round now (a command or a released account somewhere); rounds never overlap. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.round()
      .catch((error: Error) => this.o.log.warn({ err: error }, 'lease round failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  private async round(): Promise<void> {
    const startedAt = performance.now();
    try {
      await this.renew();
      this.validUntil = startedAt + this.validForMs();
      this.renewedAt = startedAt;
      metrics.leaseRound(true, this.held.size);
    } catch (error) {
      metrics.leaseRound(false, 0);
      // Past the margin nobody may rely on this worker's leases any more: drop them all
      // (the next round that reaches the database takes back what is still ours).
      if (performance.now() >= this.validUntil && this.held.size > 0) await this.dropAll();
      throw error;
    }
    await this.claim();
    await this.o.onRound?.(this.heldIds());
  }

  /** The local validity of a renewal: a fifth of the lease short of its expiry. */
  private validForMs(): number {
    return this.o.ttlSeconds * 1000 * 0.8;
  }

  private async renew(): Promise<void> {
    const { db, workerId, ttlSeconds } = this.o;
    await db.execute(
      sql`UPDATE whatsapp_accounts SET lease_expires_at = NOW(3) + INTERVAL ${ttlSeconds} SECOND WHERE lease_owner = ${workerId}`,
    );
    const mine = await db
      .select({ id: whatsappAccounts.id, epoch: whatsappAccounts.leaseEpoch })
      .from(whatsappAccounts)
      .where(eq(whatsappAccounts.leaseOwner, workerId));
    const current = new Map(mine.map((r) => [r.id, r.epoch]));
    for (const [id, epoch] of this.held) {
      if (current.get(id) !== epoch) await this.lose(id);
    }
    // Ours by name but not held here: a previous run of this worker (same WORKER_ID). It is
    // dead, so the lease is taken back at once, with a new epoch against any straggler.
    const ownRestart = [...current].filter(([id]) => !this.held.has(id));
    await eachAtMost(TAKES_AT_ONCE, ownRestart, ([id, epoch]) => this.take(id, workerId, epoch));
    await db
      .insert(workers)
      .values({
        id: workerId,
        role: this.o.role,
        host: os.hostname(),
        pid: process.pid,
        startedAt: this.startedAt,
        heartbeatAt: sql`NOW(3)` as unknown as Date,
        accounts: this.held.size,
        browsers: this.o.browsers(),
        maxAccounts: this.o.maxAccounts,
      })
      .onDuplicateKeyUpdate({
        set: {
          role: this.o.role,
          host: os.hostname(),
          pid: process.pid,
          startedAt: this.startedAt,
          heartbeatAt: sql`NOW(3)`,
          accounts: this.held.size,
          browsers: this.o.browsers(),
          maxAccounts: this.o.maxAccounts,
        },
      });
    // A worker that was killed never deletes its row: the System page shows it as silent
    // for a day, then any live worker forgets it (now and then, it is not urgent).
    if (this.rounds++ % PRUNE_EVERY_ROUNDS === 0) {
      await db.delete(workers).where(lt(workers.heartbeatAt, sql`NOW(3) - INTERVAL 1 DAY`));
    }
  }

  /** Accounts that need an owner: asked to be connected (or logged out, removed), or showing a stale status. */
  private async claim(): Promise<void> {
    const { db } = this.o;
    const room = Math.min(this.o.maxAccounts - this.held.size, await this.fairShareLeft());
    if (room <= 0) return;
    const free = await db
      .select({
        id: whatsappAccounts.id,
        owner: whatsappAccounts.leaseOwner,
        epoch: whatsappAccounts.leaseEpoch,
      })
      .from(whatsappAccounts)
      .where(
        and(
          or(isNull(whatsappAccounts.leaseOwner), lt(whatsappAccounts.leaseExpiresAt, sql`NOW(3)`)),
          NEEDS_OWNER,
        ),
      )
      .orderBy(asc(whatsappAccounts.id))
      .limit(room);
    // A round that takes hundreds of accounts must not outlast the renewal of the ones
    // already held (rounds never overlap): whatever is left is claimed next round.
    const until = performance.now() + this.renewMs;
    await eachAtMost(TAKES_AT_ONCE, free, (row) => this.take(row.id, row.owner, row.epoch), until);
  }

  /**
   * Takes one account if nobody changed its lease since it was read (the guarded UPDATE
   * is the whole protocol: two workers racing for it, exactly one row changes).
   */
  private async take(accountId: number, seenOwner: string | null, seenEpoch: number): Promise<void> {
    const { db, workerId, ttlSeconds } = this.o;
    const [result] = await db.execute(
      sql`UPDATE whatsapp_accounts SET lease_owner = ${workerId}, lease_epoch = lease_epoch + 1,
            lease_expires_at = NOW(3) + INTERVAL ${ttlSeconds} SECOND
          WHERE id = ${accountId} AND lease_epoch = ${seenEpoch}
            AND (lease_owner <=> ${seenOwner})
            AND (lease_owner IS NULL OR lease_owner = ${workerId} OR lease_expires_at < NOW(3))`,
    );
    if ((result as unknown as { affectedRows: number }).affectedRows !== 1) return;
    const epoch = seenEpoch + 1;
    this.held.set(accountId, epoch);
    this.o.log.info({ accountId, epoch, previousOwner: seenOwner }, 'account lease acquired');
    await this.o.onAcquired({ accountId, epoch, previousOwner: seenOwner });
  }

  /** Live workers share the accounts that want an owner; a worker takes no more than its share. */
  private async fairShareLeft(): Promise<number> {
    const { db, ttlSeconds } = this.o;
    const [row] = await db
      .select({
        live: sql<number>`(SELECT COUNT(*) FROM workers WHERE ${workerAlive(ttlSeconds)} AND max_accounts > 0)`,
        wanted: sql<number>`(SELECT COUNT(*) FROM whatsapp_accounts WHERE ${NEEDS_OWNER})`,
      })
      .from(sql`(SELECT 1) AS one`);
    const live = Math.max(1, Number(row?.live ?? 1));
    const wanted = Number(row?.wanted ?? 0);
    return Math.ceil(wanted / live) - this.held.size;
  }

  /** Gives one account back (its owner carried out a disconnect): another worker may take it. */
  async release(accountId: number): Promise<void> {
    const epoch = this.held.get(accountId);
    if (epoch === undefined) return;
    this.held.delete(accountId);
    await this.o.db
      .update(whatsappAccounts)
      .set({ leaseOwner: null, leaseExpiresAt: null })
      .where(
        and(
          eq(whatsappAccounts.id, accountId),
          eq(whatsappAccounts.leaseOwner, this.o.workerId),
          eq(whatsappAccounts.leaseEpoch, epoch),
        ),
      );
  }

  private async lose(accountId: number): Promise<void> {
    this.held.delete(accountId);
    this.o.log.warn({ accountId }, 'account lease lost');
    await this.o
      .onLost(accountId)
      .catch((error: Error) => this.o.log.error({ err: error, accountId }, 'could not drop a lost account'));
  }

  private async dropAll(): Promise<void> {
    for (const id of [...this.held.keys()]) await this.lose(id);
  }

  /** SIGTERM: stop renewing and hand every lease back at once (after the sessions closed). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    this.held.clear();
    await this.o.db
      .update(whatsappAccounts)
      .set({ leaseOwner: null, leaseExpiresAt: null })
      .where(eq(whatsappAccounts.leaseOwner, this.o.workerId))
      .catch((error: Error) => this.o.log.warn({ err: error }, 'could not hand leases back; they expire'));
    await this.o.db
      .delete(workers)
      .where(eq(workers.id, this.o.workerId))
      .catch(() => {});
  }
}

/**
 * This process's name in the lease table, stable across its restarts so that a restarted
 * worker takes its own accounts back at once instead of waiting for them to expire: the
 * host and port, or the host and data directory when the port is picked at random.
 */
export function defaultWorkerId(port: number, dataDir: string): string {
  return port > 0 ? `${os.hostname()}:${port}` : `${os.hostname()}:${path.resolve(dataDir)}`.slice(0, 128);
}
