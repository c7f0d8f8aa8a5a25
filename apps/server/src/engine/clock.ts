/** Time as the engine sees it; tests and benchmarks substitute their own. */
export interface Clock {
  now(): number;
  /** Resolves after `ms` (or at once when aborted). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

/**
 * A clock that moves only when told to, for tests of pacing: `advance(ms)` runs every
 * sleeper whose time has come, in order.
 */
export class ManualClock implements Clock {
  private current: number;
  private sleepers: Array<{ at: number; resolve: () => void }> = [];

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (ms <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper = { at: this.current + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper);
          resolve();
        },
        { once: true },
      );
    });
  }

  /** How many sleepers are waiting (a test waits until the engine is asleep). */
  get waiting(): number {
    return this.sleepers.length;
  }

  /** Jumps to the earliest sleeper's wake-up time (no-op when nobody sleeps). */
  advanceToNext(): void {
    if (this.sleepers.length === 0) return;
    const earliest = Math.min(...this.sleepers.map((s) => s.at));
    this.advance(earliest - this.current);
  }

  advance(ms: number): void {
    this.current += ms;
    const due = this.sleepers.filter((s) => s.at <= this.current).sort((a, b) => a.at - b.at);
    this.sleepers = this.sleepers.filter((s) => s.at > this.current);
    for (const s of due) s.resolve();
  }
}

/**
 * Real time sped up `factor` times: intervals pass quickly but keep their order and
 * proportions (tests that need real waiting, benchmarks of the engine's own cost).
 */
export class ScaledClock implements Clock {
  private readonly origin = Date.now();

  constructor(private readonly factor: number) {}

  now(): number {
    return this.origin + (Date.now() - this.origin) * this.factor;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms / this.factor, signal);
  }
}
