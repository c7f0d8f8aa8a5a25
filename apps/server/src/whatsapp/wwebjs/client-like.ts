import type wwebjs from 'whatsapp-web.js';

// What the driver uses of whatsapp-web.js, so tests can substitute the Client.

/** A WhatsApp id as whatsapp-web.js serialises it (`98912…@c.us`). */
export interface WidLike {
  _serialized: string;
  user?: string;
  server?: string;
}

export interface MessageLike {
  /** `id.id` is the message's own key, the same whichever address (c.us or lid) the chat uses. */
  id: { _serialized: string; fromMe?: boolean; remote?: unknown; id?: string };
  from?: string;
  body?: string;
  type?: string;
  /** Seconds since the epoch. */
  timestamp?: number;
  isStatus?: boolean;
  fromMe?: boolean;
}

export interface ChatLike {
  id?: WidLike;
  isGroup?: boolean;
  unreadCount?: number;
  fetchMessages(options: { limit?: number; fromMe?: boolean }): Promise<MessageLike[]>;
  sendStateTyping?(): Promise<unknown>;
}

/** The puppeteer Browser, as far as we watch it (crash detection, last-resort kill). */
export interface BrowserLike {
  isConnected?(): boolean;
  process?(): { pid?: number } | null;
  on?(event: 'disconnected', listener: () => void): unknown;
}

/** A puppeteer Frame: the main frame has no parent. */
export interface FrameLike {
  url?(): string;
  parentFrame?(): unknown;
}

export interface ClientLike {
  info?: { wid?: WidLike } | null;
  pupBrowser?: BrowserLike | null;
  pupPage?: {
    on?(event: 'error', listener: (error: Error) => void): unknown;
    on?(event: 'framenavigated', listener: (frame: FrameLike) => void): unknown;
  } | null;
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
  /** The socket's WAState ('CONNECTED', 'OPENING', …); throws when the page is gone. */
  getState?(): Promise<string | null>;
  getChats?(): Promise<ChatLike[]>;
  getContactById?(id: string): Promise<{ number?: string; id?: WidLike } | undefined>;
  getContactLidAndPhone?(ids: string[]): Promise<Array<{ lid?: string; pn?: string }>>;
}

/** What the driver hands to the Client constructor (tests read it through `clientFactory`). */
export interface WwebjsClientOptions {
  authStrategy: InstanceType<typeof wwebjs.LocalAuth>;
  puppeteer: {
    executablePath: string;
    headless: boolean;
    args: string[];
    handleSIGINT: boolean;
    handleSIGTERM: boolean;
    handleSIGHUP: boolean;
  };
  qrMaxRetries: number;
  authTimeoutMs: number;
  webVersion?: string;
  webVersionCache:
    | { type: 'none' }
    | { type: 'local'; path: string; strict: boolean }
    | { type: 'remote'; remotePath: string; strict: boolean };
}
