import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  type DriverEvent,
  NotOnWhatsAppError,
  type OutgoingMessage,
  type SendAttempt,
  type SendLookup,
  type WhatsAppDriver,
} from './driver';
import { appendDurably } from './durable-file';

export interface SandboxOptions {
  dataDir: string;
  /** Every worker's ledger is this DATA_DIR's (a shared volume). Default true; see WwebjsDriverOptions. */
  sharedDataDir?: boolean;
  /** Written into each ledger entry. */
  worker?: string;
  /** From connect to linked when no login is stored (the "scan"). */
  linkDelayMs: number;
  sendLatencyMs: number;
  deliveryDelayMs: number;
  readDelayMs: number;
  /** Share of sends that fail, 0–1. */
  failureRate: number;
  /** E.164 numbers the sandbox treats as not on WhatsApp. */
  unregistered?: ReadonlySet<string>;
}

/** One line of the outbox ledger: what the sandbox "delivered". */
export interface LedgerEntry {
  at: string;
  to: string;
  messageId: string;
  body: string;
  ref: string;
  /** The attachment, when the message had one. */
  media?: { fileName: string; mimeType: string };
  /** Which worker process sent it (WORKER_ID), so a cluster's ledger shows who sent what. */
  worker?: string;
}

export function sandboxLedgerPath(dataDir: string, accountId: number): string {
  return path.join(dataDir, 'sandbox', `${accountId}.jsonl`);
}

/**
 * Test mode: behaves like a linked phone without touching WhatsApp. It writes every
 * message it "delivers" to an append-only ledger (flushed to disk before `send`
 * resolves) that is independent of the engine's tables, so tests and users can check
 * exactly what went out.
 */
export class SandboxDriver implements WhatsAppDriver {
  private listeners: Array<(event: DriverEvent) => void> = [];
  private timers = new Set<NodeJS.Timeout>();
  private linked = false;
  private sequence = 0;
  private readonly dir: string;

  constructor(
    readonly accountId: number,
    private readonly options: SandboxOptions,
  ) {
    this.dir = path.join(options.dataDir, 'sandbox');
  }

  private get authFile() {
    return path.join(this.dir, `${this.accountId}.auth.json`);
  }

  private get ledgerFile() {
    return sandboxLedgerPath(this.options.dataDir, this.accountId);
  }

  /** A stable, obviously fake number per account (+98 990 range). */
  get phone(): string {
    return `+98990${String(this.accountId % 10_000_000).padStart(7, '0')}`;
  }

  onEvent(listener: (event: DriverEvent) => void): void {
    this.listeners.push(listener);
  }

  private emit(event: DriverEvent) {
    for (const listener of this.listeners) listener(event);
  }

  private later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  async connect(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    this.emit({ type: 'status', status: 'CONNECTING' });
    const hasLogin = await stat(this.authFile).then(
      () => true,
      () => false,
    );
    if (hasLogin) {
      this.later(Math.min(200, this.options.linkDelayMs), () => this.becomeReady());
      return;
    }
    this.emit({
      type: 'status',
      status: 'QR',
      qr: `chapar-sandbox:${this.accountId}:${randomBytes(12).toString('hex')}`,
    });
    this.later(this.options.linkDelayMs, () => {
      writeFile(this.authFile, JSON.stringify({ linkedAt: new Date().toISOString() })).then(
        () => this.becomeReady(),
        (error: Error) =>
          this.emit({
            type: 'status',
            status: 'FAILED',
            error: `Sandbox could not store its login: ${error.message}`,
          }),
      );
    });
  }

  private becomeReady() {
    this.linked = true;
    this.emit({ type: 'status', status: 'READY', phone: this.phone });
  }

  async disconnect(): Promise<void> {
    this.stopTimers();
    this.linked = false;
    this.emit({ type: 'status', status: 'DISCONNECTED' });
  }

  async logout(): Promise<void> {
    await this.disconnect();
    await rm(this.authFile, { force: true });
  }

  private stopTimers() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  async send(message: OutgoingMessage): Promise<{ messageId: string }> {
    if (!this.linked) throw new Error('The sandbox account is not linked.');
    if (this.options.unregistered?.has(message.to)) throw new NotOnWhatsAppError();
    if (this.options.sendLatencyMs > 0) await new Promise((r) => setTimeout(r, this.options.sendLatencyMs));
    if (!this.linked) throw new Error('The sandbox account was disconnected during the send.');
    if (this.options.failureRate > 0 && Math.random() < this.options.failureRate) {
      throw new Error('Sandbox: simulated delivery failure.');
    }
    const messageId = `sandbox_${this.accountId}_${Date.now().toString(36)}_${(this.sequence++).toString(36)}`;
    const entry: LedgerEntry = {
      at: new Date().toISOString(),
      to: message.to,
      messageId,
      body: message.text,
      ref: message.ref,
      ...(this.options.worker ? { worker: this.options.worker } : {}),
      ...(message.media
        ? {
            media: {
              fileName: message.media.fileName ?? path.basename(message.media.path),
              mimeType: message.media.mimeType,
            },
          }
        : {}),
    };
    await appendDurably(this.ledgerFile, `${JSON.stringify(entry)}\n`);
    this.later(this.options.deliveryDelayMs, () => this.emit({ type: 'ack', messageId, ack: 'DELIVERED' }));
    this.later(this.options.readDelayMs, () => this.emit({ type: 'ack', messageId, ack: 'READ' }));
    return { messageId };
  }

  /** Test mode: a reply from a recipient, as if typed on their phone. */
  simulateIncoming(from: string, body: string): void {
    this.emit({ type: 'message', from, body });
  }

  /** Test mode: the connection drops, or the phone unlinks this device (loggedOut). */
  async simulateDisconnect(options: { loggedOut: boolean }): Promise<void> {
    this.stopTimers();
    this.linked = false;
    if (options.loggedOut) await rm(this.authFile, { force: true });
    this.emit({
      type: 'status',
      status: 'DISCONNECTED',
      error: options.loggedOut
        ? 'This device was unlinked from the phone.'
        : 'The connection to WhatsApp dropped.',
      loggedOut: options.loggedOut,
    });
  }

  /** Test mode: the session dies while READY (a crashed browser): FAILED, and worth retrying. */
  simulateCrash(): void {
    this.stopTimers();
    this.linked = false;
    this.emit({ type: 'status', status: 'FAILED', error: 'The browser crashed.', retryable: true });
  }

  async lookupSent(ref: string, _to?: string, attempt?: SendAttempt): Promise<SendLookup> {
    for await (const entry of readLedger(this.ledgerFile)) {
      if (entry.ref === ref) return { sent: true, messageId: entry.messageId };
    }
    // The ledger is written before send resolves, so absence means it never went out,
    // unless another worker sent it into a ledger on its own disk.
    if (this.options.sharedDataDir === false && attempt?.byAnotherWorker) return { sent: 'unknown' };
    return { sent: false };
  }
}

/** Reads a ledger; a torn last line (power loss mid-write) is ignored. */
export async function* readLedger(file: string): AsyncGenerator<LedgerEntry> {
  const exists = await stat(file).then(
    () => true,
    () => false,
  );
  if (!exists) return;
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (!line.trim()) continue;
    try {
      yield JSON.parse(line) as LedgerEntry;
    } catch {
      // skip a partial line
    }
  }
}
