import type { OutgoingMessage } from '../driver';
import type { LoginStore } from '../login-store/login-store';
import type { ClientLike, WwebjsClientOptions } from './client-like';
import type { LidStorage } from './lids';

export interface DriverLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLog: DriverLog = { info() {}, warn() {}, error() {} };

export interface WwebjsDriverOptions {
  dataDir: string;
  /** The system Chromium (`/usr/bin/chromium` or CHROME_PATH). */
  chromePath: string;
  /** Tests substitute the whatsapp-web.js Client here. */
  clientFactory?: (options: WwebjsClientOptions) => ClientLike | Promise<ClientLike>;
  log?: DriverLog;
  /** How long "this number is (not) on WhatsApp" is remembered. Default 24 h. */
  numberCheckTtlMs?: number;
  /** From authentication (or a restored session) to `ready`. Default 120 s. */
  readyTimeoutMs?: number;
  /** From launch until WhatsApp Web has loaded (QR shown or session restored). Default 90 s. */
  startTimeoutMs?: number;
  /** How long "not on WhatsApp" is remembered (getNumberId's nulls are not always right). Default 1 h. */
  numberNullTtlMs?: number;
  /** Numbers in a row found "not on WhatsApp" after which sends stop as not sent (the engine pauses). Default 5. */
  numberSuspectRun?: number;
  /** A send that WhatsApp Web does not answer in this time has an unknown outcome. Default 60 s. */
  sendTimeoutMs?: number;
  /** The slowest upload allowed for: the send timeout grows by the attachment's size at this rate. Default 32 KiB/s. */
  uploadBytesPerSecond?: number;
  /** Between the QR scan and `authenticated`: the sync may show no progress for this long. Default 90 s. */
  loadingStallMs?: number;
  /** How often a READY session is asked for its state (getState). Default 60 s; 0 turns it off. */
  probeIntervalMs?: number;
  /** Failed or not-CONNECTED probes in a row after which the session is restarted. Default 3. */
  probeFailures?: number;
  /** WhatsApp Web version to load (e.g. 2.3000.1017054665-alpha); unset: whatever web.whatsapp.com serves. */
  webVersion?: string;
  /** Where that version's page comes from: none (live), local (under the data dir), or remote (a URL template). */
  webVersionCache?: WebVersionCache;
  /**
   * Replies from a private LID are only resolved to a phone number when this says they
   * matter (the opt-out words); unset: every reply is resolved.
   */
  isOptOutReply?: (body: string) => boolean;
  /**
   * How long "typing…" shows before a send that asks for it (`typing: true`). Setting it
   * also turns typing on for messages that do not say. Default 2.5 s.
   */
  typingMs?: number;
  /** The chat lookup before "typing…" gives up after this long (the send goes on without typing). Default 10 s. */
  typingChatTimeoutMs?: number;
  /** QR codes shown (about 20 s each after the first minute) before giving up. Default 5. */
  qrMaxRetries?: number;
  /** Where the login lives between sessions (LOGIN_STORE). Default: the profile directory itself. */
  loginStore?: LoginStore;
  /** With a login store that keeps copies: how often a linked login is backed up. Default 10 min. */
  loginBackupMs?: number;
  /**
   * Whether a Chapar worker on `host` is alive (heartbeat in the workers table). A profile
   * lock written on another host is cleared only when this answers false; unset, never.
   */
  hostIsLive?: (host: string) => Promise<boolean>;
  /**
   * Whether every worker that may have held this account writes its send journal under
   * this same DATA_DIR (a shared volume: LOGIN_STORE=local). When not (LOGIN_STORE=mysql,
   * one disk per worker), a send another worker claimed is not in this journal, so its
   * absence proves nothing. Default true.
   */
  sharedDataDir?: boolean;
  /** Where LID → phone pairs are kept (the server: `whatsapp_lids`). Default: a file under DATA_DIR. */
  lidStorage?: (accountId: number) => LidStorage;
}

export type WebVersionCache =
  | { type: 'none' }
  | { type: 'local'; strict?: boolean }
  | { type: 'remote'; remotePath: string; strict?: boolean };

export type WwebjsOutgoingMessage = OutgoingMessage;
