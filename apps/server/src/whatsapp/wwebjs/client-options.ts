// Default import: the package is CommonJS, and its named exports (LocalAuth…) fail under ESM.
import wwebjs from 'whatsapp-web.js';
import type { ClientLike, WwebjsClientOptions } from './client-like';
import { wwebjsDir } from './files';

const { Client, LocalAuth } = wwebjs;

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

/** One account's Client: its own LocalAuth profile under `<dataDir>/wwebjs`, on the system Chromium. */
export function wwebjsClientOptions(options: {
  accountId: number;
  dataDir: string;
  chromePath: string;
  qrMaxRetries: number;
}): WwebjsClientOptions {
  return {
    authStrategy: new LocalAuth({
      clientId: `account-${options.accountId}`,
      dataPath: wwebjsDir(options.dataDir),
    }),
    puppeteer: {
      executablePath: options.chromePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      // Puppeteer's own handlers kill Chromium (and exit on SIGINT) before the server's graceful
      // shutdown can finish the send in flight; the session manager closes browsers itself.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    },
    qrMaxRetries: options.qrMaxRetries,
    // The 'local' cache writes WhatsApp Web's index.html into the working directory.
    webVersionCache: { type: 'none' },
  };
}

/** The real whatsapp-web.js Client (tests pass their own `clientFactory` instead). */
export function createWwebjsClient(options: WwebjsClientOptions): ClientLike {
  return new Client(options) as unknown as ClientLike;
}
