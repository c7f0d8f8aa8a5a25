import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer, type TestServer } from '../../../server/test/support/test-server';

const DIST_INDEX = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../__screenshots__/', import.meta.url));

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
}

/**
 * Starts the server and the browser before the file's tests and closes both after them.
 * `failureScreenshot` names the picture taken when a test fails.
 */
export function setUpBrowserSession(options: {
  failureScreenshot: string;
  acceptDownloads?: boolean;
  /** Server environment, read when the server starts (after the file's earlier `beforeAll`s). */
  env?: () => Record<string, string>;
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
  };

  beforeAll(async () => {
    if (!existsSync(DIST_INDEX)) {
      throw new Error('The SPA is not built: run `npm run build -w @chapar/web` first.');
    }
    session.server = await startTestServer(options.env ? { env: options.env() } : {});
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const context = await browser.newContext({
      locale: 'en-US',
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
