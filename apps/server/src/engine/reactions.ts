import type { ReasonParams } from '@chapar/api';
import { normalizePhone } from '@chapar/domain';
import type { AppLogger } from '../logger';
import type { DriverEvent } from '../whatsapp/driver';
import type { EngineStore } from './store';

export const DEFAULT_OPT_OUT_WORDS = ['stop', 'unsubscribe', 'لغو', 'لغو عضویت', 'انصراف'];

/** Statuses after which the account cannot send: its running campaigns pause. */
export const ACCOUNT_LOST_STATUSES = new Set(['DISCONNECTED', 'FAILED', 'QR']);

const EARLY_ACK_TTL_MS = 5 * 60_000;

interface ParkedAck {
  ack: 'DELIVERED' | 'READ' | 'FAILED';
  error: string | undefined;
  at: number;
}

export interface ReactionDeps {
  store: EngineStore;
  log: AppLogger;
  now: () => Date;
  optOutWords: readonly string[];
  /** The account is READY: give it a worker. */
  kick: (accountId: number) => void;
}

/**
 * What the engine does with what a driver reports: status changes pause and resume the
 * account's campaigns, acks move recipients on (kept a while when they arrive before
 * their send is stored), and a STOP reply opts the sender out. Events of one account are
 * handled in order (READY after CONNECTING).
 */
export class DriverReactions {
  private readonly queues = new Map<number, Promise<void>>();
  /** Events being stored; shutdown waits for them. */
  private readonly handling = new Set<Promise<void>>();
  /** Acks that arrived before their send was stored (fast phones, slow databases). */
  private readonly earlyAcks = new Map<string, ParkedAck[]>();
  private readonly optOutWords: Set<string>;
  private stopped = false;

  constructor(private readonly o: ReactionDeps) {
    this.optOutWords = new Set(o.optOutWords.map(normalizeReply));
  }

  handle(accountId: number, event: DriverEvent): void {
    if (this.stopped) return;
    const run = async () => {
      if (event.type === 'status') await this.onStatus(accountId, event);
      else if (event.type === 'ack') await this.onAck(event.messageId, event.ack, event.error);
      else if (event.type === 'message') await this.onMessage(accountId, event.from, event.body);
    };
    const previous = this.queues.get(accountId) ?? Promise.resolve();
    const handled: Promise<void> = previous
      .then(run)
      .catch((error: Error) =>
        this.o.log.error({ err: error, accountId }, 'engine could not handle a driver event'),
      )
      .finally(() => {
        this.handling.delete(handled);
        if (this.queues.get(accountId) === handled) this.queues.delete(accountId);
      });
    this.queues.set(accountId, handled);
    this.handling.add(handled);
  }

  /** Stops taking events and waits for the ones being stored. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.handling]);
  }

  private async onStatus(accountId: number, event: Extract<DriverEvent, { type: 'status' }>) {
    if (event.status === 'READY') {
      // Campaigns paused because the connection dropped resume when the account is back.
      for (const id of await this.o.store.pausedForAccount(accountId))
        await this.o.store.transition(id, 'resume');
      this.o.kick(accountId);
    } else if (event.loggedOut) {
      await this.pauseRunning(accountId, 'LOGGED_OUT', {
        pausedReason:
          'The WhatsApp account was logged out. Link it again by scanning the QR code, then resume.',
        pausedParams: {},
      });
    } else if (ACCOUNT_LOST_STATUSES.has(event.status)) {
      await this.pauseRunning(accountId, 'ACCOUNT', notLinkedPause(event.status, event.error));
    }
  }

  async pauseRunning(accountId: number, cause: 'ACCOUNT' | 'LOGGED_OUT', pause: PauseDetail): Promise<void> {
    for (const c of await this.o.store.runningCampaignsOf(accountId)) {
      await this.o.store.transition(c.id, 'pause', { pauseCause: cause, ...pause });
    }
  }

  /** Every message goes to the owner's webhooks; a reply of STOP / لغو / unsubscribe opts the sender out. */
  private async onMessage(accountId: number, from: string, body: string) {
    const phone = normalizePhone(from, 'IR');
    await this.o.store.recordIncoming(accountId, phone.ok ? phone.e164 : from, body, new Date());
    if (!this.optOutWords.has(normalizeReply(body))) return;
    const account = await this.o.store.pacingOf(accountId);
    if (!phone.ok || !account) return;
    if (await this.o.store.addOptOut(account.userId, phone.e164, 'reply')) {
      this.o.log.info({ accountId, userId: account.userId }, 'recipient opted out by reply');
    }
  }

  private async onAck(messageId: string, ack: ParkedAck['ack'], error?: string) {
    this.park(messageId, { ack, error, at: Date.now() });
    await this.applyParked(messageId);
  }

  /**
   * Acks wait here until they can be stored: their send is not stored yet (a fast phone),
   * or the database is unreachable for a moment. The tick retries them; they expire after
   * a few minutes.
   */
  private park(messageId: string, parked: ParkedAck) {
    const list = this.earlyAcks.get(messageId) ?? [];
    list.push(parked);
    this.earlyAcks.set(messageId, list);
  }

  /** Stores the acks kept for a message (right after its send is stored, and on every tick). */
  async applyParked(messageId: string): Promise<void> {
    const pending = this.earlyAcks.get(messageId);
    if (!pending) return;
    this.earlyAcks.delete(messageId);
    for (const p of pending) {
      try {
        const changed = await this.o.store.applyAck(messageId, p.ack, this.o.now(), p.error);
        if (changed === 'unknown') this.park(messageId, p);
        else if (changed != null) await this.o.store.publishProgress(changed);
      } catch (error) {
        this.park(messageId, p);
        this.o.log.warn({ err: error, messageId }, 'ack kept for a retry');
      }
    }
  }

  /** On every tick: acks still waiting get another chance; old ones are dropped. */
  async retryParked(): Promise<void> {
    const cutoff = Date.now() - EARLY_ACK_TTL_MS;
    for (const [id, list] of this.earlyAcks) {
      if (list.every((a) => a.at < cutoff)) this.earlyAcks.delete(id);
    }
    for (const messageId of [...this.earlyAcks.keys()]) await this.applyParked(messageId);
  }
}

/** Why a campaign paused, in English (`pausedReason`) and as the params of PAUSED_<cause>. */
export interface PauseDetail {
  pausedReason: string;
  pausedParams: ReasonParams;
}

export function notLinkedPause(status: string | undefined, error?: string): PauseDetail {
  const detail = error ? ` (${error})` : ` (${(status ?? 'disconnected').toLowerCase()})`;
  return {
    pausedReason: `The WhatsApp account is not linked${detail}. Sending resumes by itself when it is linked again.`,
    pausedParams: { status: status ?? 'DISCONNECTED', detail: error ?? null, scheduled: false },
  };
}

/** "  STOP! " and "Stop" are the same reply; Persian/Arabic letters are kept as they are. */
function normalizeReply(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200c\u200e\u200f]/g, ' ')
    .replace(/[.!?،؛,;:"'()\s]+/g, ' ')
    .trim()
    .toLowerCase();
}
