// @vitest-environment node
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/support/test-server';

/**
 * A new user's first campaign, through the built SPA in a real Chromium: register, add a
 * sandbox (test mode) account, link it, create a campaign for three numbers written three
 * ways, start it and watch it complete live.
 */

const DIST_INDEX = fileURLToPath(new URL('../dist/index.html', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('./__screenshots__/', import.meta.url));

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Generous for a 2-core machine: three sends at FIVE_SECONDS with jitter take ~10–20 s. */
const COMPLETE_WITHIN_MS = 60_000;

let server: TestServer | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
const consoleLines: string[] = [];

beforeAll(async () => {
  if (!existsSync(DIST_INDEX)) {
    throw new Error('The SPA is not built: run `npm run build -w @chapar/web` first.');
  }
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
}, 60_000);

/** On failure, leaves a picture and the browser's console for whoever debugs it. */
async function reportFailure(): Promise<void> {
  if (page.isClosed()) return;
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}failure.png`, fullPage: true }).catch(() => {});
  console.error(`browser console:\n${consoleLines.join('\n')}\npage errors:\n${pageErrors.join('\n')}`);
}

describe('first campaign', () => {
  it('registers, links a sandbox account and sends three messages', async ({ onTestFailed }) => {
    onTestFailed(reportFailure);
    if (!server) throw new Error('no server');
    const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
    const phone = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;

    // Register (the form is in English by ?lang=en whatever the browser says).
    await page.goto(`${server.url}/register?lang=en`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Sara E2E');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill(`e2e-${unique}@example.com`);
    await page.getByRole('textbox', { name: 'Mobile phone' }).fill(phone);
    // A password field has no ARIA role, hence by label.
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();

    // A new user lands on the WhatsApp accounts page, signed in.
    await page.getByRole('heading', { name: 'WhatsApp accounts', level: 1 }).waitFor();
    await page.getByRole('banner').getByText('Sara E2E').waitFor();

    // Add a test-mode account and connect it: the sandbox links by itself.
    await page.getByRole('textbox', { name: 'Label', exact: true }).fill('Test phone');
    await page.getByRole('combobox', { name: 'Connection' }).selectOption('sandbox');
    await page.getByRole('button', { name: 'Add account' }).click();
    const card = page.getByRole('region', { name: 'Test phone' });
    await card.getByRole('button', { name: 'Connect' }).click();
    await card.locator('[data-status="READY"]').waitFor({ timeout: 15_000 });
    await page.getByRole('status', { name: 'WhatsApp status' }).getByText('Test phone: Ready').waitFor();

    // Create the campaign with three recipients written in different ways.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Campaigns' })
      .click();
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill('First campaign');
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello from Chapar!');
    await page.getByRole('combobox', { name: 'Pace' }).selectOption('FIVE_SECONDS');
    await page
      .getByRole('combobox', { name: 'WhatsApp account' })
      .selectOption({ label: 'Test phone (Ready)' });
    await page
      .getByRole('textbox', { name: 'Recipients' })
      .fill(['0912 123 4567, Ali', '+98 912 123 4568', '۰۹۱۲۱۲۳۴۵۶۹، سارا'].join('\n'));
    await page.getByText('3 lines: 3 valid, 0 invalid, 0 repeated').waitFor();
    await page.getByRole('button', { name: 'Create campaign' }).click();

    // The campaign page shows what the import did, and the campaign is ready.
    await page.waitForURL(/\/campaigns\/\d+$/);
    await page.getByText('Added 3, skipped 0, invalid 0.').waitFor();
    const status = page.getByTestId('campaign-status');
    await page.locator('[data-testid="campaign-status"][data-status="READY"]').waitFor();

    // Start, and watch it finish live (no reload).
    await page.getByRole('button', { name: 'Start' }).click();
    await page
      .locator('[data-testid="campaign-status"][data-status="COMPLETED"]')
      .waitFor({ timeout: COMPLETE_WITHIN_MS });
    await page.locator('[data-testid="count-sent"][data-value="3"]').waitFor();
    expect(await status.textContent()).toBe('Completed');
    expect(await page.getByTestId('count-total').getAttribute('data-value')).toBe('3');
    expect(await page.getByTestId('count-failed').getAttribute('data-value')).toBe('0');

    // Every number, normalised, is in the table, and none is still waiting.
    const table = page.getByRole('table', { name: 'Recipients' });
    for (const e164 of ['+989121234567', '+989121234568', '+989121234569']) {
      await table.getByRole('cell', { name: e164 }).waitFor();
    }
    await table
      .locator('[data-status="SENT"], [data-status="DELIVERED"], [data-status="READ"]')
      .nth(2)
      .waitFor();
    expect(await table.locator('[data-status="PENDING"], [data-status="SENDING"]').count()).toBe(0);
    // No action is left to take on a completed campaign.
    expect(await page.getByRole('button', { name: /^(Start|Pause|Resume|Cancel)$/ }).count()).toBe(0);

    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}campaign-completed.png`, fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
