import type { EventBus } from './ports';

/**
 * Yields the current state, then every later snapshot published on `topic`, until the
 * subscriber goes away. Listening starts before the current state is read, so a change
 * made between the two is never missed; snapshots published before that read are
 * dropped because the read already includes them.
 */
export async function* snapshotStream<T>(
  bus: EventBus,
  topic: string,
  readCurrent: () => Promise<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  const queue: Array<{ data: T; seq: number }> = [];
  let wake: (() => void) | null = null;
  const unsubscribe = bus.subscribe(topic, (data, seq) => {
    queue.push({ data: data as T, seq });
    wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    const firstFreshSeq = bus.nextSeq();
    yield await readCurrent();
    while (!signal?.aborted) {
      const next = queue.shift();
      if (next) {
        if (next.seq >= firstFreshSeq) yield next.data;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
  }
}
