// Test support for the whatsapp-web.js driver: a stand-in Client and a driver built on it.
import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, vi } from 'vitest';
import type { DriverEvent } from './driver';
import {
  type ChatLike,
  type ClientLike,
  type FrameLike,
  type MessageLike,
  type WidLike,
  type WwebjsClientOptions,
  WwebjsDriver,
  type WwebjsDriverOptions,
  type WwebjsStatusEvent,
  wwebjsJournalPath,
} from './wwebjs-driver';

export const ME = '989120000001';
export const BOB = '+989121234567';
export const BOB_ID = '989121234567@c.us';

/** Stands in for whatsapp-web.js's Client: an EventEmitter whose methods are spies. */
export class FakeClient extends EventEmitter implements ClientLike {
  info: { wid?: WidLike } | null = null;
  pupBrowser: (EventEmitter & { isConnected(): boolean; process(): null }) | null = null;
  /** The puppeteer Page: tests emit 'framenavigated' on it. */
  pupPage = new EventEmitter();
  chat: ChatLike & { fetchMessages: ReturnType<typeof vi.fn>; sendStateTyping: ReturnType<typeof vi.fn> } = {
    fetchMessages: vi.fn(async (): Promise<MessageLike[]> => []),
    sendStateTyping: vi.fn(async () => true),
  };
  private sequence = 0;
  initialize = vi.fn(async (): Promise<unknown> => undefined);
  destroy = vi.fn(async (): Promise<unknown> => {
    this.emit('fake:destroyed');
    return undefined;
  });
  logout = vi.fn(async (): Promise<unknown> => undefined);
  getNumberId = vi.fn(
    async (digits: string): Promise<WidLike | null> => ({
      _serialized: `${digits}@c.us`,
      user: digits,
      server: 'c.us',
    }),
  );
  sendMessage = vi.fn(
    async (
      chatId: string,
      _content: unknown,
      _options?: Record<string, unknown>,
    ): Promise<MessageLike | null | undefined> => ({
      id: { _serialized: `true_${chatId}_MSG${++this.sequence}`, fromMe: true },
    }),
  );
  getChatById = vi.fn(async (_chatId: string): Promise<ChatLike | undefined> => this.chat);
  getContactLidAndPhone = vi.fn(
    async (ids: string[]): Promise<Array<{ lid?: string; pn?: string }>> =>
      ids.map((lid) => ({ lid, pn: BOB_ID })),
  );
  getState = vi.fn(async (): Promise<string | null> => 'CONNECTED');
  /** What getChats() answers (the unread catch-up on READY). */
  chats: ChatLike[] = [];
  getChats = vi.fn(async (): Promise<ChatLike[]> => this.chats);
  getContactById = vi.fn(
    async (_id: string): Promise<{ number?: string; id?: WidLike } | undefined> => undefined,
  );

  /** WhatsApp Web reloading itself: puppeteer reports the main frame navigating. */
  navigate(url = 'https://web.whatsapp.com/') {
    const frame: FrameLike = { url: () => url, parentFrame: () => null };
    this.pupPage.emit('framenavigated', frame);
  }

  /** initialize() that only ends (rejecting, like puppeteer) when the client is destroyed. */
  hangUntilDestroyed() {
    this.initialize.mockImplementation(
      () =>
        new Promise((_, reject) => {
          this.once('fake:destroyed', () => reject(new Error('Protocol error: Target closed')));
        }),
    );
  }

  becomeReady(user = ME) {
    this.info = { wid: { _serialized: `${user}@c.us`, user, server: 'c.us' } };
    this.emit('ready');
  }
}

const dirs: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export async function setup(
  options: Partial<WwebjsDriverOptions> = {},
  configure?: (client: FakeClient) => void,
) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-wwebjs-unit-'));
  dirs.push(dataDir);
  const clients: FakeClient[] = [];
  const clientOptions: WwebjsClientOptions[] = [];
  const driver = new WwebjsDriver(7, {
    dataDir,
    // Any executable passes the "is Chromium there" check; the fake never launches it.
    chromePath: process.execPath,
    clientFactory: (opts) => {
      clientOptions.push(opts);
      const client = new FakeClient();
      configure?.(client);
      clients.push(client);
      return client;
    },
    ...options,
  });
  const events: DriverEvent[] = [];
  driver.onEvent((event) => events.push(event));
  const statuses = () =>
    events.filter((e): e is WwebjsStatusEvent => e.type === 'status').map((e) => e.status);
  const lastStatus = () => events.filter((e): e is WwebjsStatusEvent => e.type === 'status').at(-1);
  const client = () => clients.at(-1)!;
  const ready = async () => {
    await driver.connect();
    client().becomeReady();
  };
  return { driver, dataDir, events, clients, clientOptions, statuses, lastStatus, client, ready };
}

export async function until(check: () => boolean, ms = 2000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function journalLines(dataDir: string) {
  const text = await readFile(wwebjsJournalPath(dataDir, 7), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
