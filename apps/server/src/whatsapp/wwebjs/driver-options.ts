import type { OutgoingMessage } from '../driver';
import type { ClientLike, WwebjsClientOptions } from './client-like';

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
  clientFactory?: (options: WwebjsClientOptions) => ClientLike;
  log?: DriverLog;
  /** How long "this number is (not) on WhatsApp" is remembered. Default 24 h. */
  numberCheckTtlMs?: number;
  /** From authentication (or a restored session) to `ready`. Default 120 s. */
  readyTimeoutMs?: number;
  /** From launch until WhatsApp Web has loaded (QR shown or session restored). Default 90 s. */
  startTimeoutMs?: number;
  /** A send that WhatsApp Web does not answer in this time has an unknown outcome. Default 60 s. */
  sendTimeoutMs?: number;
  /**
   * How long "typing…" shows before a send that asks for it (`typing: true`). Setting it
   * also turns typing on for messages that do not say. Default 2.5 s.
   */
  typingMs?: number;
  /** QR codes shown (about 20 s each after the first minute) before giving up. Default 5. */
  qrMaxRetries?: number;
}

/** A message with an optional attachment (until `OutgoingMessage` carries media itself). */
export interface WwebjsOutgoingMessage extends OutgoingMessage {
  media?: { path: string; mimeType: string; caption?: string };
}
