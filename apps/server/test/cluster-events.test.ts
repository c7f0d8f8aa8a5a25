import { type ChildProcess, spawn } from 'node:child_process';
import { createChaparClient } from '@chapar/client';
import { campaigns } from '@chapar/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster, eventually } from './support/cluster';
import {
  expectCampaignMatchesLedger,
  freePort,
  ledgerOf,
  sleep,
  startCampaigns,
} from './support/spawned-server';

/*
 * Events across processes (DESIGN.md, "Scale-out"): two API processes and two workers
 * over a Redis server of this test's own, so the test can kill and restart it under
 * running campaigns. Progress reaches a subscriber on the API that did not start the
 * campaign; a Redis restart loses no send and the subscriber still ends on the final
 * state; a client that reconnects to the other API with its lastEventId gets the
 * current state first.
 */

const PER_CAMPAIGN = 6;

class RedisServer {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    this.child = child;
    await eventually('redis-server listening', 10_000, async () => {
      const { default: Redis } = await import('ioredis');
      const probe = new Redis(this.url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      probe.on('error', () => {}); // refused until the server listens: expected here
      const ok = await probe.connect().then(
        () => probe.ping(),
        () => null,
      );
      probe.disconnect();
      return ok === 'PONG';
    });
  }

  async kill() {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

describe('events between processes (two APIs, two workers, a Redis restart)', () => {
  let redis: RedisServer;
  let cluster: Cluster | undefined;
  const killOnExit = () => cluster?.killNow();

  beforeAll(async () => {
    process.once('exit', killOnExit);
    redis = new RedisServer(await freePort());
    await redis.start();
    cluster = await Cluster.start({ apis: 2, workers: 2, redisUrl: redis.url, env: { PACING_JITTER: '0' } });
  }, 120_000);

  afterAll(async () => {
    await cluster?.stop();
    await redis?.kill();
    process.off('exit', killOnExit);
  });

  it('a subscriber on the other API follows the campaign through a Redis restart to its final state', async () => {
    const c = cluster!;
    const password = 'correct horse battery staple';
    const { client, accountIds, campaignIds } = await startCampaigns(c.apis[0]!.url, {
      accounts: 2,
      perCampaign: PER_CAMPAIGN,
      name: 'events',
      email: 'events@example.com',
      password,
    });
    // The same user on the second API process.
    const { token } = await createChaparClient({ url: c.apis[1]!.url }).auth.login.mutate({
      identifier: 'events@example.com',
      password,
    });
    const other = createChaparClient({ url: c.apis[1]!.url, token });
    const campaignId = campaignIds[0]!;
    const events: Array<{ id: string; status: string; sentCount: number }> = [];
    const completed = new Promise<void>((resolve, reject) => {
      const sub = other.campaigns.onProgress.subscribe(
        { id: campaignId },
        {
          onData(event) {
            events.push({ id: event.id, status: event.data.status, sentCount: event.data.sentCount });
            if (event.data.status === 'COMPLETED') {
              sub.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    // Live progress made on a worker, started through the first API, heard on the second.
    await eventually('progress heard on the other API', 30_000, async () =>
      events.some((e) => e.sentCount >= 2),
    );

    const sentBefore = (await ledgerOf(c.dataDir, accountIds[0]!)).length;
    await redis.kill();
    await sleep(6_000);
    // Without Redis the workers keep sending (leases live in MySQL).
    expect((await ledgerOf(c.dataDir, accountIds[0]!)).length).toBeGreaterThan(sentBefore);
    await redis.start();

    await c.waitForCompletion(campaignIds, 120_000);
    await Promise.race([
      completed,
      sleep(20_000).then(() => expect.fail(`no COMPLETED after Redis came back: ${JSON.stringify(events)}`)),
    ]);
    const final = await client.campaigns.get.query({ id: campaignId });
    expect(events.at(-1)).toMatchObject({ status: 'COMPLETED', sentCount: final.sentCount });
    // Never a stale state after a newer one: the counters only grow.
    const counts = events.map((e) => e.sentCount);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    for (const [i, id] of campaignIds.entries()) {
      await expectCampaignMatchesLedger(
        c.db,
        c.dataDir,
        { campaignId: id, accountId: accountIds[i]! },
        PER_CAMPAIGN,
      );
    }

    // Reconnecting to the first API with the last event id: the current state comes first
    // (receipts moved it on since, so it is newer than what the subscriber last saw).
    const lastEventId = events.at(-1)!.id;
    const settled = await eventually('every receipt stored', 30_000, async () => {
      const [row] = await c.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
      return row && row.readCount === PER_CAMPAIGN ? row : null;
    });
    const first = await new Promise<{ id: string; status: string; sentCount: number }>((resolve, reject) => {
      const sub = client.campaigns.onProgress.subscribe(
        { id: campaignId, lastEventId },
        {
          onData(event) {
            sub.unsubscribe();
            resolve({ id: event.id, status: event.data.status, sentCount: event.data.sentCount });
          },
          onError: reject,
        },
      );
    });
    expect(first).toEqual({
      id: `${campaignId}:${settled!.version}`,
      status: 'COMPLETED',
      sentCount: final.sentCount,
    });
  }, 300_000);
});
