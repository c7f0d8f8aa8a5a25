import { errorText } from './failures';
import { withTimeout } from './timeouts';

const PROBE_TIMEOUT_MS = 15_000;

/**
 * Asks a READY session for its socket state now and then. A page that lost its session
 * (or a socket that never comes back) otherwise looks READY while every send fails.
 */
export class StateProbe {
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private running = false;

  constructor(
    private readonly options: {
      intervalMs: number;
      failuresAllowed: number;
      getState: () => Promise<string | null>;
      onDead: (detail: string) => void;
    },
  ) {}

  start() {
    this.stop();
    if (this.options.intervalMs <= 0) return;
    this.failures = 0;
    this.timer = setInterval(() => void this.check(), this.options.intervalMs);
    this.timer.unref?.();
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async check() {
    if (this.running || !this.timer) return;
    this.running = true;
    let detail: string | undefined;
    try {
      const state = await withTimeout(this.options.getState(), PROBE_TIMEOUT_MS);
      if (state !== 'CONNECTED') detail = `its state is ${state ?? 'unknown'}`;
    } catch (error) {
      detail = errorText(error);
    } finally {
      this.running = false;
    }
    if (!this.timer) return; // stopped meanwhile
    if (detail === undefined) {
      this.failures = 0;
      return;
    }
    if (++this.failures < this.options.failuresAllowed) return;
    this.stop();
    this.options.onDead(detail);
  }
}
