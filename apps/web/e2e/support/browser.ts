import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server';

/** The documentation's pictures are rewritten only when asked: `UPDATE_SCREENSHOTS=1 npm test`. */
export const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';

const DIST_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../__screenshots__/', import.meta.url));
/** The pictures the README shows, kept in the repository. */
const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../../../docs/screenshots/', import.meta.url));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A test server and one page of the built SPA in a real Chromium, shared by a file's tests. */
export interface BrowserSession {
  /** Set by the file's `beforeAll`. */
  server: TestServer | undefined;
  page: Page;
  /** Uncaught errors in the page: a test expects none. */
  pageErrors: string[];
  /** For `onTestFailed`: leaves a picture and the browser's console for whoever debugs it. */
  reportFailure(): Promise<void>;
  /** Saves a full-page picture under `e2e/__screenshots__/`. */
  screenshot(fileName: string): Promise<void>;
  /**
   * Saves what a 1440×900 screen shows under `docs/screenshots/` (the documentation's
   * pictures), only when asked (`UPDATE_SCREENSHOTS=1`), so a plain test run leaves the tree clean.
   */
  docsScreenshot(fileName: string): Promise<void>;
}

/**
 * Starts the server and the browser before the file's tests and closes both after them.
 * `failureScreenshot` names the picture taken when a test fails.
 */
export function setUpBrowserSession(options: {
  failureScreenshot: string;
  acceptDownloads?: boolean;
  /**
   * The server's environment beyond the test defaults (e.g. a faster engine clock); a
   * function is read when the server starts (after the file's earlier `beforeAll`s).
   */
  env?: Record<string, string> | (() => Record<string, string>);
  /** The browser's own language (date pickers, number input); `en-US` by default. */
  locale?: string;
}): BrowserSession {
  let browser: Browser | undefined;
  const consoleLines: string[] = [];
  const session: BrowserSession = {
    server: undefined,
    page: undefined as unknown as Page,
    pageErrors: [],
    async reportFailure() {
      if (session.page.isClosed()) return;
      await mkdir(SCREENSHOTS, { recursive: true });
      await session.page
        .screenshot({ path: `${SCREENSHOTS}${options.failureScreenshot}`, fullPage: true })
        .catch(() => {});
      console.error(
        `browser console:\n${consoleLines.join('\n')}\npage errors:\n${session.pageErrors.join('\n')}`,
      );
    },
    async screenshot(fileName) {
      await mkdir(SCREENSHOTS, { recursive: true });
      await session.page.screenshot({ path: `${SCREENSHOTS}${fileName}`, fullPage: true });
    },
    async docsScreenshot(fileName) {
      if (!UPDATE_SCREENSHOTS) return;
      await mkdir(DOCS_SCREENSHOTS, { recursive: true });
      const before = session.page.viewportSize();
      await session.page.setViewportSize({ width: 1440, height: 900 });
      // Let the layout settle at the new size, and no caret or hover state show.
      await session.page.mouse.move(0, 0);
      await session.page.waitForTimeout(300);
      await session.page.screenshot({
        path: `${DOCS_SCREENSHOTS}${fileName}`,
        animations: 'disabled',
        caret: 'hide',
      });
      if (before) await session.page.setViewportSize(before);
    },
  };

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) {
      throw new Error('The SPA is not built: run `npm run build -w @chapar/web` first.');
    }
    const env = typeof options.env === 'function' ? options.env() : options.env;
    session.server = await startTestServer(env ? { env } : {});
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({
      locale: options.locale ?? 'en-US',
      viewport: { width: 1366, height: 900 },
      ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => session.pageErrors.push(error.message));
    page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    session.page = page;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await session.server?.close();
  }, 60_000);

  return session;
}
