type Chunk = Buffer | string;

/**
 * Reads chunks of `text` until `enough(seen)` says they show how the input starts, and
 * answers them with the whole input again (the chunks read, then the rest), so a reader
 * can decide what it is looking at without buffering more than that.
 */
export async function peekChunks(
  text: AsyncIterable<Chunk>,
  enough: (seen: readonly Chunk[]) => boolean,
): Promise<{ seen: Chunk[]; ended: boolean; all: AsyncIterable<Chunk> }> {
  const iterator = text[Symbol.asyncIterator]();
  const seen: Chunk[] = [];
  let ended = false;
  while (!enough(seen)) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    seen.push(next.value);
  }
  const replay = [...seen];
  async function* all(): AsyncGenerator<Chunk> {
    try {
      yield* replay;
      replay.length = 0;
      if (ended) return;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    } finally {
      await iterator.return?.(undefined);
    }
  }
  return { seen, ended, all: all() };
}
