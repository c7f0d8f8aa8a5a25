import { describe, expect, it } from 'vitest';
import type { EventBus } from './ports';
import { snapshotStream } from './stream';

function bus(): EventBus & { count(topic: string): number } {
  const handlers = new Map<string, Set<(d: unknown, s: number) => void>>();
  let seq = 1;
  return {
    publish(topic, data) {
      const s = seq++;
      for (const h of handlers.get(topic) ?? []) h(data, s);
    },
    subscribe(topic, handler) {
      const set = handlers.get(topic) ?? new Set();
      set.add(handler);
      handlers.set(topic, set);
      return () => set.delete(handler);
    },
    nextSeq: () => seq,
    count: (topic) => handlers.get(topic)?.size ?? 0,
  };
}

describe('snapshotStream', () => {
  it('yields the current state first, then later snapshots, and stops listening when aborted', async () => {
    const b = bus();
    const abort = new AbortController();
    const seen: number[] = [];
    const stream = snapshotStream<number>(b, 't', async () => 1, abort.signal);
    const reading = (async () => {
      for await (const value of stream) {
        seen.push(value);
        if (value === 3) abort.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 5));
    b.publish('t', 2);
    b.publish('other', 99);
    b.publish('t', 3);
    await reading;
    expect(seen).toEqual([1, 2, 3]);
    expect(b.count('t')).toBe(0);
  });

  it('listens before reading the current state, so a change in between is not lost, and drops older ones', async () => {
    const b = bus();
    b.publish('t', 0); // published before the subscription: part of the past
    const abort = new AbortController();
    const seen: number[] = [];
    const stream = snapshotStream<number>(
      b,
      't',
      async () => {
        b.publish('t', 2); // a change that lands while the current state is being read
        return 1;
      },
      abort.signal,
    );
    for await (const value of stream) {
      seen.push(value);
      if (seen.length === 2) abort.abort();
    }
    expect(seen).toEqual([1, 2]);
  });
});
