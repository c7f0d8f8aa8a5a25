import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import { RedisEventBus } from './redis-bus';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = createLogger('silent');
const buses: RedisEventBus[] = [];
afterEach(async () => {
  while (buses.length) await buses.pop()!.close();
});

async function bus(prefix: string, url = REDIS_URL) {
  const b = new RedisEventBus(url, prefix, log);
  buses.push(b);
  await b.ready(5_000);
  return b;
}

const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('RedisEventBus', () => {
  it('carries events between processes, once each, and never across prefixes', async () => {
    const prefix = `chapar-test-${randomUUID()}:`;
    const [a, b, other] = [await bus(prefix), await bus(prefix), await bus(`${prefix}other:`)];
    const atA: unknown[] = [];
    const atB: unknown[] = [];
    const atOther: unknown[] = [];
    a.subscribe('campaign:1', (d) => atA.push(d));
    const stopB = b.subscribe('campaign:1', (d) => atB.push(d));
    other.subscribe('campaign:1', (d) => atOther.push(d));
    await new Promise((r) => setTimeout(r, 50)); // SUBSCRIBE reaches Redis
    a.publish('campaign:1', { sentCount: 1, version: 1 });
    await until(() => atB.length === 1);
    expect(atB).toEqual([{ sentCount: 1, version: 1 }]);
    await new Promise((r) => setTimeout(r, 50));
    expect(atA).toEqual([{ sentCount: 1, version: 1 }]); // its own, once: not again via Redis
    expect(atOther).toEqual([]);
    stopB();
    a.publish('campaign:1', { sentCount: 2, version: 2 });
    await until(() => atA.length === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(atB).toHaveLength(1);
  });

  it('keeps local delivery while Redis is down and tells subscribers to resync when it is back', async () => {
    const port = await freePort();
    let redis = startRedis(port);
    try {
      const url = `redis://127.0.0.1:${port}`;
      await waitForRedis(url);
      const prefix = `chapar-test-${randomUUID()}:`;
      const [a, b] = [await bus(prefix, url), await bus(prefix, url)];
      let resyncs = 0;
      b.onResync(() => resyncs++);
      const atA: unknown[] = [];
      const atB: unknown[] = [];
      a.subscribe('t', (d) => atA.push(d));
      b.subscribe('t', (d) => atB.push(d));
      await new Promise((r) => setTimeout(r, 50));

      redis.kill('SIGKILL');
      await until(() => !a.connected && !b.connected);
      a.publish('t', 'while down'); // dropped for others, still heard here
      expect(atA).toEqual(['while down']);

      redis = startRedis(port);
      await until(() => resyncs === 1, 15_000);
      await until(() => a.connected);
      await new Promise((r) => setTimeout(r, 100)); // resubscribed
      a.publish('t', 'after');
      await until(() => atB.includes('after'));
      expect(atB).toEqual(['after']);
    } finally {
      redis.kill('SIGKILL');
    }
  }, 30_000);
});

function startRedis(port: number): ChildProcess {
  return spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
}

async function waitForRedis(url: string) {
  const probe = new RedisEventBus(url, 'probe:', log);
  try {
    await probe.ready(10_000);
  } finally {
    await probe.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}
