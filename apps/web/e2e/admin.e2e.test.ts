// @vitest-environment node
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { setUpBrowserSession, UPDATE_SCREENSHOTS } from './support/browser';

/**
 * The admin tab in a real Chromium: a super admin bans a user whose open page then ends up
 * at the login page; a plain user finds no admin entry and is refused at /admin. Also takes
 * the admin users page's screenshots (English and Persian) for the docs. A third test walks
 * through campaigns, packages, the system page and the audit log.
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

type Registered = Awaited<ReturnType<typeof register>>;
let people: Registered[] = [];

// Runs after the session's own beforeAll has started the server.
beforeAll(async () => {
  const url = session.server!.url;
  people = [];
  for (const person of PEOPLE) people.push(await register(url, person));
}, 60_000);

describe('admin tab', () => {
  it('lets a super admin ban a user, whose open page then returns to the login', async ({ onTestFailed }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');
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
    if (UPDATE_SCREENSHOTS) await page.screenshot({ path: `${DOCS_SCREENSHOTS}admin-users.en.png` });

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
    if (UPDATE_SCREENSHOTS) await page.screenshot({ path: `${DOCS_SCREENSHOTS}admin-users.fa.png` });
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

  it('pauses and cancels another user’s campaign, manages packages, reads system health and the log', async ({
    onTestFailed,
  }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');

    // Sara sends a campaign from her own (sandbox) account.
    const sara = people[5]!.client;
    const account = await sara.whatsapp.create.mutate({ label: 'Shop phone', driver: 'sandbox' });
    await sara.whatsapp.connect.mutate({ id: account.id });
    await expect
      .poll(async () => (await sara.whatsapp.list.query())[0]?.status, { timeout: 10_000 })
      .toBe('READY');
    const campaign = await sara.campaigns.create.mutate({
      title: 'Nowruz offers',
      message: 'Happy Nowruz! 20% off this week.',
      interval: 'TWENTY_SECONDS',
      whatsappAccountId: account.id,
    });
    await sara.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: Array.from({ length: 30 }, (_, i) => ({ phone: `0912700${String(i).padStart(4, '0')}` })),
    });
    await sara.campaigns.start.mutate({ id: campaign.id });

    await page.context().clearCookies();
    await logIn(page, server.url, PEOPLE[0]!);
    await page.goto(`${server.url}/admin/campaigns`);
    const table = page.getByRole('table', { name: 'Every campaign' });
    const row = table.locator(`tr[data-campaign-id="${campaign.id}"]`);
    await row.locator('[data-status="RUNNING"]').waitFor();
    expect(await row.textContent()).toContain('sara.ahmadi@example.com');

    // Pause with a reason the owner sees.
    await row.getByRole('button', { name: 'Pause Nowruz offers' }).click();
    const pauseDialog = page.getByRole('dialog', { name: 'Pause Nowruz offers?' });
    await pauseDialog.getByRole('textbox', { name: /Reason/ }).fill('Recipients reported it');
    await pauseDialog.getByRole('button', { name: 'Pause' }).click();
    await row.locator('[data-status="PAUSED"]').waitFor();
    expect(await sara.campaigns.get.query({ id: campaign.id })).toMatchObject({
      status: 'PAUSED',
      pausedReason: 'Paused by an administrator: Recipients reported it',
    });

    // Look inside, and cancel from there.
    await row.getByRole('button', { name: 'View Nowruz offers' }).click();
    const drawer = page.getByTestId('campaign-drawer');
    await drawer.getByText('Paused by an administrator: Recipients reported it').waitFor();
    await drawer.getByText('Happy Nowruz! 20% off this week.').waitFor();
    await drawer.getByRole('button', { name: 'Cancel campaign Nowruz offers' }).click();
    await page
      .getByRole('dialog', { name: 'Cancel Nowruz offers?' })
      .getByRole('button', { name: 'Cancel campaign' })
      .click();
    await drawer.locator('[data-status="CANCELLED"]').waitFor();
    await page.keyboard.press('Escape');
    await row.locator('[data-status="CANCELLED"]').waitFor();
    expect((await sara.campaigns.get.query({ id: campaign.id })).status).toBe('CANCELLED');

    // Packages: a mistake is shown beside its field; then create and take off sale.
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Packages' })
      .click();
    await page.getByRole('button', { name: 'New package' }).click();
    const form = page.getByRole('dialog', { name: 'New package' });
    await form.getByRole('textbox', { name: 'Title' }).fill('Gold 30');
    await form.getByRole('textbox', { name: 'Price' }).fill('49,0000.5.5');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Price is a number with at most 8 digits and 2 decimals.').waitFor();
    await form.getByRole('textbox', { name: 'Price' }).fill('490000');
    await form.getByRole('textbox', { name: 'Messages' }).fill('5000');
    await form.getByRole('button', { name: 'Save' }).click();
    const packages = page.getByRole('table', { name: 'Packages' });
    await packages.getByText('Gold 30').waitFor();
    await packages.getByRole('button', { name: 'Deactivate Gold 30' }).click();
    await page
      .getByRole('dialog', { name: 'Stop selling Gold 30?' })
      .getByRole('button', { name: 'Deactivate' })
      .click();
    await packages.getByRole('button', { name: 'Put Gold 30 on sale' }).waitFor();
    expect((await sara.packages.list.query()).map((p) => p.title)).not.toContain('Gold 30');

    // System health.
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'System' })
      .click();
    await page.locator('[data-testid="system-database"][data-ok="true"]').waitFor();
    await page.locator('[data-testid="system-engine"][data-ok="true"]').waitFor();
    const ready = page.getByTestId('system-accounts').locator('[data-status="READY"]');
    expect(Number(await ready.getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('system-server').textContent()).toContain('Version 0.1.0');
    // One process (role `all`): it is the only worker, alive, holding the linked account.
    const workers = page.getByRole('table', { name: 'Workers' }).locator('tbody tr');
    await workers.locator('text=Alive').waitFor();
    expect(await workers.count()).toBe(1);
    const held = page
      .getByRole('table', { name: 'Account owners' })
      .locator('tbody tr[data-owner]:not([data-owner=""])');
    await held.first().waitFor();
    expect(await held.first().getAttribute('data-owner')).toBe(
      await workers.first().getAttribute('data-worker'),
    );
    await page.locator('.recharts-surface').first().waitFor();
    await session.screenshot('admin-system.en.png');
    await page.goto(`${server.url}/admin/system?lang=fa`);
    await page.locator('[data-testid="system-engine"][data-ok="true"]').waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await session.screenshot('admin-system.fa.png');
    await page.goto(`${server.url}/admin/system?lang=en`);

    // Each action is in the log, newest first.
    await page
      .getByRole('navigation', { name: 'Admin sections' })
      .getByRole('link', { name: 'Audit log' })
      .click();
    const log = page.getByRole('table', { name: 'Audit log' });
    await log.getByText('Deactivated a package').waitFor();
    const actions = await log
      .locator('tbody tr')
      .evaluateAll((rows) => rows.slice(0, 4).map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(['package.deactivate', 'package.create', 'campaign.cancel', 'campaign.pause']);
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
