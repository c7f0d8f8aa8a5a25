import type wwebjs from 'whatsapp-web.js';

let loading: Promise<typeof wwebjs> | undefined;

/**
 * whatsapp-web.js (and puppeteer under it), loaded when the first real account starts:
 * a server with only sandbox accounts, or none, never holds the library in memory.
 * Default export: the package is CommonJS, and its named exports (LocalAuth…) fail under ESM.
 */
export function loadWwebjs(): Promise<typeof wwebjs> {
  loading ??= import('whatsapp-web.js').then((module) => module.default);
  return loading;
}
