// @vitest-environment node
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setUpBrowserSession } from './support/browser';

/**
 * The admin tab in a real Chromium: a super admin bans a user whose open page then ends up
 * at the login page; a plain user finds no admin entry and is refused at /admin. Also takes
 * the admin users page's screenshots (English and Persian) for the docs.
 */

const session = setUpBrowserSession({ failureScreenshot: 'admin-failure.png' });
const DOCS_SCREENSHOTS = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const PASSWORD = 'correct horse battery';

interface Person {
  name: string;
  email: string;
}

/** Realistic users, registered through the API (the first one becomes the super admin). */
const PEOPLE: Person[] = [
  { name: 'Narges Tehrani', email: 'narges@chapar.example' },
  { name: 'Reza Mohammadi', email: 'reza.m@parsline.example' },
  { name: 'مریم رضایی', email: 'maryam.rezaei@example.com' },
  { name: 'Ali Karimi', email: 'ali@karimi-shop.example' },
  { name: 'فروشگاه نوآوران پارس', email: 'info@noavaran.example' },
  { name: 'Sara Ahmadi', email: 'sara.ahmadi@example.com' },
  { name: 'Hamid Sadeghi', email: 'hamid@sadeghi.example' },
  { name: 'کافه کتاب آفتاب', email: 'aftab.cafe@example.com' },
];

let phoneCounter = 0;
async function register(url: string, person: Person) {
  const { createChaparClient } = await import('@chapar/client');
  const phone = `0912${String(3_100_000 + ++phoneCounter * 7919).padStart(7, '0')}`;
  await createChaparClient({ url }).auth.register.mutate({ ...person, phone, password: PASSWORD });
  const { token, user } = await createChaparClient({ url }).auth.login.mutate({
    identifier: person.email,
    password: PASSWORD,
  });
  return { token, user, client: createChaparClient({ url, token }) };
}

async function logIn(page: Page, url: string, person: Person) {
  await page.goto(`${url}/login?lang=en`);
  await page.getByRole('textbox', { name: 'Email, phone or username' }).fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}

describe('admin tab', () => {
  it('lets a super admin ban a user, whose open page then returns to the login', async ({ onTestFailed }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');
    const people = [];
    for (const person of PEOPLE) people.push(await register(server.url, person));
    const superAdmin = people[0]!;
    const victim = PEOPLE[6]!;
    // Some variety for the screenshot: an admin and an already banned user.
    await superAdmin.client.admin.users.update.mutate({ id: people[1]!.user.id, role: 'ADMIN' });
    await superAdmin.client.admin.users.update.mutate({
      id: people[3]!.user.id,
      status: 'BANNED',
      statusReason: 'Sent messages to numbers that never opted in',
    });

    // The victim is signed in, in a browser of their own.
    const victimContext = await page.context().browser()!.newContext({ locale: 'en-US' });
    const victimPage = await victimContext.newPage();
    await logIn(victimPage, server.url, victim);

    // The super admin opens the admin tab from the main navigation.
    await page.setViewportSize({ width: 1440, height: 900 });
    await logIn(page, server.url, PEOPLE[0]!);
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Admin' })
      .click();
    await page.waitForURL(/\/admin\/users$/);
    const table = page.getByRole('table', { name: 'Users' });
    await table.getByText('کافه کتاب آفتاب').waitFor();
    await page.locator('[data-status="BANNED"]').first().waitFor();
    await page.screenshot({ path: `${DOCS_SCREENSHOTS}admin-users.en.png` });

    // Filters: by status, then by search.
    const rows = table.locator('tbody tr');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('BANNED');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('Ali Karimi');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('');
    await expect.poll(() => rows.count()).toBe(PEOPLE.length);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Hamid');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain('hamid@sadeghi.example');

    // Ban with a reason; a missing reason is refused first, next to the field.
    await page.getByRole('button', { name: `Manage ${victim.name}` }).click();
    const drawer = page.getByTestId('user-drawer');
    await drawer.getByRole('button', { name: 'Ban user' }).click();
    await drawer.getByText('Write why the user is banned (at least 3 characters).').waitFor();
    await drawer.getByRole('textbox', { name: 'Reason' }).fill('Spam reported by recipients');
    await drawer.getByRole('button', { name: 'Ban user' }).click();
    await drawer.getByText('Banned: Spam reported by recipients').waitFor();
    await drawer.getByRole('button', { name: 'Unban user' }).waitFor();

    // The victim's open page: their next request finds the session gone, and they land at login.
    await victimPage
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Opt-outs' })
      .click();
    await victimPage.getByRole('heading', { name: 'Log in' }).waitFor();
    expect(new URL(victimPage.url()).pathname).toBe('/login');
    // Signing in again is refused with the reason.
    await victimPage.getByRole('textbox', { name: 'Email, phone or username' }).fill(victim.email);
    await victimPage.getByLabel('Password').fill(PASSWORD);
    await victimPage.getByRole('button', { name: 'Log in' }).click();
    await victimPage.getByText(/Spam reported by recipients/).waitFor();
    await victimContext.close();

    // The audit log tells who did it and why.
    await page.keyboard.press('Escape');
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    const log = page.getByRole('table', { name: 'Audit log' });
    const row = log.locator('tbody tr').first();
    await row.getByText('Banned a user').waitFor();
    expect(await row.textContent()).toContain('Narges Tehrani');
    expect(await row.textContent()).toContain('Reason: Spam reported by recipients');

    // The same users page in Persian (Jalali dates, Persian digits, right to left).
    await page.goto(`${server.url}/admin/users?lang=fa`);
    await page.getByRole('table', { name: 'کاربران' }).getByText('Reza Mohammadi').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.screenshot({ path: `${DOCS_SCREENSHOTS}admin-users.fa.png` });
    await page.goto(`${server.url}/admin/users?lang=en`);
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('refuses the admin tab to a plain user: no entry in the navigation, a refusal at /admin', async ({
    onTestFailed,
  }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');
    const plain: Person = { name: 'Plain User', email: 'plain@example.com' };
    await register(server.url, plain);
    await page.context().clearCookies();
    await logIn(page, server.url, plain);
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: 'Campaigns' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);

    const adminCalls: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/trpc/admin.')) adminCalls.push(request.url());
    });
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('heading', { name: 'Administrators only' }).waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
    expect(await page.getByText('Narges Tehrani').count()).toBe(0);
    expect(adminCalls).toEqual([]);
    // And the server refuses it anyway, whatever the page does.
    const refused = await page.evaluate(async () => (await fetch('/trpc/admin.users.list')).status);
    expect(refused).toBe(403);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
