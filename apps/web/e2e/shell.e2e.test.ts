// @vitest-environment node
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpBrowserSession, UPDATE_SCREENSHOTS } from './support/browser';
import { seedBusyUser } from './support/dashboard-data';

/**
 * The shell around the pages, in a real Chromium: the language (by ?lang= and by the
 * switch, remembered on reload and for the user on another device), the command palette,
 * the dark theme, and the dashboard in both languages (its pictures go to docs/screenshots).
 */

const session = setUpBrowserSession({ failureScreenshot: 'shell-failure.png' });
const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const password = 'correct horse battery';
let email = '';

async function logIn(page: Page, url: string, identifier: string) {
  await page.goto(`${url}/login`);
  await page.locator('input[name="identifier"], input[autocomplete="username"]').first().fill(identifier);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByRole('navigation').first().waitFor();
}

const htmlLang = (page: Page) =>
  page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));

// Runs after the session's own beforeAll (server and browser): one busy user, signed in.
beforeAll(async () => {
  const { server, page } = session;
  if (!server) throw new Error('no server');
  email = `busy-${Date.now()}@example.com`;
  await seedBusyUser(server, { name: 'Sara Ahmadi', email, password });
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, server.url, email);
}, 60_000);

describe('shell', () => {
  it('shows the dashboard with a month of data, in Persian and English', async ({ onTestFailed }) => {
    onTestFailed(session.reportFailure);
    const { server, page } = session;
    if (!server) throw new Error('no server');

    await page.goto(`${server.url}/dashboard?lang=en`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Yalda night offer' }).waitFor();
    await page.locator('.recharts-surface').waitFor();
    await page.waitForTimeout(600); // the chart's entry animation
    if (UPDATE_SCREENSHOTS) await page.screenshot({ path: `${DOCS_SCREENSHOTS}dashboard.en.png` });
    // Each series is drawn (recharts 2 under React 19 needs the react-is shim for this).
    expect(await page.locator('.recharts-area-area').count()).toBe(4);
    // The month's figures are the seeded history's (read from the rollups, not zero; the seed
    // has messages up to a few minutes ago, so even a month's first hour has some).
    const monthSent = await page.getByTestId('This month-sent').textContent();
    expect(Number(monthSent?.replace(/\D/g, ''))).toBeGreaterThan(0);

    await page.goto(`${server.url}/dashboard?lang=fa`);
    await page.getByRole('heading', { name: 'داشبورد', level: 1 }).waitFor();
    await page.locator('.recharts-surface').waitFor();
    await page.waitForTimeout(600);
    expect(await page.getByTestId('messages-left').textContent()).toContain('۶۳');
    if (UPDATE_SCREENSHOTS) await page.screenshot({ path: `${DOCS_SCREENSHOTS}dashboard.fa.png` });
  });

  it('switches language by ?lang and by the switch, and remembers it after reload and for the user', async ({
    onTestFailed,
  }) => {
    onTestFailed(session.reportFailure);
    const { server, page } = session;
    if (!server) throw new Error('no server');

    await page.goto(`${server.url}/dashboard?lang=fa`);
    await page.getByRole('heading', { name: 'داشبورد', level: 1 }).waitFor();
    expect(await htmlLang(page)).toEqual({ lang: 'fa', dir: 'rtl' });
    await page.goto(`${server.url}/whatsapp`);
    await page.getByRole('heading', { name: 'حساب‌های واتس‌اپ', level: 1 }).waitFor();
    expect(await htmlLang(page)).toEqual({ lang: 'fa', dir: 'rtl' });

    await page.getByRole('combobox', { name: 'زبان' }).selectOption('en');
    await page.getByRole('heading', { name: 'WhatsApp accounts', level: 1 }).waitFor();
    expect(await htmlLang(page)).toEqual({ lang: 'en', dir: 'ltr' });
    await page.reload();
    await page.getByRole('heading', { name: 'WhatsApp accounts', level: 1 }).waitFor();
    expect(await htmlLang(page)).toEqual({ lang: 'en', dir: 'ltr' });

    // Back to Persian by the switch; another device (no stored choice) follows the user.
    const saved = page.waitForResponse((r) => r.url().includes('auth.updateProfile'));
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fa');
    await page.getByRole('heading', { name: 'حساب‌های واتس‌اپ', level: 1 }).waitFor();
    expect((await saved).ok()).toBe(true);
    const other = await page.context().browser()!.newContext({ locale: 'en-US' });
    try {
      const second = await other.newPage();
      await logIn(second, server.url, email);
      await second.waitForFunction(() => document.documentElement.lang === 'fa');
      expect(await htmlLang(second)).toEqual({ lang: 'fa', dir: 'rtl' });
      await second
        .getByRole('navigation', { name: 'منوی اصلی' })
        .getByRole('link', { name: 'داشبورد' })
        .waitFor();
    } finally {
      await other.close();
    }
  });

  it('jumps to a campaign from the command palette (Ctrl+K)', async ({ onTestFailed }) => {
    onTestFailed(session.reportFailure);
    const { server, page } = session;
    if (!server) throw new Error('no server');
    await page.goto(`${server.url}/dashboard?lang=en`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();

    await page.keyboard.press('Control+k');
    const search = page.getByRole('textbox', { name: 'Search pages, campaigns and actions' });
    await search.waitFor();
    await search.fill('autumn');
    await page.getByRole('button', { name: 'New autumn collection' }).click();
    await page.getByRole('heading', { name: 'New autumn collection' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/campaigns\/\d+$/);
  });

  it('toggles the dark theme by the button and by the T shortcut, and keeps it on reload', async ({
    onTestFailed,
  }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');
    const scheme = () => page.evaluate(() => document.documentElement.dataset.mantineColorScheme);
    await page.goto(`${server.url}/dashboard?lang=en`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(await scheme()).toBe('light');

    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await scheme()).toBe('dark');
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect(await scheme()).toBe('dark');

    await page.keyboard.press('t');
    expect(await scheme()).toBe('light');

    // After the palette was opened and closed, shortcuts still work: the help dialog lists them.
    await page.keyboard.press('Control+k');
    await page.getByRole('textbox', { name: 'Search pages, campaigns and actions' }).waitFor();
    await page.keyboard.press('Escape');
    await page
      .getByRole('textbox', { name: 'Search pages, campaigns and actions' })
      .waitFor({ state: 'hidden' });
    await page.keyboard.press('Shift+Slash');
    await page
      .getByRole('dialog', { name: 'Keyboard shortcuts' })
      .getByText('Switch light / dark theme')
      .waitFor();
    expect(pageErrors).toEqual([]);
  });
});
