import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { campaigns, createDatabase, type Database, recipients, whatsappAccounts } from '@chapar/db';
import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import { expect } from 'vitest';
import { createTestDatabase } from './database';
import { freePort, ledgerOf, ServerProcess, sleep } from './spawned-server';

/**
 * API and worker processes over one test database, one data directory (a shared volume)
 * and one Redis under a prefix of their own, each a real child process.
 */
export class Cluster {
  readonly apis: ServerProcess[] = [];
  readonly workers: ServerProcess[] = [];
  private handle: ReturnType<typeof createDatabase> | undefined;

  private constructor(
    private readonly database: { url: string; drop(): Promise<void> },
    readonly dataDir: string,
    /** Every key and channel of this cluster's Redis lives under it. */
    readonly prefix: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(options: {
    apis?: number;
    workers: number;
    redisUrl?: string;
    env?: Record<string, string>;
  }): Promise<Cluster> {
    const database = await createTestDatabase();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-cluster-'));
    const prefix = `chapar-test-${randomBytes(4).toString('hex')}:`;
    const cluster = new Cluster(database, dataDir, prefix, {
      DATABASE_URL: database.url,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      SANDBOX_LINK_DELAY_MS: '100',
      SANDBOX_SEND_LATENCY_MS: '0',
      SANDBOX_DELIVERY_DELAY_MS: '200',
      SANDBOX_READ_DELAY_MS: '400',
      REDIS_PREFIX: prefix,
      ...options.env,
    });
    // The first API migrates the database; the rest start side by side.
    for (let i = 0; i < (options.apis ?? 1); i++) {
      const api = await cluster.process({ CHAPAR_ROLE: 'api' });
      cluster.apis.push(api);
      if (i === 0) await api.start();
    }
    const workers = await Promise.all(
      Array.from({ length: options.workers }, (_, i) =>
        cluster.process({ CHAPAR_ROLE: 'worker', WORKER_ID: `worker-${i + 1}` }),
      ),
    );
    cluster.workers.push(...workers);
    await Promise.all([...cluster.apis.slice(1), ...workers].map((p) => p.start()));
    return cluster;
  }

  private async process(env: Record<string, string>): Promise<ServerProcess> {
    return new ServerProcess({ ...this.env, PORT: String(await freePort()), ...env });
  }

  get api(): ServerProcess {
    return this.apis[0]!;
  }

  get db(): Database {
    this.handle ??= createDatabase(this.database.url, { connectionLimit: 4 });
    return this.handle.db;
  }

  idOf(worker: ServerProcess): string {
    return `worker-${this.workers.indexOf(worker) + 1}`;
  }

  /** Account id → worker id, from the lease table. */
  async owners(): Promise<Map<number, string>> {
    const rows = await this.db
      .select({ id: whatsappAccounts.id, owner: whatsappAccounts.leaseOwner })
      .from(whatsappAccounts)
      .where(isNotNull(whatsappAccounts.leaseOwner));
    return new Map(rows.map((r) => [r.id, r.owner!]));
  }

  /** The live worker whose `/readyz` lists the most leases, with them. */
  async busiestWorker(): Promise<{ worker: ServerProcess; leases: number[] }> {
    let best: { worker: ServerProcess; leases: number[] } | undefined;
    for (const worker of this.workers.filter((w) => w.alive)) {
      const leases = (await worker.readyz())?.leases ?? [];
      if (!best || leases.length > best.leases.length) best = { worker, leases };
    }
    return best!;
  }

  async waitForCompletion(campaignIds: number[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await this.db
        .select({ id: campaigns.id, status: campaigns.status })
        .from(campaigns)
        .where(inArray(campaigns.id, campaignIds));
      if (rows.every((r) => r.status === 'COMPLETED')) return;
      if (Date.now() > deadline) {
        throw new Error(`campaigns not completed in time: ${JSON.stringify(rows)}\n${this.logs()}`);
      }
      await sleep(250);
    }
  }

  /** Gaps between one account's sends (attempt times), in ms: none may be below the interval. */
  async sendGaps(accountId: number): Promise<number[]> {
    const rows = await this.db
      .select({ at: recipients.attemptedAt })
      .from(recipients)
      .innerJoin(campaigns, eq(campaigns.id, recipients.campaignId))
      .where(
        and(
          eq(campaigns.whatsappAccountId, accountId),
          inArray(recipients.status, ['SENT', 'DELIVERED', 'READ']),
        ),
      )
      .orderBy(asc(recipients.attemptedAt));
    const times = rows.map((r) => r.at!.getTime());
    return times.slice(1).map((t, i) => t - times[i]!);
  }

  /** The first ledger entry of the account written after `since` by a worker other than `not`. */
  async sentElsewhereAfter(accountId: number, since: number, not: string) {
    const entries = await ledgerOf(this.dataDir, accountId);
    return entries.find((e) => Date.parse(e.at) > since && e.worker !== not);
  }

  logs(): string {
    return [...this.apis, ...this.workers]
      .map((p, i) => `--- process ${i} ---\n${p.log.slice(-4000)}`)
      .join('\n');
  }

  killNow(): void {
    for (const p of [...this.apis, ...this.workers]) p.killNow();
  }

  async stop(): Promise<void> {
    for (const p of [...this.apis, ...this.workers]) p.signal('SIGCONT');
    await Promise.all([...this.apis, ...this.workers].map((p) => p.kill()));
    await this.handle?.close();
    await this.database.drop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** Waits until `check` answers something truthy; fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, timeoutMs: number, check: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) expect.fail(`${what} (not within ${timeoutMs} ms)`);
    await sleep(200);
  }
}
