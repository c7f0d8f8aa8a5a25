import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { EventBus } from '@chapar/api';
import { Redis } from 'ioredis';
import type { AppLogger } from '../logger';

/**
 * Events between processes over Redis pub/sub (ioredis: it reconnects and resubscribes by
 * itself). Every channel is `REDIS_PREFIX` + topic. Delivery is best effort by design:
 * subscribers read the current state from MySQL first and drop stale snapshots by
 * version (snapshotStream), so a message lost while Redis is down costs nothing but a
 * moment; `onResync` tells them to read again once the link is back.
 *
 * A publish is delivered to this process's own subscribers at once, not through Redis,
 * so a process keeps hearing itself while Redis is away (its own copy coming back from
 * Redis is recognised by the sender id and dropped).
 */
export class RedisEventBus implements EventBus {
  private readonly local = new EventEmitter();
  private readonly resync = new EventEmitter();
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly sender = randomUUID();
  private readonly counts = new Map<string, number>();
  private lostLink = false;
  private warned = false;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly log: AppLogger,
  ) {
    this.local.setMaxListeners(0);
    this.resync.setMaxListeners(0);
    // No offline queue: an event published while Redis is down is dropped, never replayed stale.
    const options = { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
    for (const client of [this.publisher, this.subscriber]) {
      // ioredis logs unhandled 'error' events loudly; a down Redis is an expected state here.
      client.on('error', (error: Error) => {
        if (!this.warned) this.log.warn({ err: error }, 'Redis unreachable; live events wait for it');
        this.warned = true;
      });
    }
    // A closed subscriber link may have missed messages, however short the gap.
    this.subscriber.on('close', () => {
      this.lostLink = true;
    });
    this.subscriber.on('ready', () => {
      this.warned = false;
      if (!this.lostLink) return;
      this.lostLink = false;
      this.log.info('Redis is back; subscribers read the current state again');
      this.resync.emit('resync');
    });
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (!channel.startsWith(this.prefix)) return;
      let message: { s: string; d: unknown };
      try {
        message = JSON.parse(raw) as { s: string; d: unknown };
      } catch {
        return;
      }
      if (message.s === this.sender) return;
      this.local.emit(channel.slice(this.prefix.length), message.d);
    });
  }

  /** Resolves once both connections are up (startup waits for it, with a limit). */
  async ready(timeoutMs: number): Promise<void> {
    const wait = (client: Redis) =>
      client.status === 'ready'
        ? Promise.resolve()
        : new Promise<void>((r) => client.once('ready', () => r()));
    await Promise.race([
      Promise.all([wait(this.publisher), wait(this.subscriber)]),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
  }

  get connected(): boolean {
    return this.publisher.status === 'ready' && this.subscriber.status === 'ready';
  }

  publish(topic: string, data: unknown): void {
    this.local.emit(topic, data);
    if (this.publisher.status !== 'ready') return;
    this.publisher
      .publish(this.prefix + topic, JSON.stringify({ s: this.sender, d: data }))
      .catch((error: Error) => this.log.debug({ err: error, topic }, 'event not published to Redis'));
  }

  subscribe(topic: string, handler: (data: unknown) => void): () => void {
    this.local.on(topic, handler);
    const count = (this.counts.get(topic) ?? 0) + 1;
    this.counts.set(topic, count);
    if (count === 1) this.subscriber.subscribe(this.prefix + topic).catch(() => {});
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.local.off(topic, handler);
      const left = (this.counts.get(topic) ?? 1) - 1;
      if (left > 0) {
        this.counts.set(topic, left);
        return;
      }
      this.counts.delete(topic);
      this.subscriber.unsubscribe(this.prefix + topic).catch(() => {});
    };
  }

  onResync(listener: () => void): () => void {
    this.resync.on('resync', listener);
    return () => {
      this.resync.off('resync', listener);
    };
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
