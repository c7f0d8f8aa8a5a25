import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { campaigns, createDatabase, recipients, subscriptions } from '@chapar/db';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../src/env';
import { createTestDatabase } from './support/database';
import { freePort, ledgerOf, sleep, startCampaigns } from './support/spawned-server';

/*
 * Crash safety the way users meet it: the real server runs as a child process, three
 * accounts send three campaigns, and the process is killed with SIGKILL (no graceful
 * shutdown, nothing flushed) several times at random moments, then restarted on the same
 * database and data dir. The campaigns must still finish with nobody sent twice, nobody
 * dropped, and counters equal to the rows. The sandbox ledgers are the independent record
 * of what actually went out.
 *
 * Knobs for longer exploratory runs (defaults keep one run well under a minute):
 * CRASH_ROUNDS (4), CRASH_TIME_SCALE (ENGINE_TIME_SCALE of the child, 2),
 * CRASH_RECIPIENTS (8 per campaign), CRASH_SEND_LATENCY_MS (800).
 */

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 4);
const TIME_SCALE = process.env.CRASH_TIME_SCALE ?? '2';
const PER_CAMPAIGN = Number(process.env.CRASH_RECIPIENTS ?? 8);
// Slow enough that most kills land in the middle of a send (the case worth proving).
const SEND_LATENCY_MS = process.env.CRASH_SEND_LATENCY_MS ?? '800';
const ACCOUNTS = 3;
const SENT_STATES = ['SENT', 'DELIVERED', 'READ'] as const;
const FINAL_STATES = ['SENT', 'DELIVERED', 'READ', 'FAILED', 'SKIPPED'];
const UNKNOWN_OUTCOME = /cannot be known whether it went out/;

/** The real server (`node --import tsx apps/server/src/main.ts`) as a child process. */
class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  starts = 0;

  constructor(private readonly env: Record<string, string>) {}

  get url() {
    return `http://127.0.0.1:${this.env.PORT}`;
  }

  get alive() {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the server and waits until /healthz answers. */
  async start(timeoutMs = 30_000): Promise<void> {
    if (this.alive) throw new Error('server already running');
    this.starts++;
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.alive) throw new Error(`server exited during start:\n${this.output}`);
      const ok = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(1_000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(50);
    }
    throw new Error(`server did not answer /healthz within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGKILL: no shutdown handler runs, sends in flight are cut off wherever they are. */
  async kill(): Promise<void> {
    if (this.alive) this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** Synchronous last resort for the `exit` hook (the test runner dying under us). */
  killNow(): void {
    if (this.alive) this.child!.kill('SIGKILL');
  }

  get log() {
    return this.output;
  }
}

describe('crash safety (real server process, SIGKILL mid-campaign)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  let handle: ReturnType<typeof createDatabase> | undefined;
  const killOnExit = () => server?.killNow();

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-crash-'));
    server = new ServerProcess({
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
      PACING_JITTER: '0.3',
      ENGINE_TIME_SCALE: TIME_SCALE,
      SANDBOX_LINK_DELAY_MS: '200',
      SANDBOX_SEND_LATENCY_MS: SEND_LATENCY_MS,
      SANDBOX_DELIVERY_DELAY_MS: '30',
      SANDBOX_READ_DELAY_MS: '60',
    });
    process.once('exit', killOnExit);
    handle = createDatabase(database.url);
  });

  afterAll(async () => {
    process.removeListener('exit', killOnExit);
    await server?.kill();
    await handle?.close();
    await database?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('finishes every campaign after repeated SIGKILLs without double sends, drops or counter drift', async () => {
    const started = Date.now();
    const s = server!;
    const { db } = handle!;
    await s.start();

    // One user, three linked sandbox accounts, one running campaign per account.
    const { client, accountIds, campaignIds } = await startCampaigns(s.url, {
      accounts: ACCOUNTS,
      perCampaign: PER_CAMPAIGN,
      name: 'Crash Test',
      email: 'crash@example.com',
      password: 'crash-test-secret',
    });

    // Kill at random moments; after each kill, look at what the crash left behind.
    const kills: Array<{
      afterMs: number;
      sending: Array<{ id: number; inLedger: boolean }>;
      ledgerSizes: number[];
      unfinished: number;
    }> = [];
    const crashLeftSending = new Map<number, boolean>();
    for (let round = 0; round < ROUNDS; round++) {
      const afterMs = Math.round(500 + Math.random() * 3_500);
      await sleep(afterMs);
      await s.kill();
      const ledgers = await Promise.all(accountIds.map((id) => ledgerOf(dataDir!, id)));
      const refs = new Set(ledgers.flat().map((e) => e.ref));
      const sendingRows = await db
        .select({ id: recipients.id })
        .from(recipients)
        .where(eq(recipients.status, 'SENDING'));
      const sending = sendingRows.map((r) => ({ id: r.id, inLedger: refs.has(`r${r.id}`) }));
      for (const r of sending) crashLeftSending.set(r.id, r.inLedger);
      const unfinished = await db
        .select({ id: recipients.id })
        .from(recipients)
        .where(inArray(recipients.status, ['PENDING', 'SENDING']));
      kills.push({
        afterMs,
        sending,
        ledgerSizes: ledgers.map((l) => l.length),
        unfinished: unfinished.length,
      });
      await s.start();
    }
    // The first kill must hit running campaigns, or the test proves nothing.
    expect(kills[0]!.unfinished).toBeGreaterThan(0);

    // Let it run to the end (token and sessions survive the restarts: they live in MySQL).
    const deadline = Date.now() + 60_000;
    for (;;) {
      const states = await Promise.all(campaignIds.map((id) => client.campaigns.get.query({ id })));
      if (states.every((c) => c.status === 'COMPLETED')) break;
      if (Date.now() > deadline) {
        throw new Error(
          `campaigns did not complete: ${JSON.stringify(states.map((c) => [c.id, c.status, c.pausedReason, c.sentCount]))}\n${s.log}`,
        );
      }
      await sleep(200);
    }
    // The last acks (DELIVERED/READ) of the final sends land shortly after completion.
    await sleep(300);
    await s.kill();

    const report: string[] = [];
    for (const [i, campaignId] of campaignIds.entries()) {
      const accountId = accountIds[i]!;
      const rows = await db
        .select()
        .from(recipients)
        .where(eq(recipients.campaignId, campaignId))
        .orderBy(asc(recipients.id));
      const [campaign] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
      const ledger = await ledgerOf(dataDir!, accountId);
      const byStatus = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status));

      // Everybody was added, nobody is left in the queue or mid-send.
      expect(rows).toHaveLength(PER_CAMPAIGN);
      expect(rows.filter((r) => !FINAL_STATES.includes(r.status))).toEqual([]);

      // The ledger: each recipient at most once, each entry one of this campaign's rows.
      const rowById = new Map(rows.map((r) => [r.id, r]));
      expect(new Set(ledger.map((e) => e.to)).size).toBe(ledger.length);
      expect(new Set(ledger.map((e) => e.ref)).size).toBe(ledger.length);
      for (const entry of ledger) {
        const row = rowById.get(Number(entry.ref.slice(1)));
        expect(row, `ledger entry ${entry.ref} belongs to campaign ${campaignId}`).toBeDefined();
        expect(entry.to).toBe(row!.phone);
      }

      // Every row that says it went out is in the ledger with the same message id, and
      // nothing went out that the rows do not account for.
      const sent = byStatus(...SENT_STATES);
      const ledgerByRef = new Map(ledger.map((e) => [e.ref, e]));
      for (const row of sent) {
        expect(ledgerByRef.get(`r${row.id}`)?.messageId, `recipient ${row.id}`).toBe(row.whatsappMessageId);
      }
      const failed = byStatus('FAILED');
      const skipped = byStatus('SKIPPED');
      // A FAILED row is only acceptable as "unknown outcome" (and the sandbox always knows).
      for (const row of failed) expect(row.error).toMatch(UNKNOWN_OUTCOME);
      expect(failed.map((r) => ({ id: r.id, error: r.error }))).toEqual([]);
      expect(skipped).toEqual([]);
      expect(ledger).toHaveLength(sent.length);
      expect(sent.length + failed.length + skipped.length).toBe(PER_CAMPAIGN);

      // Counters equal the rows behind them.
      expect(campaign).toMatchObject({
        status: 'COMPLETED',
        sentCount: sent.length,
        deliveredCount: byStatus('DELIVERED', 'READ').length,
        readCount: byStatus('READ').length,
        failedCount: failed.length,
        skippedCount: skipped.length,
      });
      report.push(
        `campaign ${campaignId}: ${sent.length} sent (${byStatus('SENT').length} SENT, ${byStatus('DELIVERED').length} DELIVERED, ${byStatus('READ').length} READ), ledger ${ledger.length}`,
      );
    }

    // Rows a kill left in SENDING were resolved from the ledger: sent ones kept their
    // message id, unsent ones went back to the queue and were sent exactly once later.
    const resolved = await db
      .select()
      .from(recipients)
      .where(inArray(recipients.id, [0, ...crashLeftSending.keys()]));
    for (const row of resolved) expect(SENT_STATES).toContain(row.status);

    // One message charged per message that went out: requeued sends were refunded.
    const [subscription] = await db.select().from(subscriptions);
    expect(subscription!.messagesUsed).toBe(ACCOUNTS * PER_CAMPAIGN);

    console.log(
      [
        `crash-safety: ${ROUNDS} SIGKILLs, ENGINE_TIME_SCALE=${TIME_SCALE}, ${s.starts} starts, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ...kills.map(
          (k, i) =>
            `  kill ${i + 1} after ${k.afterMs} ms: ledgers ${k.ledgerSizes.join('/')}, unfinished ${k.unfinished}, left SENDING ${JSON.stringify(k.sending)}`,
        ),
        ...report.map((line) => `  ${line}`),
      ].join('\n'),
    );
  }, 150_000);
});
