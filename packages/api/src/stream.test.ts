import { describe, expect, it } from 'vitest';
import type { EventBus } from './ports';
import { snapshotStream } from './stream';

type Snap = { v: string; version?: number };

function bus(): EventBus & { count(topic: string): number; resync(): void } {
  const handlers = new Map<string, Set<(d: unknown) => void>>();
  const resyncs = new Set<() => void>();
  return {
    publish(topic, data) {
      for (const h of handlers.get(topic) ?? []) h(data);
    },
    subscribe(topic, handler) {
      const set = handlers.get(topic) ?? new Set();
      set.add(handler);
      handlers.set(topic, set);
      return () => set.delete(handler);
    },
    onResync(listener) {
      resyncs.add(listener);
      return () => resyncs.delete(listener);
    },
    resync: () => {
      for (const r of resyncs) r();
    },
    count: (topic) => handlers.get(topic)?.size ?? 0,
  };
}

async function collect(
  stream: AsyncGenerator<Snap>,
  abort: AbortController,
  until: (seen: string[]) => boolean,
) {
  const seen: string[] = [];
  for await (const value of stream) {
    seen.push(value.v);
    if (until(seen)) abort.abort();
  }
  return seen;
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('snapshotStream', () => {
  it('yields the current state first, then later snapshots, and stops listening when aborted', async () => {
    const b = bus();
    const abort = new AbortController();
    const stream = snapshotStream<Snap>(b, 't', async () => ({ v: 'a', version: 1 }), abort.signal);
    const reading = collect(stream, abort, (seen) => seen.at(-1) === 'c');
    await tick();
    b.publish('t', { v: 'b', version: 2 });
    b.publish('other', { v: 'x', version: 9 });
    b.publish('t', { v: 'c', version: 3 });
    expect(await reading).toEqual(['a', 'b', 'c']);
    expect(b.count('t')).toBe(0);
  });

  it('listens before reading the current state, so a change in between is not lost', async () => {
    const b = bus();
    const abort = new AbortController();
    const stream = snapshotStream<Snap>(
      b,
      't',
      async () => {
        b.publish('t', { v: 'during', version: 2 }); // lands while the current state is read
        return { v: 'current', version: 1 };
      },
      abort.signal,
    );
    expect(await collect(stream, abort, (seen) => seen.length === 2)).toEqual(['current', 'during']);
  });

  it('drops duplicates and snapshots older than the last one yielded (events from several processes)', async () => {
    const b = bus();
    const abort = new AbortController();
    const stream = snapshotStream<Snap>(b, 't', async () => ({ v: 'v5', version: 5 }), abort.signal);
    const reading = collect(stream, abort, (seen) => seen.at(-1) === 'v7');
    await tick();
    b.publish('t', { v: 'v4', version: 4 }); // read before the current state, arrived after it
    b.publish('t', { v: 'v5-again', version: 5 });
    b.publish('t', { v: 'v6', version: 6 });
    b.publish('t', { v: 'v6-again', version: 6 });
    b.publish('t', { v: 'v7', version: 7 });
    expect(await reading).toEqual(['v5', 'v6', 'v7']);
  });

  it('reads the state again when the bus says it may have missed events, yielding it only if newer', async () => {
    const b = bus();
    const abort = new AbortController();
    let stored: Snap = { v: 'running', version: 1 };
    const stream = snapshotStream<Snap>(b, 't', async () => stored, abort.signal);
    const reading = collect(stream, abort, (seen) => seen.at(-1) === 'completed');
    await tick();
    b.resync(); // nothing changed: nothing yielded
    await tick();
    stored = { v: 'completed', version: 9 }; // changed while the bus was down: its events were lost
    b.resync();
    expect(await reading).toEqual(['running', 'completed']);
  });
});
