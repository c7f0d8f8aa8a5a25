import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { en, type MessageKey, type Messages } from '../../src/i18n/en';
import { fa } from '../../src/i18n/fa';
import { type Language, localeOf } from '../../src/i18n/language';
import { translate, type Vars } from '../../src/i18n/translate';
import type { BrowserSession } from './browser';
import {
  addSandboxAccount,
  awaitCompletion,
  connectAndAwaitReady,
  fillNewCampaign,
  finishWizard,
  registerNewUser,
} from './flows';

/** What differs between the Persian and the English run: the words a user of each would type. */
export interface FirstCampaignData {
  language: Language;
  userName: string;
  accountLabel: string;
  title: string;
  message: string;
  /** Pasted lines `phone, name` (valid, Iranian mobiles); the first is not on WhatsApp. */
  recipients: Array<[phone: string, e164: string, name: string]>;
  /** Further campaigns made from code, so the list looks lived in. */
  others: { ready: string; scheduled: string; draft: string };
}

/** The numbers the sandbox treats as not on WhatsApp (SKIPPED, never sent). */
export const UNREGISTERED = ['+989123330001'];

/** Server settings for both runs: an engine clock 5× faster, one number not on WhatsApp. */
export const FIRST_CAMPAIGN_ENV = {
  ENGINE_TIME_SCALE: '5',
  SANDBOX_UNREGISTERED_NUMBERS: UNREGISTERED.join(','),
};

/** The dictionary's text with placeholders filled as the page fills them (same digits). */
export function text(language: Language, key: MessageKey, vars?: Vars): string {
  const numbers = new Intl.NumberFormat(localeOf(language));
  return translate(language === 'fa' ? fa : en, key, vars, (n) => numbers.format(n));
}

/**
 * No English words on a Persian page: every Latin word visible is one a Persian UI keeps
 * as is (CSV, the template's `{{name}}`, the language switch's "English", and the
 * command palette's key cap "Ctrl", printed in Latin on Persian keyboards too).
 */
async function expectNoEnglish(page: Page): Promise<void> {
  // biome-ignore lint/performance/useDomNodeTextContent: what is shown is the point, not the DOM's text.
  const visible = await page.locator('body').innerText();
  const words = visible.match(/[A-Za-z]{2,}/g) ?? [];
  expect(words.filter((w) => !['CSV', 'name', 'English', 'Ctrl'].includes(w))).toEqual([]);
}

/**
 * A new user's first campaign through the built SPA: register, add a sandbox account that
 * links by itself within 3 s, go through the wizard (message with live preview → pasted
 * recipients with the report → account and pace → review and start), watch it complete
 * live, browse the recipients by tab, sort and search, duplicate it, then find it in the
 * campaigns list by its filters. Saves the documentation's screenshots on the way.
 */
export async function firstCampaign(session: BrowserSession, data: FirstCampaignData): Promise<void> {
  const { server, page, pageErrors } = session;
  if (!server) throw new Error('no server');
  const lang = data.language;
  const m: Messages = lang === 'fa' ? fa : en;
  const t = (key: MessageKey, vars?: Vars) => text(lang, key, vars);
  const num = (n: number) => new Intl.NumberFormat(localeOf(lang)).format(n);

  // Register: a new user lands on the dashboard, signed in, in their language, and follows its
  // first step to the WhatsApp accounts page.
  const credentials = await registerNewUser(
    page,
    server.url,
    { name: data.userName, emailPrefix: `first-${lang}` },
    m,
  );
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
  expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'fa' ? 'rtl' : 'ltr');
  await page.getByRole('banner').getByText(data.userName).waitFor();

  // The navigation sits at the start side: right of the page's heading in Persian, left of it in English.
  const nav = await page.getByRole('navigation', { name: m['nav.label'] }).boundingBox();
  const heading = await page.getByRole('heading', { name: m['accounts.title'], level: 1 }).boundingBox();
  if (!nav || !heading) throw new Error('navigation or heading not laid out');
  const middle = page.viewportSize()!.width / 2;
  if (lang === 'fa') {
    expect(nav.x).toBeGreaterThanOrEqual(heading.x + heading.width - 1);
    expect(nav.x + nav.width / 2).toBeGreaterThan(middle);
  } else {
    expect(nav.x + nav.width).toBeLessThanOrEqual(heading.x + 1);
    expect(nav.x + nav.width / 2).toBeLessThan(middle);
  }

  // A test-mode account links by itself, no scan, within 3 s of Connect.
  const card = await addSandboxAccount(page, m, data.accountLabel);
  expect(await connectAndAwaitReady(card, m)).toBeLessThanOrEqual(3_000);

  // Wizard, step 1: the message, previewed live as it is written.
  await fillNewCampaign(page, { title: data.title, message: data.message }, m);

  // Step 2: paste the recipients (plus a repeated and an invalid line) and read the report.
  const lines = data.recipients.map(([phone, , name]) => `${phone}, ${name}`);
  const pasted = [...lines, lines[1]!, '12345'];
  await page.getByRole('textbox', { name: m['recipients.input.label'] }).fill(pasted.join('\n'));
  const valid = data.recipients.length;
  await page
    .getByText(t('recipients.input.summary', { rows: pasted.length, valid, invalid: 1, duplicates: 1 }))
    .waitFor();
  await page.getByRole('button', { name: m['recipients.add.submit'] }).click();
  await page.getByText(t('report.summary', { added: valid, skipped: 1, invalid: 1 })).waitFor();
  await page.getByText(t('wizard.recipients.count', { count: num(valid) })).waitFor();
  // The refused line is told why, in the user's language.
  await page.getByText(m['campaigns.rejection.invalid']).waitFor();
  if (lang === 'fa') await expectNoEnglish(page);

  // Step 1 again: the preview now shows the first pasted recipient's own message.
  await page.getByRole('button', { name: m['wizard.step.content'] }).click();
  const firstName = data.recipients[0]![2];
  await expect.poll(() => page.getByTestId('create-preview').textContent()).toContain(firstName);
  await page.getByRole('button', { name: m['wizard.next'], exact: true }).click();

  // Steps 3 and 4: the account and pace, then the review, and start.
  await finishWizard(page, { start: true, account: data.accountLabel }, m);
  const status = page.getByTestId('campaign-status');

  // The campaign page follows it live to the end; the unregistered number is skipped.
  await awaitCompletion(page, valid - UNREGISTERED.length);
  expect(await status.textContent()).toBe(m['campaignStatus.COMPLETED']);
  expect(await page.getByTestId('count-total').textContent()).toBe(num(valid));
  expect(await page.getByTestId('count-skipped').textContent()).toBe(num(UNREGISTERED.length));
  expect(await page.getByTestId('count-failed').getAttribute('data-value')).toBe('0');
  const progress = page.getByRole('progressbar', { name: m['campaign.progress'] });
  expect(await progress.getAttribute('aria-valuenow')).toBe('100');

  // Recipients, by outcome: the tabs count from the counters; each shows its own rows.
  const table = page.getByRole('table', { name: m['recipients.title'] });
  const tabs = page.getByRole('tablist', { name: m['campaigns.recipients.tabs'] });
  await tabs.getByRole('tab', { name: `${m['campaigns.recipients.tab.skipped']} (${num(1)})` }).click();
  await table.getByRole('cell', { name: UNREGISTERED[0] }).waitFor();
  await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
  await tabs.getByRole('tab', { name: `${m['campaigns.recipients.tab.waiting']} (${num(0)})` }).click();
  await page.getByText(m['campaigns.recipients.noMatch']).waitFor();
  await tabs.getByRole('tab', { name: `${m['campaigns.recipients.tab.all']} (${num(valid)})` }).click();
  await expect.poll(() => table.locator('tbody tr').count()).toBe(valid);

  // Sorted by name (the server sorts), then found by part of a number written locally.
  const nameHeader = table.getByRole('columnheader', { name: new RegExp(m['recipients.col.name']) });
  await nameHeader.getByRole('button').click();
  await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');
  const sortedNames = [...data.recipients.map((r) => r[2])].sort((a, b) =>
    a.localeCompare(b, localeOf(lang)),
  );
  await expect
    .poll(async () => (await table.locator('tbody tr td:nth-child(2)').allTextContents()).slice(0, 2))
    .toEqual(sortedNames.slice(0, 2));
  await nameHeader.getByRole('button').click();
  await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('descending');
  const [, lastE164, lastName] = data.recipients[data.recipients.length - 1]!;
  const search = page.getByRole('searchbox', { name: m['campaigns.recipients.search'] });
  await search.fill(`0${lastE164.slice(3, 10)}`);
  await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
  await table.getByRole('cell', { name: lastName }).waitFor();
  await search.fill('');
  await expect.poll(() => table.locator('tbody tr').count()).toBe(valid);
  // Back to A to Z by name for the picture.
  await nameHeader.getByRole('button').click();
  await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe('ascending');

  // Exports are plain links to the server's streams, in the page's language and the browser's zone.
  expect(await page.getByRole('link', { name: m['export.csv'] }).getAttribute('href')).toMatch(
    new RegExp(`^/api/campaigns/\\d+/recipients\\.csv\\?lang=${lang}&tz=[\\w%+-]+$`),
  );

  if (lang === 'fa') await expectNoEnglish(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await session.docsScreenshot(`campaign.${lang}.png`);
  const campaignUrl = page.url();

  // Duplicate: a ready copy with the same recipients opens.
  await page.getByRole('button', { name: m['campaigns.duplicate'] }).click();
  await page.getByText(m['campaigns.duplicated']).waitFor();
  await page.waitForURL((url) => url.href !== campaignUrl && /\/campaigns\/\d+$/.test(url.pathname));
  await page.locator('[data-testid="campaign-status"][data-status="READY"]').waitFor();
  expect(await page.getByTestId('count-total').getAttribute('data-value')).toBe(String(valid));
  const copyTitle = t('campaigns.copyTitle', { title: data.title });
  await page.getByRole('heading', { name: copyTitle, level: 1 }).waitFor();

  // Start the copy and follow it: the rate shows while it runs; pause (told why, in the
  // user's language), resume, then cancel, which skips whoever was not reached yet.
  const copyStatus = (value: string) =>
    page.locator(`[data-testid="campaign-status"][data-status="${value}"]`);
  await page.getByRole('button', { name: m['campaign.start'], exact: true }).click();
  await copyStatus('RUNNING').waitFor();
  await page.getByTestId('campaign-pace').waitFor();
  await page.getByRole('button', { name: m['campaign.pause'], exact: true }).click();
  await copyStatus('PAUSED').waitFor();
  await page.getByText(m['campaigns.paused.USER']).waitFor();
  await page.getByRole('button', { name: m['campaign.resume'], exact: true }).click();
  await copyStatus('RUNNING').waitFor();
  await page.getByRole('button', { name: m['campaign.cancel'], exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: m['campaign.cancel.confirm'] }).click();
  await copyStatus('CANCELLED').waitFor();
  await expect
    .poll(async () => Number(await page.getByTestId('count-skipped').getAttribute('data-value')))
    .toBeGreaterThan(1);

  // More campaigns, made from code with the same account, so the list has some history.
  const anonymous = server.client();
  const { token } = await anonymous.auth.login.mutate({
    identifier: credentials.email,
    password: credentials.password,
  });
  const client = server.client(token);
  const [account] = await client.whatsapp.list.query();
  const make = async (title: string, phones: string[]) => {
    const c = await client.campaigns.create.mutate({
      title,
      message: data.message,
      whatsappAccountId: account!.id,
    });
    if (phones.length > 0) {
      await client.campaigns.addRecipients.mutate({
        campaignId: c.id,
        recipients: phones.map((phone) => ({ phone })),
      });
    }
    return c;
  };
  const phones = data.recipients.map((r) => r[1]);
  await make(data.others.ready, phones.slice(0, 6));
  const scheduled = await make(data.others.scheduled, phones);
  await client.campaigns.start.mutate({
    id: scheduled.id,
    scheduledAt: new Date(Date.now() + 2 * 86_400_000),
  });
  await make(data.others.draft, []);

  // The list: five campaigns, newest first; found by title, by status, by account.
  await page
    .getByRole('navigation', { name: m['nav.label'] })
    .getByRole('link', { name: m['nav.campaigns'] })
    .click();
  const list = page.getByRole('table', { name: m['campaigns.title'] });
  await expect.poll(() => list.locator('tbody tr').count()).toBe(5);
  await page.getByText(t('campaigns.pager.count', { total: 5 })).waitFor();
  await page.getByRole('searchbox', { name: m['campaigns.search'] }).fill(data.title);
  await expect.poll(() => list.locator('tbody tr').count()).toBe(2); // the campaign and its copy
  await list.getByRole('link', { name: data.title, exact: true }).waitFor();
  await page.getByRole('searchbox', { name: m['campaigns.search'] }).fill('');
  await page.getByRole('combobox', { name: m['campaigns.filter'] }).selectOption('SCHEDULED');
  await expect.poll(() => list.locator('tbody tr').count()).toBe(1);
  await list.getByRole('link', { name: data.others.scheduled }).waitFor();
  expect(page.url()).toContain('status=SCHEDULED');
  await page.getByRole('button', { name: m['campaigns.filter.clear'] }).click();
  await expect.poll(() => list.locator('tbody tr').count()).toBe(5);
  await page
    .getByRole('combobox', { name: m['campaigns.filter.account'] })
    .selectOption({ label: data.accountLabel });
  await expect.poll(() => list.locator('tbody tr').count()).toBe(5);
  await page.getByRole('button', { name: m['campaigns.filter.clear'] }).click();
  await expect.poll(() => list.locator('tbody tr').count()).toBe(5);

  if (lang === 'fa') await expectNoEnglish(page);
  // The picture without the "copy made" notification over it.
  await page.getByText(m['campaigns.duplicated']).waitFor({ state: 'hidden', timeout: 10_000 });
  await session.docsScreenshot(`campaigns.${lang}.png`);
  expect(pageErrors).toEqual([]);
}
