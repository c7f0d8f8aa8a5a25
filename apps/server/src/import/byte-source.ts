import { formatSize, ImportError } from './errors';

export type ByteInput = NodeJS.ReadableStream | AsyncIterable<Uint8Array | string>;

/**
 * The upload as a sequence of Buffers, with the size limit enforced as the bytes arrive (a
 * 10 GB upload is refused after 50 MB, not after it was received) and a `peek` at the first
 * bytes for sniffing the type and encoding without consuming them.
 */
export class ByteSource {
  private readonly iterator: AsyncIterator<Uint8Array | string>;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private ended = false;
  private consumed = false;
  /** Bytes read from the input so far. */
  total = 0;

  constructor(
    input: ByteInput,
    private readonly maxBytes: number,
  ) {
    const iterable = input as AsyncIterable<Uint8Array | string>;
    if (typeof iterable[Symbol.asyncIterator] !== 'function') {
      throw new TypeError('readRecipientRows needs a readable stream or an async iterable of bytes');
    }
    this.iterator = iterable[Symbol.asyncIterator]();
  }

  private async pull(): Promise<Buffer | null> {
    if (this.ended) return null;
    for (;;) {
      const next = await this.iterator.next();
      if (next.done) {
        this.ended = true;
        return null;
      }
      const value = next.value;
      const chunk =
        typeof value === 'string' ? Buffer.from(value) : Buffer.isBuffer(value) ? value : toBuffer(value);
      if (chunk.length === 0) continue;
      this.total += chunk.length;
      if (this.total > this.maxBytes) {
        await this.close();
        throw new ImportError('TOO_LARGE', `The file is larger than ${formatSize(this.maxBytes)}`, {
          params: { maxSize: this.maxBytes },
        });
      }
      return chunk;
    }
  }

  /** At least `n` bytes from the start (fewer at the end of the file), without consuming them. */
  async peek(n: number): Promise<Buffer> {
    while (this.headBytes < n) {
      const chunk = await this.pull();
      if (!chunk) break;
      this.head.push(chunk);
      this.headBytes += chunk.length;
    }
    return this.head.length === 1 ? (this.head[0] as Buffer) : Buffer.concat(this.head);
  }

  /** True once `peek` has seen the whole input. */
  get atEnd(): boolean {
    return this.ended;
  }

  /** Every chunk, the peeked ones first. Can be iterated once. */
  async *chunks(): AsyncGenerator<Buffer> {
    if (this.consumed) throw new Error('ByteSource.chunks() can be iterated once');
    this.consumed = true;
    let done = false;
    try {
      while (this.head.length > 0) yield this.head.shift() as Buffer;
      for (;;) {
        const chunk = await this.pull();
        if (!chunk) break;
        yield chunk;
      }
      done = true;
    } finally {
      // Stopped early (an error downstream, or the consumer broke off): release the input.
      if (!done) await this.close();
    }
  }

  /** Stops reading the input (destroys a Node stream). */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    try {
      await this.iterator.return?.();
    } catch {
      // The input failing while being closed changes nothing for us.
    }
  }
}

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
