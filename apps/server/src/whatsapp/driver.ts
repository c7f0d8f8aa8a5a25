import type { AccountStatus } from '@chapar/domain';

/** What a driver reports; the session manager stores it and fans it out. */
export type DriverEvent =
  | {
      type: 'status';
      status: AccountStatus;
      qr?: string;
      phone?: string;
      error?: string;
      /** With DISCONNECTED: the device was unlinked (from the phone); a new scan is needed. */
      loggedOut?: boolean;
      /**
       * With DISCONNECTED or FAILED: false when trying again by itself would not help or
       * would do harm (WhatsApp opened elsewhere, nobody scanned the QR, Chromium missing).
       */
      retryable?: boolean;
    }
  | { type: 'ack'; messageId: string; ack: 'DELIVERED' | 'READ' | 'FAILED'; error?: string }
  | { type: 'message'; from: string; body: string };

export interface OutgoingMessage {
  /** E.164 number. */
  to: string;
  text: string;
  /**
   * The engine's reference for this send (one per recipient row). Drivers keep it so an
   * interrupted send can be looked up after a crash instead of being sent twice.
   */
  ref: string;
  /** Show "typing…" for a moment before sending, as a person would. */
  typing?: boolean;
  /** An attachment; `text` becomes its caption. */
  media?: { path: string; mimeType: string; fileName?: string; caption?: string };
}

/** The recipient's number has no WhatsApp: the engine marks it SKIPPED, not FAILED. */
export class NotOnWhatsAppError extends Error {
  constructor(message = 'This number is not on WhatsApp.') {
    super(message);
    this.name = 'NotOnWhatsAppError';
  }
}

/** The send may or may not have gone out: never retried, so nobody gets it twice. */
export class UnknownSendOutcomeError extends Error {
  constructor(message = 'WhatsApp did not confirm the send; it may or may not have gone out.') {
    super(message);
    this.name = 'UnknownSendOutcomeError';
  }
}

/** Why nothing reached WhatsApp (see `NotSentError`). */
export type NotSentReason =
  /** The driver was not (or no longer) linked when the send started. */
  | 'not-connected'
  /** Asking WhatsApp whether the number exists failed. */
  | 'number-check-failed'
  /** The page lost whatsapp-web.js's injected helpers (WhatsApp Web reloaded); the driver reconnects. */
  | 'page-lost'
  /** WhatsApp Web had no chat for an id it had just confirmed. */
  | 'chat-unavailable'
  /** Several numbers in a row came back "not on WhatsApp": more likely WhatsApp than the list. */
  | 'numbers-unconfirmed';

/**
 * Nothing reached WhatsApp, so sending again later cannot deliver twice: the engine puts
 * the recipient back in the queue (uncharged) instead of failing it.
 */
export class NotSentError extends Error {
  readonly kind = 'NOT_SENT' as const;
  readonly retryable = true as const;
  constructor(
    readonly reason: NotSentReason,
    message: string,
  ) {
    super(message);
    this.name = 'NotSentError';
  }
}

/** After a crash: did the send with this ref go out? */
export type SendLookup = { sent: true; messageId: string } | { sent: false } | { sent: 'unknown' };

/** What the database knows of an interrupted send: when it was claimed, and by whom. */
export interface SendAttempt {
  attemptedAt: Date | null;
  /** Claimed before this worker took the account over from another one. */
  byAnotherWorker: boolean;
}

/**
 * One linked WhatsApp number. Implementations: `sandbox` (test mode, in-process) and
 * `wwebjs` (whatsapp-web.js driving Chromium).
 */
export interface WhatsAppDriver {
  readonly accountId: number;
  /** Starts the session; progress arrives as status events (CONNECTING, QR, READY, FAILED). */
  connect(): Promise<void>;
  /** Ends the session but keeps the stored login. */
  disconnect(): Promise<void>;
  /** Unlinks the device and deletes the stored login. */
  logout(): Promise<void>;
  /** Sends and resolves with WhatsApp's message id; rejects with a readable error. */
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
  /**
   * Whether the send journalled as `ref` went out. `attempt` says when the row was claimed
   * and whether another worker (perhaps on another disk) claimed it.
   */
  lookupSent(ref: string, to: string, attempt?: SendAttempt): Promise<SendLookup>;
  onEvent(listener: (event: DriverEvent) => void): void;
}

export interface DriverFactoryOptions {
  dataDir: string;
}
