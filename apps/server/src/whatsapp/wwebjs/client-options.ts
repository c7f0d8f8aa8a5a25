import type { ClientLike, WwebjsClientOptions } from './client-like';
import type { WebVersionCache } from './driver-options';
import { wwebjsDir, wwebjsWebCacheDir } from './files';
import { loadWwebjs } from './library';

/** The flags every account's Chromium starts with (also measured by scripts/bench/browser-memory.ts). */
export const CHROMIUM_ARGS = [
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
export async function wwebjsClientOptions(options: {
  accountId: number;
  dataDir: string;
  chromePath: string;
  qrMaxRetries: number;
  /** Chapar's own start timeout: the library's wait for WhatsApp Web (30 s by default) must not be shorter. */
  authTimeoutMs: number;
  webVersion?: string;
  webVersionCache?: WebVersionCache;
}): Promise<WwebjsClientOptions> {
  const { LocalAuth } = await loadWwebjs();
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
    authTimeoutMs: options.authTimeoutMs,
    ...(options.webVersion ? { webVersion: options.webVersion } : {}),
    webVersionCache: webVersionCacheOptions(options.webVersionCache, options.dataDir),
  };
}

/**
 * The library's cache option. 'local' defaults to `./.wwebjs_cache/` in the working
 * directory, so it is pointed under the data dir; 'none' (live page) is the default.
 */
function webVersionCacheOptions(
  cache: WebVersionCache | undefined,
  dataDir: string,
): WwebjsClientOptions['webVersionCache'] {
  if (!cache || cache.type === 'none') return { type: 'none' };
  if (cache.type === 'local') {
    return { type: 'local', path: wwebjsWebCacheDir(dataDir), strict: cache.strict ?? false };
  }
  return { type: 'remote', remotePath: cache.remotePath, strict: cache.strict ?? false };
}

/** The real whatsapp-web.js Client (tests pass their own `clientFactory` instead). */
export async function createWwebjsClient(options: WwebjsClientOptions): Promise<ClientLike> {
  const { Client } = await loadWwebjs();
  return new Client(options) as unknown as ClientLike;
}
