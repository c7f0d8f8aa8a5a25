import { execFile } from 'node:child_process';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { access, mkdir, open, readFile, readlink, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// Default import: the package is CommonJS, and its named exports (LocalAuth…) fail under ESM.
import wwebjs from 'whatsapp-web.js';
import {
  type DriverEvent,
  NotOnWhatsAppError,
  type OutgoingMessage,
  type SendLookup,
  UnknownSendOutcomeError,
  type WhatsAppDriver,
} from './driver';

// The engine tells these apart with instanceof, so they are the interface's own classes.
export { NotOnWhatsAppError, UnknownSendOutcomeError };

const { Client, LocalAuth, MessageMedia } = wwebjs;

// ---------------------------------------------------------------------------------------
// What this driver uses of whatsapp-web.js, so tests can substitute the Client.
// ---------------------------------------------------------------------------------------

/** A WhatsApp id as whatsapp-web.js serialises it (`98912…@c.us`). */
export interface WidLike {
  _serialized: string;
  user?: string;
  server?: string;
}

export interface MessageLike {
  id: { _serialized: string; fromMe?: boolean; remote?: unknown };
  from?: string;
  body?: string;
  type?: string;
  /** Seconds since the epoch. */
  timestamp?: number;
  isStatus?: boolean;
  fromMe?: boolean;
}

export interface ChatLike {
  fetchMessages(options: { limit?: number; fromMe?: boolean }): Promise<MessageLike[]>;
  sendStateTyping?(): Promise<unknown>;
}

/** The puppeteer Browser, as far as we watch it (crash detection, last-resort kill). */
export interface BrowserLike {
  isConnected?(): boolean;
  process?(): { pid?: number } | null;
  on?(event: 'disconnected', listener: () => void): unknown;
}

export interface ClientLike {
  info?: { wid?: WidLike } | null;
  pupBrowser?: BrowserLike | null;
  pupPage?: { on?(event: 'error', listener: (error: Error) => void): unknown } | null;
  // biome-ignore lint/suspicious/noExplicitAny: EventEmitter listeners take whatever each event carries
  on(event: string, listener: (...args: any[]) => void): unknown;
  initialize(): Promise<unknown>;
  destroy(): Promise<unknown>;
  logout(): Promise<unknown>;
  getNumberId(number: string): Promise<WidLike | null>;
  sendMessage(
    chatId: string,
    content: unknown,
    options?: Record<string, unknown>,
  ): Promise<MessageLike | null | undefined>;
  getChatById(chatId: string): Promise<ChatLike | undefined>;
  getContactLidAndPhone?(ids: string[]): Promise<Array<{ lid?: string; pn?: string }>>;
}

/** What the driver hands to the Client constructor (tests read it through `clientFactory`). */
export interface WwebjsClientOptions {
  authStrategy: InstanceType<typeof LocalAuth>;
  puppeteer: {
    executablePath: string;
    headless: boolean;
    args: string[];
    handleSIGINT: boolean;
    handleSIGTERM: boolean;
    handleSIGHUP: boolean;
  };
  qrMaxRetries: number;
  webVersionCache: { type: 'none' };
}

export interface DriverLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

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

export type WwebjsFailureKind =
  | 'unreachable'
  | 'browser-missing'
  | 'browser-failed'
  | 'browser-crashed'
  | 'profile-in-use'
  | 'timeout'
  | 'unknown';

/**
 * A status event with what the session manager needs beyond `DriverEvent`: whether the
 * phone unlinked this device (the stored login is gone) and whether a failure is worth
 * retrying by itself.
 */
export type WwebjsStatusEvent = Extract<DriverEvent, { type: 'status' }> & {
  /** whatsapp-web.js's disconnect reason: 'LOGOUT', 'CONFLICT', a WAState, 'Max qrcode retries reached'. */
  reason?: string;
  /** The device was unlinked (from the phone or by WhatsApp); a new QR scan is needed. */
  loggedOut?: boolean;
  failure?: WwebjsFailureKind;
  /** Worth reconnecting later without a person (network, crash, timeout). */
  retryable?: boolean;
};

/** WhatsApp Web may have sent it: the engine must not send it again. */
function unknownOutcome(detail: string): UnknownSendOutcomeError {
  return new UnknownSendOutcomeError(
    `${detail}; it may have gone out, so it is not sent again. Check the chat on the phone.`,
  );
}

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

/** `<dataDir>/wwebjs`: LocalAuth's dataPath, the journals and owner files. */
export function wwebjsDir(dataDir: string): string {
  return path.resolve(dataDir, 'wwebjs');
}

/** The account's Chromium profile, where LocalAuth keeps the WhatsApp login. */
export function wwebjsAuthDir(dataDir: string, accountId: number): string {
  return path.join(wwebjsDir(dataDir), `session-account-${accountId}`);
}

export function wwebjsJournalPath(dataDir: string, accountId: number): string {
  return path.join(wwebjsDir(dataDir), `journal-${accountId}.jsonl`);
}

function ownerPath(dataDir: string, accountId: number): string {
  return path.join(wwebjsDir(dataDir), `owner-${accountId}.json`);
}

/**
 * Forgets an account's WhatsApp login (logout, remove). With `journal`, also its send
 * journal (only once no send of the account can still be in doubt, e.g. on remove).
 */
export async function deleteWwebjsAuth(
  dataDir: string,
  accountId: number,
  options: { journal?: boolean } = {},
): Promise<void> {
  await rm(wwebjsAuthDir(dataDir, accountId), { recursive: true, force: true, maxRetries: 3 });
  await rm(ownerPath(dataDir, accountId), { force: true });
  if (options.journal) await rm(wwebjsJournalPath(dataDir, accountId), { force: true });
}

// ---------------------------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;
const DESTROY_TIMEOUT_MS = 10_000;
const LOGOUT_TIMEOUT_MS = 15_000;
/** After the phone unlinks, whatsapp-web.js reloads the page itself; closing mid-reload makes it reject unhandled. */
const LOGOUT_SETTLE_MS = 10_000;
const NUMBER_CACHE_MAX = 50_000;
const JOURNAL_COMPACT_BYTES = 256 * 1024;
const JOURNAL_KEEP_LINES = 200;
const LOOKUP_MESSAGES = 30;
const DEFAULT_TYPING_MS = 2500;

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-setuid-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
];

/** WAStates after which WhatsApp Web reconnects by itself. */
const TRANSIENT_STATES = new Set(['OPENING', 'PAIRING', 'TIMEOUT']);
/** Message types that are WhatsApp's own notices, not something a person wrote. */
const SYSTEM_TYPES = new Set([
  'e2e_notification',
  'notification',
  'notification_template',
  'gp2',
  'call_log',
  'protocol',
  'revoked',
  'ciphertext',
  'debug',
  'broadcast_notification',
]);

type Phase = 'idle' | 'starting' | 'qr' | 'authenticating' | 'ready' | 'interrupted';

type JournalLine = { ref: string; to?: string; at?: string; messageId?: string };

const silentLog: DriverLog = { info() {}, warn() {}, error() {} };

/**
 * A real WhatsApp number through whatsapp-web.js and the system Chromium. One browser per
 * account; the login lives in `<dataDir>/wwebjs/session-account-<id>` (LocalAuth), so a
 * restart reconnects without a new scan.
 */
export class WwebjsDriver implements WhatsAppDriver {
  static readonly deleteAuth = deleteWwebjsAuth;

  private listeners: Array<(event: DriverEvent) => void> = [];
  private client: ClientLike | undefined;
  /** Bumped whenever the current client is retired; events of older clients are ignored. */
  private generation = 0;
  private phase: Phase = 'idle';
  private phone: string | undefined;
  private readyTimer: NodeJS.Timeout | undefined;
  /** Closing (and, after a logout, deleting) a retired client; connect waits for it. */
  private closing: Promise<void> = Promise.resolve();
  /** The connect() in progress; concurrent calls share it. */
  private starting: Promise<void> | undefined;
  /** Resolves a pending connect() when the client is retired during start. */
  private cancelStart: (() => void) | undefined;
  /** Each client's initialize(), settled (never rejects), for closing a client that is still starting. */
  private readonly settling = new WeakMap<ClientLike, Promise<unknown>>();
  private readonly numbers = new Map<string, { wid: string | null; at: number }>();
  private journalQueue: Promise<unknown> = Promise.resolve();
  private readonly log: DriverLog;
  private readonly dataDir: string;

  private lastReason: string | undefined;
  private unlinked = false;
  private failure: { kind: WwebjsFailureKind; message: string; retryable: boolean } | undefined;

  constructor(
    readonly accountId: number,
    private readonly options: WwebjsDriverOptions,
  ) {
    this.log = options.log ?? silentLog;
    this.dataDir = path.resolve(options.dataDir);
  }

  /** whatsapp-web.js's reason for the last disconnect ('LOGOUT', 'CONFLICT', …). */
  get lastDisconnectReason(): string | undefined {
    return this.lastReason;
  }

  /** True once the phone (or WhatsApp) unlinked this device: the stored login is gone. */
  get loggedOut(): boolean {
    return this.unlinked;
  }

  /** Why the last connect failed, and whether reconnecting later by itself makes sense. */
  get lastFailure(): { kind: WwebjsFailureKind; message: string; retryable: boolean } | undefined {
    return this.failure;
  }

  get authDir(): string {
    return wwebjsAuthDir(this.dataDir, this.accountId);
  }

  private get journalFile(): string {
    return wwebjsJournalPath(this.dataDir, this.accountId);
  }

  onEvent(listener: (event: DriverEvent) => void): void {
    this.listeners.push(listener);
  }

  private emit(event: DriverEvent | WwebjsStatusEvent) {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.log.error({ err: error, accountId: this.accountId }, 'a WhatsApp driver listener threw');
      }
    }
  }

  private status(event: Omit<WwebjsStatusEvent, 'type'>) {
    this.emit({ type: 'status', ...event });
  }

  // -------------------------------------------------------------------------------------
  // Connecting
  // -------------------------------------------------------------------------------------

  /**
   * Starts Chromium and WhatsApp Web. Resolves once the start is over (QR shown, session
   * restored, or FAILED emitted); never rejects and never leaves Chromium running on
   * failure. Later progress (QR, READY, DISCONNECTED) arrives as events.
   */
  connect(): Promise<void> {
    if (this.starting) return this.starting;
    if (this.client) return Promise.resolve();
    this.starting = this.start().finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async start(): Promise<void> {
    await this.closing;
    const generation = ++this.generation;
    this.unlinked = false;
    this.lastReason = undefined;
    this.failure = undefined;
    this.phone = undefined;
    this.phase = 'starting';
    this.status({ status: 'CONNECTING' });

    let client: ClientLike;
    try {
      await mkdir(wwebjsDir(this.dataDir), { recursive: true });
      const chromeMissing = await access(this.options.chromePath, fsConstants.X_OK)
        .then(() => stat(this.options.chromePath))
        .then(
          (file) => !file.isFile(),
          () => true,
        );
      if (chromeMissing) throw new Error(`Browser was not found at ${this.options.chromePath}`);
      const profile = await this.reclaimProfile();
      if (generation !== this.generation) return; // disconnected meanwhile
      // Who runs this profile's Chromium, so that after a crash the next process can tell an
      // orphan from a live owner. Not written when another process holds the profile.
      if (profile === 'free') {
        await writeFile(
          ownerPath(this.dataDir, this.accountId),
          JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }),
        ).catch((error: Error) => this.log.warn({ err: error, accountId: this.accountId }, 'no owner file'));
      }
      client = (this.options.clientFactory ?? defaultClientFactory)(this.clientOptions());
    } catch (error) {
      if (generation !== this.generation) return;
      this.phase = 'idle';
      this.reportFailure(describeStartFailure(error, this.options.chromePath));
      return;
    }
    this.client = client;
    this.attach(client, generation);

    const initializing = Promise.resolve()
      .then(() => client.initialize())
      .then(
        () => ({ ok: true as const }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    this.settling.set(client, initializing);
    let startTimer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      initializing,
      new Promise<{ ok: 'timeout' }>((resolve) => {
        startTimer = setTimeout(() => resolve({ ok: 'timeout' }), this.options.startTimeoutMs ?? 90_000);
      }),
      new Promise<{ ok: 'cancelled' }>((resolve) => {
        this.cancelStart = () => resolve({ ok: 'cancelled' });
      }),
    ]);
    clearTimeout(startTimer);
    this.cancelStart = undefined;

    // Disconnected (or unlinked) while starting: whoever retired the client closes it.
    if (outcome.ok === 'cancelled' || generation !== this.generation) return;
    if (outcome.ok === true) {
      this.watchBrowser(client, generation);
      // A restored session goes on to `ready` by itself; give it a deadline unless a QR waits for a person.
      if (this.phase === 'starting' || this.phase === 'authenticating') this.armReadyTimer(generation);
      return;
    }
    const failure =
      outcome.ok === 'timeout'
        ? {
            kind: 'timeout' as const,
            retryable: true,
            message: `WhatsApp Web did not load within ${Math.round((this.options.startTimeoutMs ?? 90_000) / 1000)} s. The connection from this server to web.whatsapp.com may be slow or blocked.`,
          }
        : describeStartFailure(outcome.error, this.options.chromePath);
    this.log.warn(
      { accountId: this.accountId, err: outcome.ok === false ? toError(outcome.error) : undefined },
      'WhatsApp Web did not start',
    );
    await this.failAndClose(client, failure);
  }

  private clientOptions(): WwebjsClientOptions {
    return {
      authStrategy: new LocalAuth({
        clientId: `account-${this.accountId}`,
        dataPath: wwebjsDir(this.dataDir),
      }),
      puppeteer: {
        executablePath: this.options.chromePath,
        headless: true,
        args: [...CHROMIUM_ARGS],
        // Puppeteer's own handlers kill Chromium (and exit on SIGINT) before the server's graceful
        // shutdown can finish the send in flight; the session manager closes browsers itself.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      },
      qrMaxRetries: this.options.qrMaxRetries ?? 5,
      // The 'local' cache writes WhatsApp Web's index.html into the working directory.
      webVersionCache: { type: 'none' },
    };
  }

  private attach(client: ClientLike, generation: number) {
    const live = () => generation === this.generation;
    client.on('qr', (qr: string) => {
      if (!live()) return;
      this.clearReadyTimer();
      this.phase = 'qr';
      this.status({ status: 'QR', qr });
    });
    client.on('authenticated', () => {
      if (!live()) return;
      this.phase = 'authenticating';
      this.status({ status: 'CONNECTING' });
      this.armReadyTimer(generation);
    });
    client.on('loading_screen', () => {
      if (!live() || this.phase === 'ready') return;
      this.status({ status: 'CONNECTING' });
    });
    client.on('ready', () => {
      if (!live()) return;
      this.clearReadyTimer();
      this.phase = 'ready';
      this.phone = phoneOf(client.info?.wid);
      this.status({ status: 'READY', ...(this.phone ? { phone: this.phone } : {}) });
    });
    client.on('change_state', (state: string) => {
      if (!live()) return;
      if (this.phase === 'ready' && TRANSIENT_STATES.has(state)) {
        this.phase = 'interrupted';
        this.status({ status: 'CONNECTING' });
      } else if (this.phase === 'interrupted' && state === 'CONNECTED') {
        this.phase = 'ready';
        this.status({ status: 'READY', ...(this.phone ? { phone: this.phone } : {}) });
      }
    });
    client.on('disconnected', (reason: unknown) => {
      if (!live()) return;
      this.onDisconnected(client, typeof reason === 'string' ? reason : String(reason));
    });
    client.on('message_ack', (message: MessageLike, ack: number) => {
      if (!live() || !message?.id?._serialized || !isFromMe(message)) return;
      const mapped = mapAck(ack);
      if (!mapped) return;
      this.emit({
        type: 'ack',
        messageId: message.id._serialized,
        ack: mapped,
        ...(mapped === 'FAILED' ? { error: 'WhatsApp reported that the message could not be sent.' } : {}),
      });
    });
    client.on('message', (message: MessageLike) => {
      if (!live()) return;
      this.onIncoming(client, message).catch((error: unknown) =>
        this.log.warn(
          { err: toError(error), accountId: this.accountId },
          'could not read an incoming message',
        ),
      );
    });
  }

  /** Chromium or the page dying under a live session is reported, not left looking READY. */
  private watchBrowser(client: ClientLike, generation: number) {
    const crashed = (detail: string) => {
      if (generation !== this.generation) return;
      this.log.warn({ accountId: this.accountId, detail }, 'Chromium stopped under a live WhatsApp session');
      this.failAndClose(client, {
        kind: 'browser-crashed',
        retryable: true,
        message: `Chromium stopped unexpectedly (${detail}). Connect again; the login is kept.`,
      });
    };
    client.pupBrowser?.on?.('disconnected', () => crashed('the browser closed'));
    client.pupPage?.on?.('error', (error: Error) => crashed(`the page crashed: ${error?.message ?? error}`));
  }

  private onDisconnected(client: ClientLike, reason: string) {
    const info = describeDisconnect(reason);
    this.lastReason = reason;
    this.unlinked = info.loggedOut;
    this.log.info({ accountId: this.accountId, reason }, 'WhatsApp disconnected');
    if (info.loggedOut) {
      // whatsapp-web.js reloads the page after a logout; close once that is over (next QR).
      const settled = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, LOGOUT_SETTLE_MS);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        client.on('qr', done);
        client.on('ready', done);
      });
      this.retire(client, { after: settled, deleteAuth: true });
    } else {
      this.retire(client);
    }
    this.status({
      status: 'DISCONNECTED',
      error: info.message,
      reason,
      loggedOut: info.loggedOut,
      retryable: info.retryable,
    });
  }

  private armReadyTimer(generation: number) {
    this.clearReadyTimer();
    const ms = this.options.readyTimeoutMs ?? 120_000;
    this.readyTimer = setTimeout(() => {
      if (generation !== this.generation || !this.client) return;
      this.log.warn({ accountId: this.accountId }, 'WhatsApp Web did not become ready in time');
      this.failAndClose(this.client, {
        kind: 'timeout',
        retryable: true,
        message: `WhatsApp Web did not finish loading within ${Math.round(ms / 1000)} s after linking. Connect again; the login is kept.`,
      });
    }, ms);
  }

  private clearReadyTimer() {
    clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
  }

  /** FAILED is reported once Chromium is gone, so a reconnect right after it finds the profile free. */
  private failAndClose(
    client: ClientLike,
    failure: { kind: WwebjsFailureKind; message: string; retryable: boolean },
  ): Promise<void> {
    this.retire(client);
    return this.closing.then(() => this.reportFailure(failure));
  }

  private reportFailure(failure: { kind: WwebjsFailureKind; message: string; retryable: boolean }) {
    this.failure = failure;
    this.status({
      status: 'FAILED',
      error: failure.message,
      failure: failure.kind,
      retryable: failure.retryable,
    });
  }

  /**
   * Makes `client` stale (its events are ignored from now on) and closes it in the
   * background; `closing` tracks that so the next connect does not race it.
   */
  private retire(client: ClientLike, options: { after?: Promise<void>; deleteAuth?: boolean } = {}) {
    if (this.client === client) this.client = undefined;
    this.generation++;
    this.phase = 'idle';
    this.clearReadyTimer();
    this.cancelStart?.();
    const previous = this.closing;
    this.closing = (async () => {
      await previous;
      if (options.after) await options.after;
      await this.closeClient(client);
      if (options.deleteAuth) {
        await deleteWwebjsAuth(this.dataDir, this.accountId).catch((error: Error) =>
          this.log.warn({ err: error, accountId: this.accountId }, 'could not delete the WhatsApp login'),
        );
      }
    })();
  }

  /**
   * destroy(), bounded. A client told to close while Chromium was still launching gets a
   * second destroy() once initialize() has given up; a Chromium still alive after that is killed.
   */
  private async closeClient(client: ClientLike) {
    const destroy = () =>
      withTimeout(
        Promise.resolve().then(() => client.destroy()),
        DESTROY_TIMEOUT_MS,
      ).catch((error: unknown) =>
        this.log.warn({ err: toError(error), accountId: this.accountId }, 'closing Chromium failed'),
      );
    await destroy();
    const settled = this.settling.get(client);
    if (settled) {
      await withTimeout(settled, DESTROY_TIMEOUT_MS).catch(() => {});
      if (safe(() => client.pupBrowser?.isConnected?.())) await destroy();
    }
    const pid = safe(() => client.pupBrowser?.process?.()?.pid);
    if (pid && isAlive(pid)) {
      this.log.warn({ accountId: this.accountId, pid }, 'Chromium outlived destroy(); killing it');
      killTree(pid);
    }
  }

  /**
   * Before launching: a profile lock left by a crashed Chapar (its Chromium orphaned and
   * still running) or written on another computer (a recreated container) would block the
   * account forever, so both are cleared. A lock held by a live Chapar process is left for
   * Chromium to refuse ("in use").
   */
  private async reclaimProfile(): Promise<'free' | 'held'> {
    const dir = this.authDir;
    let target: string;
    try {
      target = await readlink(path.join(dir, 'SingletonLock'));
    } catch {
      return 'free';
    }
    const dash = target.lastIndexOf('-');
    const host = target.slice(0, dash);
    const pid = Number(target.slice(dash + 1));
    if (host && host !== os.hostname()) {
      this.log.warn(
        { accountId: this.accountId, host },
        'removing a Chromium profile lock left by another host',
      );
      await removeLocks(dir);
      return 'free';
    }
    if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return 'free'; // stale: Chromium takes it over
    const owner = await readFile(ownerPath(this.dataDir, this.accountId), 'utf8')
      .then((text) => JSON.parse(text) as { pid?: number; host?: string })
      .catch(() => undefined);
    if (!owner?.pid || owner.host !== os.hostname() || owner.pid === process.pid || isAlive(owner.pid))
      return 'held';
    if (!(await commandLineHas(pid, `--user-data-dir=${dir}`))) return 'held';
    this.log.warn(
      { accountId: this.accountId, pid, ownerPid: owner.pid },
      'killing a Chromium orphaned by a Chapar process that stopped without closing it',
    );
    killTree(pid);
    for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
    return isAlive(pid) ? 'held' : 'free';
  }

  // -------------------------------------------------------------------------------------
  // Disconnecting
  // -------------------------------------------------------------------------------------

  /** Closes Chromium; the login stays on disk. Safe to call at any time, any number of times. */
  async disconnect(): Promise<void> {
    const client = this.client;
    if (client) {
      this.retire(client);
    } else {
      // Perhaps still before launch: the start sees the new generation and stops.
      this.generation++;
      this.phase = 'idle';
      this.clearReadyTimer();
    }
    await this.closing;
    this.status({ status: 'DISCONNECTED' });
  }

  /** Unlinks the device from the phone (when connected), closes Chromium and deletes the login. */
  async logout(): Promise<void> {
    const client = this.client;
    const linked = this.phase === 'ready' || this.phase === 'interrupted';
    if (client) {
      this.generation++;
      this.client = undefined;
      this.phase = 'idle';
      this.clearReadyTimer();
      this.cancelStart?.();
      if (linked) {
        await withTimeout(
          Promise.resolve().then(() => client.logout()),
          LOGOUT_TIMEOUT_MS,
        ).catch((error: unknown) =>
          this.log.warn({ err: toError(error), accountId: this.accountId }, 'WhatsApp logout failed'),
        );
      }
      this.retire(client, { deleteAuth: true });
    } else {
      this.generation++;
      this.phase = 'idle';
      this.clearReadyTimer();
    }
    await this.closing;
    await deleteWwebjsAuth(this.dataDir, this.accountId);
    this.unlinked = true;
    this.status({ status: 'DISCONNECTED' });
  }

  // -------------------------------------------------------------------------------------
  // Incoming
  // -------------------------------------------------------------------------------------

  private async onIncoming(client: ClientLike, message: MessageLike) {
    if (!message || isFromMe(message) || message.isStatus) return;
    if (message.type && SYSTEM_TYPES.has(message.type)) return;
    const from = message.from ?? '';
    let user: string | undefined;
    if (from.endsWith('@c.us')) {
      user = from.slice(0, -'@c.us'.length);
    } else if (from.endsWith('@lid') && client.getContactLidAndPhone) {
      // Newer chats address people by a private "LID"; ask WhatsApp for the phone number.
      const [pair] = await client.getContactLidAndPhone([from]);
      if (pair?.pn?.endsWith('@c.us')) user = pair.pn.slice(0, -'@c.us'.length);
    }
    // Groups (@g.us), status@broadcast, channels (@newsletter) and unknown senders are not replies.
    if (!user || !/^\d{6,15}$/.test(user)) return;
    this.emit({ type: 'message', from: `+${user}`, body: message.body ?? '' });
  }

  // -------------------------------------------------------------------------------------
  // Sending
  // -------------------------------------------------------------------------------------

  async send(message: WwebjsOutgoingMessage): Promise<{ messageId: string }> {
    const client = this.client;
    if (!client || (this.phase !== 'ready' && this.phase !== 'interrupted')) {
      throw new Error('The WhatsApp account is not connected.');
    }
    const digits = message.to.replace(/\D/g, '');
    if (digits.length < 6) throw new Error(`"${message.to}" is not a phone number.`);
    let chatId = await this.whatsAppId(client, digits);
    if (!chatId) throw new NotOnWhatsAppError();

    const typing = message.typing ?? (this.options.typingMs ?? 0) > 0;
    const typingMs = this.options.typingMs ?? DEFAULT_TYPING_MS;
    if (typing && typingMs > 0) {
      try {
        const chat = await client.getChatById(chatId);
        await chat?.sendStateTyping?.();
      } catch (error) {
        this.log.warn({ err: toError(error), accountId: this.accountId }, 'could not show typing');
      }
      await sleep(typingMs);
    }

    let content: unknown = message.text;
    const sendOptions: Record<string, unknown> = {
      // Marking the chat as read is not ours to do (and sendSeen breaks on some WhatsApp Web builds).
      sendSeen: false,
    };
    if (message.media) {
      let media: InstanceType<typeof MessageMedia>;
      try {
        media = MessageMedia.fromFilePath(message.media.path);
      } catch (error) {
        throw new Error(`The attachment could not be read: ${errorText(error)}`);
      }
      media.mimetype = message.media.mimeType;
      content = media;
      const caption = message.media.caption ?? message.text;
      if (caption) sendOptions.caption = caption;
    }

    const intentAt = Date.now();
    await this.journal({ ref: message.ref, to: message.to, at: new Date(intentAt).toISOString() }, true);

    let sent: MessageLike | null | undefined;
    try {
      sent = await this.sendWithTimeout(client, chatId, content, sendOptions);
    } catch (error) {
      if (!/No LID for user/i.test(errorText(error))) throw toSendError(error);
      // WhatsApp Web forgot how to address this number; ask again (nothing was sent) and retry once.
      this.numbers.delete(digits);
      chatId = await this.whatsAppId(client, digits);
      if (!chatId) throw new NotOnWhatsAppError();
      try {
        sent = await this.sendWithTimeout(client, chatId, content, sendOptions);
      } catch (retryError) {
        throw toSendError(retryError);
      }
    }
    let messageId = sent?.id?._serialized;
    if (!messageId) {
      // whatsapp-web.js sends first and looks the message up afterwards; look in the chat.
      messageId = await this.findSentInChat(client, chatId, intentAt).catch(() => undefined);
      if (!messageId) throw unknownOutcome('WhatsApp Web did not return the sent message');
    }
    await this.journal({ ref: message.ref, messageId }, false);
    return { messageId };
  }

  private async sendWithTimeout(
    client: ClientLike,
    chatId: string,
    content: unknown,
    options: Record<string, unknown>,
  ): Promise<MessageLike | null | undefined> {
    const ms = this.options.sendTimeoutMs ?? 60_000;
    try {
      return await withTimeout(
        Promise.resolve().then(() => client.sendMessage(chatId, content, options)),
        ms,
      );
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw unknownOutcome(`WhatsApp Web did not answer within ${Math.round(ms / 1000)} s`);
      }
      throw error;
    }
  }

  /** The WhatsApp id for a number, or null when it is not on WhatsApp; remembered for a day. */
  private async whatsAppId(client: ClientLike, digits: string): Promise<string | null> {
    const ttl = this.options.numberCheckTtlMs ?? DAY_MS;
    const now = Date.now();
    const cached = this.numbers.get(digits);
    if (cached && now - cached.at < ttl) return cached.wid;
    let wid: WidLike | null;
    try {
      wid = await client.getNumberId(digits);
    } catch (error) {
      throw new Error(`Could not check whether the number is on WhatsApp: ${errorText(error)}`);
    }
    const value = wid?._serialized ?? null;
    this.numbers.delete(digits);
    this.numbers.set(digits, { wid: value, at: now });
    if (this.numbers.size > NUMBER_CACHE_MAX) {
      for (const [key, entry] of this.numbers) {
        if (this.numbers.size <= NUMBER_CACHE_MAX && now - entry.at < ttl) break;
        this.numbers.delete(key);
      }
    }
    return value;
  }

  // -------------------------------------------------------------------------------------
  // The send journal and crash lookup
  // -------------------------------------------------------------------------------------

  /**
   * After a crash: did the send with this ref go out? The journal answers when it has the
   * message id or no intent at all; an intent without a result is looked up in the chat.
   */
  async lookupSent(ref: string, to: string): Promise<SendLookup> {
    await this.journalQueue.catch(() => {});
    let intentAt: number | undefined;
    let intentTo: string | undefined;
    for (const line of await readJournal(this.journalFile)) {
      if (line.ref !== ref) continue;
      if (line.messageId) return { sent: true, messageId: line.messageId };
      if (line.at) {
        intentAt = Date.parse(line.at);
        intentTo = line.to;
      }
    }
    if (intentAt === undefined || Number.isNaN(intentAt)) return { sent: false };
    const client = this.client;
    if (!client || (this.phase !== 'ready' && this.phase !== 'interrupted')) return { sent: 'unknown' };
    try {
      const digits = (intentTo ?? to).replace(/\D/g, '');
      const messageId = await this.findSentInChat(client, `${digits}@c.us`, intentAt);
      if (messageId) {
        await this.journal({ ref, messageId }, false);
        return { sent: true, messageId };
      }
    } catch (error) {
      this.log.warn(
        { err: toError(error), accountId: this.accountId, ref },
        'could not look up a send in the chat',
      );
    }
    return { sent: 'unknown' };
  }

  /** The first message we sent in the chat at or after `sinceMs`, among its last messages. */
  private async findSentInChat(
    client: ClientLike,
    chatId: string,
    sinceMs: number,
  ): Promise<string | undefined> {
    const chat = await client.getChatById(chatId);
    if (!chat) return undefined;
    const messages = await chat.fetchMessages({ limit: LOOKUP_MESSAGES });
    const since = Math.floor(sinceMs / 1000);
    const mine = messages
      .filter(
        (m) => isFromMe(m) && typeof m.timestamp === 'number' && m.timestamp >= since && m.id?._serialized,
      )
      .sort((a, b) => (a.timestamp ?? 0) - (b.timestamp ?? 0));
    return mine[0]?.id._serialized;
  }

  /** Appends one line, flushed to disk, in order with every other journal write of this driver. */
  private journal(line: JournalLine, compact: boolean): Promise<void> {
    const run = this.journalQueue.then(async () => {
      await mkdir(path.dirname(this.journalFile), { recursive: true });
      if (compact) await compactJournal(this.journalFile);
      await appendDurably(this.journalFile, `${JSON.stringify(line)}\n`);
    });
    this.journalQueue = run.catch(() => {});
    return run;
  }
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

function defaultClientFactory(options: WwebjsClientOptions): ClientLike {
  return new Client(options) as unknown as ClientLike;
}

/** '+98912…' for a phone-number id; nothing for a LID (not a phone number). */
function phoneOf(wid: WidLike | undefined): string | undefined {
  if (!wid?.user || (wid.server && wid.server !== 'c.us')) return undefined;
  return /^\d{6,15}$/.test(wid.user) ? `+${wid.user}` : undefined;
}

function isFromMe(message: MessageLike): boolean {
  return Boolean(message.id?.fromMe ?? message.fromMe);
}

/** whatsapp-web.js MessageAck: -1 error, 0 pending, 1 server, 2 device, 3 read, 4 played. */
export function mapAck(ack: number): 'DELIVERED' | 'READ' | 'FAILED' | undefined {
  if (ack === -1) return 'FAILED';
  if (ack === 2) return 'DELIVERED';
  if (ack === 3 || ack === 4) return 'READ';
  return undefined;
}

/** A readable message for each whatsapp-web.js disconnect reason. */
export function describeDisconnect(reason: string): {
  message: string;
  loggedOut: boolean;
  retryable: boolean;
} {
  switch (reason) {
    case 'LOGOUT':
    case 'UNPAIRED':
    case 'UNPAIRED_IDLE':
      return {
        loggedOut: true,
        retryable: false,
        message:
          'This device was unlinked from the phone (WhatsApp → Linked devices). Connect and scan a new QR code to link it again.',
      };
    case 'CONFLICT':
      return {
        loggedOut: false,
        retryable: false,
        message:
          'WhatsApp Web was opened elsewhere with this number and took over the session. Close it there, then connect again.',
      };
    case 'Max qrcode retries reached':
      return {
        loggedOut: false,
        retryable: false,
        message: 'Nobody scanned the QR code in time. Connect again to get a new one.',
      };
    case 'TOS_BLOCK':
    case 'SMB_TOS_BLOCK':
      return {
        loggedOut: false,
        retryable: false,
        message: `WhatsApp blocked this number for breaking its terms of service (${reason}).`,
      };
    case 'PROXYBLOCK':
      return {
        loggedOut: false,
        retryable: false,
        message: 'WhatsApp refused connections from this server’s network (PROXYBLOCK).',
      };
    case 'DEPRECATED_VERSION':
      return {
        loggedOut: false,
        retryable: false,
        message: 'WhatsApp no longer accepts this version of WhatsApp Web; whatsapp-web.js needs an update.',
      };
    default:
      return { loggedOut: false, retryable: true, message: `WhatsApp disconnected: ${reason}` };
  }
}

/** A readable message for why `initialize()` (or the launch before it) failed. */
export function describeStartFailure(
  error: unknown,
  chromePath: string,
): { kind: WwebjsFailureKind; message: string; retryable: boolean } {
  const text = errorText(error);
  const net = /net::ERR_[A-Z_]+/.exec(text);
  if (net) {
    return {
      kind: 'unreachable',
      retryable: true,
      message: `WhatsApp Web is unreachable from this server (${net[0]}). Check its internet connection, DNS and firewall, then connect again.`,
    };
  }
  if (/Browser was not found|spawn .*ENOENT|ENOENT.*spawn/i.test(text)) {
    return {
      kind: 'browser-missing',
      retryable: false,
      message: `Chromium was not found at ${chromePath}. Install it (apt-get install chromium) or set CHROME_PATH.`,
    };
  }
  if (/already running for|ProcessSingleton|profile appears to be in use/i.test(text)) {
    return {
      kind: 'profile-in-use',
      retryable: true,
      message: "This account's WhatsApp login is in use by another Chapar process.",
    };
  }
  if (/auth timeout|ready timeout|Navigation timeout|TimeoutError/i.test(text)) {
    return {
      kind: 'timeout',
      retryable: true,
      message: `WhatsApp Web did not load in time (${firstLine(text)}). The connection to web.whatsapp.com may be slow or blocked.`,
    };
  }
  if (/Failed to launch the browser process/i.test(text)) {
    const reason = text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /ERROR|error while loading|cannot|can't|No such/i.test(line) && !line.includes('[: '));
    return {
      kind: 'browser-failed',
      retryable: false,
      message: `Chromium at ${chromePath} could not start${reason ? `: ${reason}` : ` (${firstLine(text)})`}.`,
    };
  }
  if (/Target closed|Session closed|Protocol error|detached|Connection closed/i.test(text)) {
    return {
      kind: 'browser-crashed',
      retryable: true,
      message: `Chromium closed while WhatsApp Web was loading (${firstLine(text)}). Connect again.`,
    };
  }
  return { kind: 'unknown', retryable: true, message: `Could not start WhatsApp Web: ${firstLine(text)}` };
}

/** whatsapp-web.js sometimes rejects with bare strings; everything becomes an Error with a message. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(errorText(value));
}

function errorText(value: unknown): string {
  if (value instanceof Error) return value.message || value.name;
  if (typeof value === 'string') return value || 'Unknown error from WhatsApp Web';
  if (value && typeof value === 'object' && 'message' in value) return String(value.message);
  if (value === undefined || value === null) return 'Unknown error from WhatsApp Web';
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function toSendError(error: unknown): Error {
  if (error instanceof NotOnWhatsAppError || error instanceof UnknownSendOutcomeError) return error;
  const text = firstLine(errorText(error)).replace(/^Evaluation failed:\s*/, '');
  return new Error(`WhatsApp could not send the message: ${text}`);
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim();
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function safe<T>(run: () => T): T | undefined {
  try {
    return run();
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A zombie is dead for our purposes (nobody has reaped it yet).
  const stat = safe(() => readFileSync(`/proc/${pid}/stat`, 'utf8')) ?? '';
  return !/\)\s+Z\s/.test(stat);
}

/** Kills Chromium with its renderers (puppeteer starts it as a process-group leader). */
function killTree(pid: number) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

async function commandLineHas(pid: number, arg: string): Promise<boolean> {
  try {
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.split('\0').includes(arg);
  } catch {
    // No procfs: ask ps.
    return new Promise((resolve) => {
      execFile('ps', ['-o', 'args=', '-p', String(pid)], (error, stdout) => {
        resolve(!error && stdout.includes(arg));
      });
    });
  }
}

async function removeLocks(dir: string) {
  await Promise.all(
    ['SingletonLock', 'SingletonCookie', 'SingletonSocket'].map((name) =>
      rm(path.join(dir, name), { force: true }),
    ),
  );
}

async function appendDurably(file: string, line: string): Promise<void> {
  const handle = await open(file, 'a');
  try {
    await handle.write(line);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Every parseable line; a torn last line (power loss mid-write) is skipped. */
async function readJournal(file: string): Promise<JournalLine[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const lines: JournalLine[] = [];
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    try {
      const line = JSON.parse(raw) as JournalLine;
      if (line && typeof line.ref === 'string') lines.push(line);
    } catch {
      // skip a partial line
    }
  }
  return lines;
}

/**
 * Keeps the journal small: only the last sends can be in doubt after a crash (one send at a
 * time per account, each resolved before the next), so older lines are dropped.
 */
async function compactJournal(file: string): Promise<void> {
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  if (size < JOURNAL_COMPACT_BYTES) return;
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim());
  const kept = `${lines.slice(-JOURNAL_KEEP_LINES).join('\n')}\n`;
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.write(kept);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}
