import type { EventBus } from './ports';

/** A snapshot that says how new it is: a counter on the row it was read from. */
export interface Versioned {
  version?: number | undefined;
}

/**
 * Yields the current state, then every newer snapshot published on `topic`, until the
 * subscriber goes away. Listening starts before the current state is read, so a change
 * made between the two is never missed. Snapshots come from any process (over Redis),
 * possibly twice or out of order: each carries the row's version, and one no newer than
 * what was last yielded is dropped. When the bus says it may have missed events (Redis
 * came back), the state is read again, so a subscriber never keeps a stale final state.
 */
export async function* snapshotStream<T extends Versioned>(
  bus: EventBus,
  topic: string,
  readCurrent: () => Promise<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  const queue: Array<{ data: T } | 'resync'> = [];
  let wake: (() => void) | null = null;
  const push = (item: { data: T } | 'resync') => {
    queue.push(item);
    wake?.();
  };
  const unsubscribe = bus.subscribe(topic, (data) => push({ data: data as T }));
  const stopResync = bus.onResync?.(() => push('resync'));
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  let last = -1;
  const isNewer = (data: T) => data.version === undefined || data.version > last;
  const take = (data: T) => {
    if (data.version !== undefined) last = data.version;
    return data;
  };
  try {
    yield take(await readCurrent());
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next === 'resync') {
        const current = await readCurrent();
        if (isNewer(current)) yield take(current);
        continue;
      }
      if (next) {
        if (isNewer(next.data)) yield take(next.data);
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stopResync?.();
    unsubscribe();
  }
}
