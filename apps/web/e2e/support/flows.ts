import type { Locator, Page } from 'playwright-core';

/** Three sends at FIVE_SECONDS with jitter take ~10–20 s; generous for a small (2-core) machine. */
export const COMPLETE_WITHIN_MS = 60_000;

/**
 * Registers a new user (the form is in English by ?lang=en whatever the browser says), with
 * a fresh email `<emailPrefix>-…@example.com` and mobile number, and waits until they land,
 * signed in, on the WhatsApp accounts page.
 */
export async function registerNewUser(
  page: Page,
  serverUrl: string,
  user: { name: string; emailPrefix: string },
): Promise<void> {
  const unique = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const phone = `0912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  await page.goto(`${serverUrl}/register?lang=en`);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(user.name);
  await page
    .getByRole('textbox', { name: 'Email', exact: true })
    .fill(`${user.emailPrefix}-${unique}@example.com`);
  await page.getByRole('textbox', { name: 'Mobile phone' }).fill(phone);
  // A password field has no ARIA role, hence by label.
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'WhatsApp accounts', level: 1 }).waitFor();
}

/**
 * On the WhatsApp accounts page: adds a test-mode account labelled "Test phone" and connects
 * it (the sandbox links by itself), waiting until it is ready. Returns the account's card.
 */
export async function linkSandboxAccount(page: Page): Promise<Locator> {
  await page.getByRole('textbox', { name: 'Label', exact: true }).fill('Test phone');
  await page.getByRole('combobox', { name: 'Connection' }).selectOption('sandbox');
  await page.getByRole('button', { name: 'Add account' }).click();
  const card = page.getByRole('region', { name: 'Test phone' });
  await card.getByRole('button', { name: 'Connect' }).click();
  await card.locator('[data-status="READY"]').waitFor({ timeout: 15_000 });
  return card;
}

/**
 * Opens a new campaign from the main navigation and fills in all but its recipients: the
 * title, the message, the FIVE_SECONDS pace and the linked "Test phone" account.
 */
export async function fillNewCampaign(
  page: Page,
  campaign: { title: string; message: string },
): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Campaigns' })
    .click();
  await page.getByRole('link', { name: 'New campaign' }).click();
  await page.getByRole('textbox', { name: 'Title' }).fill(campaign.title);
  await page.getByRole('textbox', { name: 'Message' }).fill(campaign.message);
  await page.getByRole('combobox', { name: 'Pace' }).selectOption('FIVE_SECONDS');
  await page
    .getByRole('combobox', { name: 'WhatsApp account' })
    .selectOption({ label: 'Test phone (Ready)' });
}

/** On a ready campaign's page: starts it and watches it complete live (no reload) with `sent` sent. */
export async function startAndAwaitCompletion(page: Page, sent: number): Promise<void> {
  await page.getByRole('button', { name: 'Start' }).click();
  await page
    .locator('[data-testid="campaign-status"][data-status="COMPLETED"]')
    .waitFor({ timeout: COMPLETE_WITHIN_MS });
  await page.locator(`[data-testid="count-sent"][data-value="${sent}"]`).waitFor();
}
