// @vitest-environment node
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { en, type Messages } from '../src/i18n/en';
import { fa } from '../src/i18n/fa';
import type { Language } from '../src/i18n/language';
import { setUpBrowserSession } from './support/browser';
import { seedBusyUser } from './support/dashboard-data';
import { persianProblems, seriousViolations, type Violation } from './support/page-checks';

/**
 * Every page of the signed-in app, in Persian and English × light and dark, scanned by
 * axe-core: no serious or critical violation, contrast included. In Persian each page is
 * also right to left, has no native (Gregorian) date or time input, and shows no Latin
 * digit outside an isolated left-to-right fragment. One server, one browser, one signed-in
 * page; the theme is switched in place, so each page loads once per language.
 */

const session = setUpBrowserSession({ failureScreenshot: 'accessibility-failure.png', locale: 'fa-IR' });
const password = 'correct horse battery';
let campaignId = 0;

beforeAll(async () => {
  const { server, page } = session;
  if (!server) throw new Error('no server');
  const email = `a11y-${Date.now()}@example.com`;
  // The first user of a fresh server is its super admin, so the admin pages open too.
  const { client } = await seedBusyUser(server, { name: 'Sara Ahmadi', email, password });
  await client.admin.packages.create.mutate({
    title: 'Business',
    description: 'سه ماه، ۵٬۰۰۰ پیام',
    price: '490000',
    duration: 90,
    messageLimit: 5000,
  });
  await client.optOuts.add.mutate({ phones: ['+989121112233', '+989351234567'] });
  const list = await client.campaigns.list.query({ status: 'COMPLETED', limit: 1 });
  campaignId = list.items[0]!.id;

  await page.goto(`${server.url}/login?lang=en`);
  await page.getByRole('textbox', { name: en['auth.login.identifier'] }).fill(email);
  await page.getByLabel(en['auth.password']).fill(password);
  await page.getByRole('button', { name: en['auth.login.submit'] }).click();
  await page.getByRole('navigation', { name: en['nav.label'] }).waitFor();
}, 60_000);

/** Waits until the page has drawn its data: a heading, no skeleton or spinner, transitions over. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll('.mantine-Skeleton-root, .mantine-Loader-root')).every(
        (e) => !e.checkVisibility(),
      ),
    undefined,
    { timeout: 10_000 },
  );
  await page.waitForTimeout(250); // Mantine's transitions (collapse, popover) take 150–200 ms
}

/** Pages whose dark look goes into docs/screenshots (with UPDATE_SCREENSHOTS=1). */
const DARK_SCREENSHOTS: Record<string, string> = {
  '/dashboard': 'dashboard',
  '/campaigns/:id': 'campaign',
  'wizard: review, scheduled': 'wizard-review',
};

interface Findings {
  violations: Violation[];
  persian: string[];
  /** How long each page's scans took, printed for whoever tunes the test's runtime. */
  timings: string[];
}

/** Scans what the page shows in the current theme, then in the other one (switched in place). */
async function scanBothThemes(page: Page, m: Messages, language: Language, where: string, found: Findings) {
  const started = Date.now();
  for (let pass = 0; pass < 2; pass++) {
    const scheme = await page.evaluate(() => document.documentElement.dataset.mantineColorScheme ?? '');
    const label = `${where} [${language}, ${scheme}]`;
    found.violations.push(...(await seriousViolations(page, label, { coloursOnly: pass === 1 })));
    if (language === 'fa' && pass === 0) found.persian.push(...(await persianProblems(page, label)));
    const shot = DARK_SCREENSHOTS[where.replace(/^\/campaigns\/\d+$/, '/campaigns/:id')];
    if (shot && scheme === 'dark') await session.docsScreenshot(`${shot}.dark.${language}.png`);
    if (pass === 0) {
      await page.getByRole('banner').getByRole('button', { name: m['header.darkTheme'] }).click();
      await page.waitForFunction(
        (before) => document.documentElement.dataset.mantineColorScheme !== before,
        scheme,
      );
      await page.waitForTimeout(100);
    }
  }
  found.timings.push(`${where} [${language}] ${Date.now() - started} ms`);
}

async function visit(page: Page, url: string, m: Messages, language: Language, found: Findings) {
  const started = Date.now();
  await page.goto(url);
  await settled(page);
  found.timings.push(`${new URL(url).pathname} [${language}] loaded in ${Date.now() - started} ms`);
  await scanBothThemes(page, m, language, new URL(url).pathname, found);
}

/** The wizard, step by step, with each step's optional parts open. */
async function walkWizard(page: Page, base: string, m: Messages, language: Language, found: Findings) {
  await page.goto(`${base}/campaigns/new?lang=${language}`);
  await page.getByRole('textbox', { name: m['create.titleLabel'] }).fill(language === 'fa' ? 'حراج' : 'Sale');
  await page
    .getByRole('textbox', { name: m['create.message'] })
    .fill(language === 'fa' ? 'سلام {{name}}، *حراج* شروع شد!' : 'Hi {{name}}, the *sale* is on!');
  await settled(page);
  await scanBothThemes(page, m, language, 'wizard: message', found);

  await page.getByRole('button', { name: m['wizard.next'], exact: true }).click();
  const recipients = page.getByRole('textbox', { name: m['recipients.input.label'] });
  await recipients.fill(['09121234567, Ali', '۰۹۳۵۱۱۱۲۲۰۱, مریم', '12345'].join('\n'));
  await page.getByRole('button', { name: m['recipients.add.submit'] }).click();
  await page.getByRole('alert').first().waitFor();
  await settled(page);
  await scanBothThemes(page, m, language, 'wizard: recipients', found);

  await page.getByRole('button', { name: m['wizard.next'], exact: true }).click();
  await page.getByRole('button', { name: m['pacing.toggle'] }).click();
  await page.getByTestId('wizard-duration').waitFor();
  await settled(page);
  await scanBothThemes(page, m, language, 'wizard: sending', found);

  await page.getByRole('button', { name: m['wizard.next'], exact: true }).click();
  await page.getByRole('region', { name: m['wizard.review.summary'] }).waitFor();
  await page.getByRole('radio', { name: m['wizard.review.later'] }).check();
  await settled(page);
  await scanBothThemes(page, m, language, 'wizard: review, scheduled', found);
}

describe('every page, in both languages and themes', () => {
  it('has no serious accessibility problem, and Persian pages are right to left with Persian digits and dates', async ({
    onTestFailed,
  }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');
    const found: Findings = { violations: [], persian: [], timings: [] };
    const pages = [
      '/dashboard',
      '/campaigns',
      `/campaigns/${campaignId}`,
      '/whatsapp',
      '/opt-outs',
      '/settings',
      '/settings/webhooks',
      '/pricing',
      '/admin/users',
      '/admin/packages',
      '/admin/campaigns',
      '/admin/payments',
      '/admin/system',
      '/admin/audit',
    ];
    const started = Date.now();
    for (const language of ['fa', 'en'] as const) {
      const m = language === 'fa' ? fa : en;
      for (const path of pages)
        await visit(page, `${server.url}${path}?lang=${language}`, m, language, found);
      await walkWizard(page, server.url, m, language, found);
    }
    console.info(`scanned in ${Math.round((Date.now() - started) / 1000)} s:\n${found.timings.join('\n')}`);

    expect({ violations: found.violations, persian: found.persian }).toEqual({ violations: [], persian: [] });
    expect(pageErrors).toEqual([]);
  }, 360_000);
});
