import type { Locator, Page } from 'playwright-core';
import { en, type Messages } from '../../src/i18n/en';
import { labelWithStatus } from '../../src/whatsapp/account-status';

/** Three sends at FIVE_SECONDS with jitter take ~10–20 s; generous for a small (2-core) machine. */
export const COMPLETE_WITHIN_MS = 60_000;

/** What a user types to sign in again (or to get an API token for the same account). */
export interface Credentials {
  email: string;
  password: string;
}

/**
 * Registers a new user, with a fresh email `<emailPrefix>-…@example.com` and mobile number,
 * in the interface language of `m` (`?lang=` on the URL, whatever the browser says). They
 * land, signed in, on the dashboard, which names the first step; its button leads on to
 * the WhatsApp accounts page, where this ends.
 */
export async function registerNewUser(
  page: Page,
  serverUrl: string,
  user: { name: string; emailPrefix: string },
  m: Messages = en,
): Promise<Credentials> {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const phone = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const credentials = {
    email: `${user.emailPrefix}-${unique}@example.com`,
    password: 'correct horse battery',
  };
  await page.goto(`${serverUrl}/register?lang=${m === en ? 'en' : 'fa'}`);
  await page.getByRole('textbox', { name: m['auth.register.name'], exact: true }).fill(user.name);
  await page.getByRole('textbox', { name: m['auth.register.email'], exact: true }).fill(credentials.email);
  await page.getByRole('textbox', { name: m['auth.register.phone'] }).fill(phone);
  // A password field has no ARIA role, hence by label.
  await page.getByLabel(m['auth.password']).fill(credentials.password);
  await page.getByRole('button', { name: m['auth.register.submit'] }).click();
  await page.getByRole('heading', { name: m['dashboard.title'], level: 1 }).waitFor();
  await page.getByText(m['dashboard.empty.noAccount.title']).waitFor();
  await page.getByRole('link', { name: m['dashboard.empty.noAccount.action'] }).click();
  await page.getByRole('heading', { name: m['accounts.title'], level: 1 }).waitFor();
  return credentials;
}

/**
 * On the WhatsApp accounts page: adds a test-mode account with this label and connects it
 * (the sandbox links by itself), waiting until it is ready. Returns the account's card.
 */
export async function linkSandboxAccount(
  page: Page,
  m: Messages = en,
  label = 'Test phone',
): Promise<Locator> {
  const card = await addSandboxAccount(page, m, label);
  await connectAndAwaitReady(card, m);
  return card;
}

/** Adds a test-mode account with this label; answers its card. */
export async function addSandboxAccount(
  page: Page,
  m: Messages = en,
  label = 'Test phone',
): Promise<Locator> {
  await page.getByRole('textbox', { name: m['accounts.create.label'], exact: true }).fill(label);
  await page.getByRole('combobox', { name: m['accounts.create.driver'] }).selectOption('sandbox');
  await page.getByRole('button', { name: m['accounts.create.submit'] }).click();
  const card = page.getByRole('region', { name: label });
  await card.getByRole('button', { name: m['accounts.connect'] }).waitFor();
  return card;
}

/** Presses Connect on an account's card; answers how many ms it took to show READY. */
export async function connectAndAwaitReady(card: Locator, m: Messages = en): Promise<number> {
  const started = Date.now();
  await card.getByRole('button', { name: m['accounts.connect'] }).click();
  await card.locator('[data-status="READY"]').waitFor({ timeout: 15_000 });
  return Date.now() - started;
}

/**
 * Opens the campaign wizard from the main navigation, writes the title and the message
 * (step 1) and goes on to the recipients (step 2).
 */
export async function fillNewCampaign(
  page: Page,
  campaign: { title: string; message: string },
  m: Messages = en,
): Promise<void> {
  await page
    .getByRole('navigation', { name: m['nav.label'] })
    .getByRole('link', { name: m['nav.campaigns'] })
    .click();
  await page.getByRole('link', { name: m['campaigns.new'] }).click();
  await page.getByRole('textbox', { name: m['create.titleLabel'] }).fill(campaign.title);
  await page.getByRole('textbox', { name: m['create.message'] }).fill(campaign.message);
  await page.getByRole('button', { name: m['wizard.next'], exact: true }).click();
  await page.getByRole('textbox', { name: m['recipients.input.label'] }).waitFor();
}

/**
 * From the wizard's recipients step: chooses the "Test phone" account at the FIVE_SECONDS
 * pace (step 3), then on the review either starts the campaign or saves it for later;
 * either way ends on the campaign's page.
 */
export async function finishWizard(
  page: Page,
  { start, account = 'Test phone' }: { start: boolean; account?: string },
  m: Messages = en,
): Promise<void> {
  await page.getByRole('button', { name: m['wizard.next'], exact: true }).click();
  await page
    .getByRole('combobox', { name: m['create.account'] })
    .selectOption({ label: labelWithStatus(account, m['accountStatus.READY']) });
  await page.getByRole('combobox', { name: m['create.interval'] }).selectOption('FIVE_SECONDS');
  await page.getByRole('button', { name: m['wizard.next'], exact: true }).click();
  await page.getByRole('region', { name: m['wizard.review.summary'] }).waitFor();
  if (start) await page.getByRole('button', { name: m['wizard.review.start'] }).click();
  else await page.getByRole('link', { name: m['wizard.review.saveDraft'] }).click();
  await page.waitForURL(/\/campaigns\/\d+$/);
}

/** On a ready campaign's page: starts it and watches it complete live (no reload) with `sent` sent. */
export async function startAndAwaitCompletion(page: Page, sent: number, m: Messages = en): Promise<void> {
  await page.getByRole('button', { name: m['campaign.start'], exact: true }).click();
  await awaitCompletion(page, sent);
}

/** Waits, without reloading, until the campaign page shows it COMPLETED with `sent` sent. */
export async function awaitCompletion(page: Page, sent: number): Promise<void> {
  await page
    .locator('[data-testid="campaign-status"][data-status="COMPLETED"]')
    .waitFor({ timeout: COMPLETE_WITHIN_MS });
  await page.locator(`[data-testid="count-sent"][data-value="${sent}"]`).waitFor();
}
