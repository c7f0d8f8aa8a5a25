import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  type DriverEvent,
  NotSentError,
  type SendAttempt,
  type SendLookup,
  type WhatsAppDriver,
} from '../driver';
import { AttachmentCache } from './attachments';
import { RecentIds, unreadIncoming } from './catch-up';
import { browserConnected, browserMissing, browserPid, isAlive, killTree } from './chromium';
import type { ClientLike, FrameLike, MessageLike } from './client-like';
import { createWwebjsClient, wwebjsClientOptions } from './client-options';
import {
  type DriverLog,
  silentLog,
  type WwebjsDriverOptions,
  type WwebjsOutgoingMessage,
} from './driver-options';
import {
  classifySendError,
  describeDisconnect,
  describeStartFailure,
  errorText,
  notSent,
  toError,
  unknownOutcome,
  type WwebjsFailure,
  type WwebjsStatusEvent,
} from './failures';
import { deleteWwebjsAuth, wwebjsAuthDir, wwebjsDir, wwebjsJournalPath, wwebjsLidsPath } from './files';
import { SendJournal } from './journal';
import { fileLidStorage, LidDirectory } from './lids';
import { LoginBackups, LoginRestoreError } from './login-backups';
import { isFromMe, mapAck, phoneOf, replySender } from './messages';
import { NumberCheck } from './number-check';
import { StateProbe } from './probe';
import { reclaimProfile, recordOwner } from './profile-lock';
import { findSentInChat, prepareSend, sendTimeoutFor, sendWithTimeout } from './sending';
import { SentIds } from './sent-ids';
import { sleep, withTimeout } from './timeouts';

const DAY_MS = 24 * 60 * 60 * 1000;
const DESTROY_TIMEOUT_MS = 10_000;
const LOGOUT_TIMEOUT_MS = 15_000;
/** After the phone unlinks, whatsapp-web.js reloads the page itself; closing mid-reload makes it reject unhandled. */
const LOGOUT_SETTLE_MS = 10_000;
const DEFAULT_TYPING_MS = 2500;

/** WAStates after which WhatsApp Web reconnects by itself. */
const TRANSIENT_STATES = new Set(['OPENING', 'PAIRING', 'TIMEOUT']);

type Phase = 'idle' | 'starting' | 'qr' | 'authenticating' | 'ready' | 'interrupted';

/**
 * A real WhatsApp number through whatsapp-web.js and the system Chromium. One browser per
 * account; the login lives in `<dataDir>/wwebjs/session-account-<id>` (LocalAuth), so a
 * restart reconnects without a new scan, and is copied to and from the login store
 * (`login-backups.ts`) so that another worker can take the account over.
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
  private readonly numbers: NumberCheck;
  private readonly attachments = new AttachmentCache();
  private readonly sentIds = new SentIds();
  private readonly seenIncoming = new RecentIds();
  private readonly lids: LidDirectory;
  private probe: StateProbe | undefined;
  private readonly journal: SendJournal;
  private readonly backups: LoginBackups;
  /** Clients that reached READY: only their profile is worth backing up on close. */
  private readonly readied = new WeakSet<ClientLike>();
  private readonly log: DriverLog;
  private readonly dataDir: string;

  private lastReason: string | undefined;
  private unlinked = false;
  private failure: WwebjsFailure | undefined;

  constructor(
    readonly accountId: number,
    private readonly options: WwebjsDriverOptions,
  ) {
    this.log = options.log ?? silentLog;
    this.dataDir = path.resolve(options.dataDir);
    this.journal = new SendJournal(wwebjsJournalPath(this.dataDir, accountId));
    this.lids = new LidDirectory(
      options.lidStorage?.(accountId) ?? fileLidStorage(wwebjsLidsPath(this.dataDir, accountId)),
    );
    this.backups = new LoginBackups({
      accountId,
      dir: this.authDir,
      log: this.log,
      ...(options.loginStore ? { store: options.loginStore } : {}),
      ...(options.loginBackupMs !== undefined ? { intervalMs: options.loginBackupMs } : {}),
    });
    this.numbers = new NumberCheck({
      ttlMs: options.numberCheckTtlMs ?? DAY_MS,
      ...(options.numberNullTtlMs !== undefined ? { nullTtlMs: options.numberNullTtlMs } : {}),
      ...(options.numberSuspectRun !== undefined ? { suspectRun: options.numberSuspectRun } : {}),
    });
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
  get lastFailure(): WwebjsFailure | undefined {
    return this.failure;
  }

  get authDir(): string {
    return wwebjsAuthDir(this.dataDir, this.accountId);
  }

  /** Linked to the phone: ready, or briefly reconnecting by itself. */
  private get linked(): boolean {
    return this.phase === 'ready' || this.phase === 'interrupted';
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
      if (await browserMissing(this.options.chromePath)) {
        throw new Error(`Browser was not found at ${this.options.chromePath}`);
      }
      const profile = await reclaimProfile(this.dataDir, this.accountId, this.log, this.options.hostIsLive);
      if (generation !== this.generation) return; // disconnected meanwhile
      if (profile === 'foreign') {
        this.phase = 'idle';
        this.reportFailure({
          kind: 'profile-in-use',
          retryable: true,
          message: "This account's WhatsApp login is in use by a Chapar worker on another host.",
        });
        return;
      }
      if (profile === 'free') {
        // The login store's copy goes in place before the browser opens the profile (LocalAuth
        // then finds it), never under a running library as RemoteAuth's restore does.
        await this.backups.restore();
        if (generation !== this.generation) return;
        await recordOwner(this.dataDir, this.accountId, this.log);
      }
      // Acks of sends from before a restart still reach the engine (as far as the journal goes back).
      for (const id of await this.journal.messageIds().catch(() => [])) this.sentIds.add(id);
      client = await (this.options.clientFactory ?? createWwebjsClient)(
        await wwebjsClientOptions({
          accountId: this.accountId,
          dataDir: this.dataDir,
          chromePath: this.options.chromePath,
          qrMaxRetries: this.options.qrMaxRetries ?? 5,
          authTimeoutMs: this.options.startTimeoutMs ?? 90_000,
          ...(this.options.webVersion ? { webVersion: this.options.webVersion } : {}),
          ...(this.options.webVersionCache ? { webVersionCache: this.options.webVersionCache } : {}),
        }),
      );
    } catch (error) {
      if (generation !== this.generation) return;
      this.phase = 'idle';
      this.reportFailure(
        error instanceof LoginRestoreError
          ? { kind: 'login-restore', retryable: true, message: error.message }
          : describeStartFailure(error, this.options.chromePath),
      );
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
    const failure: WwebjsFailure =
      outcome.ok === 'timeout'
        ? {
            kind: 'timeout',
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
    client.on('loading_screen', (percent: unknown) => {
      if (!live() || this.phase === 'ready') return;
      this.status({ status: 'CONNECTING' });
      if (this.linked) return;
      // The sync after a scan has no deadline in the library: give up when its progress stops.
      // The library emits only changed percentages, so each event is progress.
      this.phase = 'authenticating';
      const ms = this.options.loadingStallMs ?? 90_000;
      this.armReadyTimer(
        generation,
        ms,
        `WhatsApp Web stopped syncing at ${Number(percent) || 0}% for ${Math.round(ms / 1000)} s. Connect again; the login is kept.`,
      );
    });
    client.on('ready', () => {
      if (!live()) return;
      this.clearReadyTimer();
      this.phase = 'ready';
      this.phone = phoneOf(client.info?.wid);
      this.status({ status: 'READY', ...(this.phone ? { phone: this.phone } : {}) });
      this.readied.add(client);
      this.backups.start();
      this.startProbe(client, generation);
      this.catchUp(client, generation);
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
      // Only our sends: acks of messages from the phone or in groups are not the engine's.
      const messageId = this.sentIds.match(message);
      if (!messageId) return;
      this.emit({
        type: 'ack',
        messageId,
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
    // WhatsApp Web reloads itself now and then; the library re-injects, and may fail to
    // (auth timeout) with no event at all. Until READY comes back the account is not usable.
    client.pupPage?.on?.('framenavigated', (frame: FrameLike) => {
      if (generation !== this.generation || !this.linked) return;
      if (frame?.parentFrame?.()) return; // an iframe, not the page
      this.log.info({ accountId: this.accountId, url: frame?.url?.() }, 'WhatsApp Web reloaded');
      this.probe?.stop();
      this.phase = 'authenticating';
      this.status({ status: 'CONNECTING' });
      const ms = this.options.readyTimeoutMs ?? 120_000;
      this.armReadyTimer(
        generation,
        ms,
        `WhatsApp Web reloaded and did not come back within ${Math.round(ms / 1000)} s. Connect again; the login is kept.`,
      );
    });
  }

  /** The periodic getState(): a session that stopped answering is closed and reported retryable. */
  private startProbe(client: ClientLike, generation: number) {
    this.probe?.stop();
    if (!client.getState) return;
    this.probe = new StateProbe({
      intervalMs: this.options.probeIntervalMs ?? 60_000,
      failuresAllowed: this.options.probeFailures ?? 3,
      getState: () => client.getState!(),
      onDead: (detail) => {
        if (generation !== this.generation) return;
        this.log.warn({ accountId: this.accountId, detail }, 'WhatsApp Web stopped answering');
        this.failAndClose(client, {
          kind: 'unresponsive',
          retryable: true,
          message: `WhatsApp Web stopped answering (${detail}). Reconnecting; the login is kept.`,
        });
      },
    });
    this.probe.start();
  }

  /** Replies that arrived while Chapar was down or loading: read from the unread 1:1 chats. */
  private catchUp(client: ClientLike, generation: number) {
    unreadIncoming(client)
      .then(async (messages) => {
        for (const message of messages) {
          if (generation !== this.generation) return;
          await this.onIncoming(client, message);
        }
      })
      .catch((error: unknown) =>
        this.log.warn({ err: toError(error), accountId: this.accountId }, 'could not read unread chats'),
      );
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

  private armReadyTimer(generation: number, timeoutMs?: number, message?: string) {
    this.clearReadyTimer();
    const ms = timeoutMs ?? this.options.readyTimeoutMs ?? 120_000;
    this.readyTimer = setTimeout(() => {
      if (generation !== this.generation || !this.client) return;
      this.log.warn({ accountId: this.accountId }, 'WhatsApp Web did not become ready in time');
      this.failAndClose(this.client, {
        kind: 'timeout',
        retryable: true,
        message:
          message ??
          `WhatsApp Web did not finish loading within ${Math.round(ms / 1000)} s after linking. Connect again; the login is kept.`,
      });
    }, ms);
  }

  private clearReadyTimer() {
    clearTimeout(this.readyTimer);
    this.readyTimer = undefined;
  }

  /** FAILED is reported once Chromium is gone, so a reconnect right after it finds the profile free. */
  private failAndClose(client: ClientLike, failure: WwebjsFailure): Promise<void> {
    this.retire(client);
    return this.closing.then(() => this.reportFailure(failure));
  }

  private reportFailure(failure: WwebjsFailure) {
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
  private retire(
    client: ClientLike,
    options: { after?: Promise<void>; deleteAuth?: boolean; backup?: boolean } = {},
  ) {
    if (this.client === client) this.client = undefined;
    this.generation++;
    this.phase = 'idle';
    this.clearReadyTimer();
    this.probe?.stop();
    this.backups.stop();
    this.cancelStart?.();
    const previous = this.closing;
    this.closing = (async () => {
      await previous;
      if (options.after) await options.after;
      await this.closeClient(client);
      // A graceful close of a linked session: Chromium has flushed the profile, the best copy there is.
      if (options.backup && !options.deleteAuth && this.readied.has(client)) await this.backups.backup();
      // No backup may still be writing when the login is deleted or the profile reopened.
      await this.backups.settled();
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
      if (browserConnected(client)) await destroy();
    }
    const pid = browserPid(client);
    if (pid && isAlive(pid)) {
      this.log.warn({ accountId: this.accountId, pid }, 'Chromium outlived destroy(); killing it');
      killTree(pid);
    }
  }

  // -------------------------------------------------------------------------------------
  // Disconnecting
  // -------------------------------------------------------------------------------------

  /** Closes Chromium; the login stays on disk. Safe to call at any time, any number of times. */
  async disconnect(): Promise<void> {
    const client = this.client;
    if (client) {
      this.retire(client, { backup: true });
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
    const linked = this.linked;
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
    const id = message?.id?._serialized;
    if (id && !this.seenIncoming.first(id)) return;
    const sender = await replySender(client, message, {
      lids: this.lids,
      ...(this.options.isOptOutReply ? { wanted: this.options.isOptOutReply } : {}),
    });
    if (!sender) return;
    if (sender.kind === 'unresolved') {
      this.log.warn(
        { accountId: this.accountId, lid: sender.lid },
        'a reply came from a private LID whose phone number is unknown; it could not be matched',
      );
      return;
    }
    if (sender.lid) await this.lids.remember(sender.lid, sender.from).catch(() => {});
    this.emit({ type: 'message', from: sender.from, body: message.body ?? '' });
  }

  // -------------------------------------------------------------------------------------
  // Sending
  // -------------------------------------------------------------------------------------

  async send(message: WwebjsOutgoingMessage): Promise<{ messageId: string }> {
    const client = this.client;
    if (!client || !this.linked) {
      // The session manager learns of READY asynchronously, so this is a race, not a fault.
      throw notSent('not-connected', 'The WhatsApp account is not connected');
    }
    const digits = message.to.replace(/\D/g, '');
    if (digits.length < 6) throw new Error(`"${message.to}" is not a phone number.`);
    let chatId = await this.numbers.resolve(client, digits);

    const typing = message.typing ?? (this.options.typingMs ?? 0) > 0;
    const typingMs = this.options.typingMs ?? DEFAULT_TYPING_MS;
    if (typing && typingMs > 0) {
      try {
        const chat = await withTimeout(
          Promise.resolve().then(() => client.getChatById(chatId)),
          // getChatById has no timeout of its own; a hung page must not hold the send for ever.
          this.options.typingChatTimeoutMs ?? 10_000,
        );
        await chat?.sendStateTyping?.();
      } catch (error) {
        this.log.warn({ err: toError(error), accountId: this.accountId }, 'could not show typing');
      }
      await sleep(typingMs);
    }

    const prepared = await prepareSend(message, this.attachments);
    const sendTimeoutMs = sendTimeoutFor(
      prepared.bytes,
      this.options.sendTimeoutMs ?? 60_000,
      this.options.uploadBytesPerSecond ?? 32 * 1024,
    );
    const intentAt = Date.now();
    await this.journal.intent(message.ref, message.to, new Date(intentAt));

    let sent: MessageLike | null | undefined;
    try {
      try {
        sent = await sendWithTimeout(client, chatId, prepared.content, prepared.options, sendTimeoutMs);
      } catch (error) {
        if (!/No LID for user/i.test(errorText(error))) throw error;
        // WhatsApp Web forgot how to address this number; ask again (nothing was sent) and retry once.
        this.numbers.forget(digits);
        chatId = await this.numbers.resolve(client, digits);
        sent = await sendWithTimeout(client, chatId, prepared.content, prepared.options, sendTimeoutMs);
      }
      // null: the library found no chat for the id and returned before sending anything.
      if (sent === null) throw notSent('chat-unavailable', 'WhatsApp Web has no chat for this number yet');
    } catch (error) {
      const classified = classifySendError(error);
      if (classified instanceof NotSentError) {
        await this.journal.abandon(message.ref);
        if (classified.reason === 'page-lost') this.pageLost(client, errorText(error));
      }
      throw classified;
    }
    let messageId = sent?.id?._serialized;
    if (!messageId) {
      // whatsapp-web.js sends first and looks the message up afterwards; look in the chat.
      messageId = await findSentInChat(client, chatId, intentAt).catch(() => undefined);
      if (!messageId) throw unknownOutcome('WhatsApp Web did not return the sent message');
    }
    await this.journal.result(message.ref, messageId);
    this.sentIds.add(messageId);
    this.learnLid(client, chatId, message.to);
    if (prepared.followUp) await this.sendFollowUp(client, chatId, prepared.followUp);
    return { messageId };
  }

  /**
   * The text of an audio message, as its own message. The recipient already has the audio,
   * so a failure here is logged, not reported: sending the row again would repeat the audio.
   */
  private async sendFollowUp(client: ClientLike, chatId: string, text: string) {
    try {
      const sent = await sendWithTimeout(
        client,
        chatId,
        text,
        { sendSeen: false, waitUntilMsgSent: true },
        this.options.sendTimeoutMs ?? 60_000,
      );
      if (sent?.id?._serialized) this.sentIds.add(sent.id._serialized);
    } catch (error) {
      this.log.warn(
        { err: toError(error), accountId: this.accountId },
        'the text after an audio attachment could not be sent',
      );
    }
  }

  /** The page lost the library's helpers while READY: restart rather than fail every send. */
  private pageLost(client: ClientLike, detail: string) {
    if (client !== this.client || this.phase !== 'ready') return;
    this.log.warn({ accountId: this.accountId, detail }, 'WhatsApp Web lost its session page');
    this.failAndClose(client, {
      kind: 'unresponsive',
      retryable: true,
      message: `WhatsApp Web lost its session page (${detail}). Reconnecting; the login is kept.`,
    });
  }

  /** Remembers which private LID the number has, so its replies can be matched later. */
  private learnLid(client: ClientLike, chatId: string, phone: string) {
    if (!client.getContactLidAndPhone || this.lids.knowsPhone(phone)) return;
    Promise.resolve()
      .then(() => client.getContactLidAndPhone!([chatId]))
      .then(async ([pair]) => {
        if (pair?.lid?.endsWith('@lid')) await this.lids.remember(pair.lid, phone);
      })
      .catch((error: unknown) =>
        this.log.warn(
          { err: toError(error), accountId: this.accountId },
          'could not learn the LID of a number',
        ),
      );
  }

  // -------------------------------------------------------------------------------------
  // Crash lookup
  // -------------------------------------------------------------------------------------

  /**
   * After a crash: did the send with this ref go out? The journal answers when it has the
   * message id or no intent at all; an intent without a result is looked up in the chat.
   */
  async lookupSent(ref: string, to: string, attempt?: SendAttempt): Promise<SendLookup> {
    const known = await this.journal.find(ref);
    if (known && 'messageId' in known) return { sent: true, messageId: known.messageId };
    if (!known) {
      // The intent is journalled before every send, so on a shared disk absence means it
      // never went out. Another worker's journal is on its own disk: only the chat can say.
      const journalSeesIt = this.options.sharedDataDir !== false || !attempt?.byAnotherWorker;
      if (journalSeesIt) return { sent: false };
    }
    const client = this.client;
    if (!client || !this.linked) return { sent: 'unknown' };
    try {
      const digits = (known?.to ?? to).replace(/\D/g, '');
      const since = known?.intentAt ?? attempt?.attemptedAt?.getTime() ?? 0;
      const messageId = await findSentInChat(client, `${digits}@c.us`, since);
      if (messageId) {
        await this.journal.result(ref, messageId);
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
}
