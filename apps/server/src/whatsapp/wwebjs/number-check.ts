import { NotOnWhatsAppError } from '../driver';
import type { ClientLike, WidLike } from './client-like';
import { classifyPreSendError, notSent } from './failures';
import { withTimeout } from './timeouts';

const HOUR_MS = 60 * 60 * 1000;
const STATE_TIMEOUT_MS = 10_000;

export interface NumberCheckOptions {
  /** How long a found WhatsApp id is remembered. */
  ttlMs: number;
  /** How long "not on WhatsApp" is remembered: getNumberId answers null for valid numbers now and then. */
  nullTtlMs?: number;
  /** After this many numbers in a row come back null, stop skipping: WhatsApp is the likelier culprit. */
  suspectRun?: number;
  max?: number;
}

/**
 * "Is this number on WhatsApp?", remembered. A null is only believed when it comes twice
 * while the socket is CONNECTED, and a run of them pauses instead of skipping a whole list.
 */
export class NumberCheck {
  private readonly entries = new Map<string, { wid: string | null; at: number }>();
  private nullRun = 0;

  constructor(private readonly options: NumberCheckOptions) {}

  forget(digits: string) {
    this.entries.delete(digits);
  }

  /** The chat id for `digits`; throws NotOnWhatsAppError, or NotSentError when unsure. */
  async resolve(client: ClientLike, digits: string): Promise<string> {
    const now = Date.now();
    const cached = this.entries.get(digits);
    if (cached) {
      const ttl = cached.wid ? this.options.ttlMs : Math.min(this.options.ttlMs, this.nullTtl);
      if (now - cached.at < ttl) {
        if (cached.wid) return cached.wid;
        throw new NotOnWhatsAppError();
      }
    }
    let wid = await this.ask(client, digits);
    if (!wid) {
      // A null while WhatsApp Web is not connected means nothing; once connected, ask again.
      const state = await withTimeout(
        Promise.resolve().then(() => client.getState?.() ?? 'CONNECTED'),
        STATE_TIMEOUT_MS,
      ).catch((error: unknown) => {
        throw classifyPreSendError(
          error,
          'number-check-failed',
          'Could not read the WhatsApp connection state',
        );
      });
      if (state !== 'CONNECTED') {
        throw notSent('not-connected', `WhatsApp Web is not connected (${state ?? 'no state'})`);
      }
      wid = await this.ask(client, digits);
    }
    if (wid) {
      this.nullRun = 0;
      this.remember(digits, wid, now);
      return wid;
    }
    this.nullRun++;
    if (this.nullRun >= (this.options.suspectRun ?? 5)) {
      // Not remembered: after the pause these numbers are asked again.
      this.nullRun = 0;
      throw notSent(
        'numbers-unconfirmed',
        `WhatsApp answered "not on WhatsApp" for ${this.options.suspectRun ?? 5} numbers in a row`,
      );
    }
    this.remember(digits, null, now);
    throw new NotOnWhatsAppError();
  }

  private get nullTtl() {
    return this.options.nullTtlMs ?? HOUR_MS;
  }

  private async ask(client: ClientLike, digits: string): Promise<string | null> {
    let wid: WidLike | null;
    try {
      wid = await client.getNumberId(digits);
    } catch (error) {
      throw classifyPreSendError(
        error,
        'number-check-failed',
        'Could not check whether the number is on WhatsApp',
      );
    }
    return wid?._serialized ?? null;
  }

  private remember(digits: string, wid: string | null, now: number) {
    this.entries.delete(digits);
    this.entries.set(digits, { wid, at: now });
    const max = this.options.max ?? 50_000;
    if (this.entries.size <= max) return;
    // Oldest first (Map keeps insertion order): drop until back under the cap.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(key);
    }
  }
}
