import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDatabase, recipients, subscriptions } from '@chapar/db';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './support/database';
import {
  expectCampaignMatchesLedger,
  freePort,
  ledgerOf,
  ServerProcess,
  sleep,
  startCampaigns,
} from './support/spawned-server';

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
      report.push(
        await expectCampaignMatchesLedger(
          db,
          dataDir!,
          { campaignId, accountId: accountIds[i]! },
          PER_CAMPAIGN,
        ),
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
