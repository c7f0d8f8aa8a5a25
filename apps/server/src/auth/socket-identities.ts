import type { EventBus, UserRecord } from '@chapar/api';
import type { Database } from '@chapar/db';
import type { WebSocket } from 'ws';
import type { AppLogger } from '../logger';
import { liveCredentialHolders } from '../repositories/api-keys';
import { hashToken } from './token-hash';

/** Published (on every process, over Redis when there is one) when sessions end or a key is revoked. */
export const CREDENTIALS_CHANGED_TOPIC = 'auth:credentials-changed';
/** The close code of a socket whose identity was lost (4000–4999 are the application's). */
export const IDENTITY_LOST_CLOSE_CODE = 4401;

export type SocketCredential = { kind: 'session'; token: string } | { kind: 'apiKey'; key: string };

interface Watched {
  socket: WebSocket;
  kind: SocketCredential['kind'];
  hash: string;
  userId: number;
  role: UserRecord['role'];
  controller: AbortController;
}

interface Holder {
  hash: string;
  userId: number;
  status: UserRecord['status'];
  role: UserRecord['role'];
}

/** IN lists are kept to this many values per query. */
const CHUNK = 500;

/**
 * Keeps every open WebSocket to the identity it was opened with. A socket authenticates
 * once, so each round re-reads all watched credentials from the database (one query per
 * kind and chunk, so it works with several API processes) and takes the socket's rights
 * away when its session is gone or expired, its API key revoked, or its user no longer
 * ACTIVE or in the same role. Rounds run every `intervalMs` and at once when any process
 * publishes CREDENTIALS_CHANGED_TOPIC.
 */
export class SocketIdentities {
  private readonly watched = new Set<Watched>();
  private timer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly o: {
      db: Database;
      bus: EventBus;
      log: AppLogger;
      intervalMs: number;
      /** Between failing the subscriptions and closing: lets their errors reach the client first. */
      closeDelayMs?: number;
    },
  ) {}

  start(): void {
    this.timer = setInterval(() => this.recheck(), this.o.intervalMs);
    this.timer.unref();
    this.stopListening = this.o.bus.subscribe(CREDENTIALS_CHANGED_TOPIC, () => this.recheck());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.stopListening?.();
    this.timer = null;
    this.stopListening = null;
  }

  /** Answers the signal aborted when the socket loses `user`'s identity. */
  watch(socket: WebSocket, credential: SocketCredential, user: UserRecord): AbortSignal {
    const entry: Watched = {
      socket,
      kind: credential.kind,
      hash: hashToken(credential.kind === 'session' ? credential.token : credential.key),
      userId: user.id,
      role: user.role,
      controller: new AbortController(),
    };
    // Closed while it was being authenticated: 'close' has fired already, nothing to watch.
    if (socket.readyState === socket.CLOSING || socket.readyState === socket.CLOSED) {
      entry.controller.abort('The connection was closed.');
      return entry.controller.signal;
    }
    this.watched.add(entry);
    socket.once('close', () => this.watched.delete(entry));
    return entry.controller.signal;
  }

  /** One round; a request during a round runs one more after it (requests share it). */
  recheck(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.round()
      .catch((error: Error) => this.o.log.warn({ err: error }, 'socket identity check failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          void this.recheck();
        }
      });
    return this.running;
  }

  private async round(): Promise<void> {
    const entries = [...this.watched];
    if (entries.length === 0) return;
    const holders = new Map<string, Holder>();
    for (const kind of ['session', 'apiKey'] as const) {
      const hashes = [...new Set(entries.filter((e) => e.kind === kind).map((e) => e.hash))];
      for (let i = 0; i < hashes.length; i += CHUNK) {
        for (const row of await this.holders(kind, hashes.slice(i, i + CHUNK))) holders.set(row.hash, row);
      }
    }
    for (const entry of entries) {
      const reason = lossOf(entry, holders.get(entry.hash));
      if (reason) this.lose(entry, reason);
    }
  }

  /** The live credentials among `hashes`, with their user's status and role. */
  private holders(kind: SocketCredential['kind'], hashes: string[]): Promise<Holder[]> {
    return liveCredentialHolders(this.o.db, kind, hashes);
  }

  private lose(entry: Watched, reason: string): void {
    this.watched.delete(entry);
    this.o.log.info(
      { userId: entry.userId, kind: entry.kind, reason, transport: 'ws' },
      'socket identity lost',
    );
    entry.controller.abort(reason);
    const close = () => entry.socket.close(IDENTITY_LOST_CLOSE_CODE, reason);
    setTimeout(close, this.o.closeDelayMs ?? 200).unref();
  }
}

/** Why the socket may no longer act for its user, or null while it still may. Short: it is also the close reason. */
function lossOf(entry: Watched, holder: Holder | undefined): string | null {
  if (!holder || holder.userId !== entry.userId) {
    return entry.kind === 'session' ? 'Your session has ended. Sign in again.' : 'This API key was revoked.';
  }
  if (holder.status !== 'ACTIVE') return 'This account is no longer active.';
  if (holder.role !== entry.role) return 'Your role has changed. Reconnect.';
  return null;
}
