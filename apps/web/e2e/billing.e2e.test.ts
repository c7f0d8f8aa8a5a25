// @vitest-environment node
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKavenegarStandIn, startZarinpalStandIn } from '../../server/test/support/stand-ins';
import { setUpBrowserSession } from './support/browser';
import {
  fillNewCampaign,
  finishWizard,
  linkSandboxAccount,
  registerNewUser,
  startAndAwaitCompletion,
} from './support/flows';

/**
 * The business side through the built SPA: a new user (no trial) verifies the phone with
 * the SMS code, is refused a campaign start, buys a package through the ZarinPal flow
 * (against a local stand-in of the gateway), and then starts the campaign. The admin
 * sees the payment and grants more by hand.
 */

let zarinpal: Awaited<ReturnType<typeof startZarinpalStandIn>>;
let kavenegar: Awaited<ReturnType<typeof startKavenegarStandIn>>;
beforeAll(async () => {
  zarinpal = await startZarinpalStandIn();
  kavenegar = await startKavenegarStandIn();
});
afterAll(async () => {
  await zarinpal?.close();
  await kavenegar?.close();
});

const session = setUpBrowserSession({
  failureScreenshot: 'billing-failure.png',
  env: () => ({
    TRIAL_MESSAGES: '0',
    PAYMENT_PROVIDERS: 'zarinpal,manual',
    ZARINPAL_MERCHANT_ID: '00000000-1111-2222-3333-444444444444',
    ZARINPAL_SANDBOX: 'true',
    ZARINPAL_BASE_URL: zarinpal.url,
    PUBLIC_URL: 'http://chapar.invalid',
    SMS_PROVIDER: 'kavenegar',
    KAVENEGAR_API_KEY: kavenegar.apiKey,
    KAVENEGAR_OTP_TEMPLATE: 'verify',
    KAVENEGAR_BASE_URL: kavenegar.url,
  }),
});

describe('verify, buy, send', () => {
  it('a refused campaign starts after buying a package through ZarinPal', async ({ onTestFailed }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');
    zarinpal.setReturnOrigin(server.url);

    // The first user is the administrator; they put a package on sale.
    const anonymous = server.client();
    await anonymous.auth.register.mutate({
      name: 'Admin',
      email: 'admin-e2e@example.com',
      phone: '09120000999',
      password: 'admin password 1',
    });
    const { token } = await anonymous.auth.login.mutate({
      identifier: 'admin-e2e@example.com',
      password: 'admin password 1',
    });
    const admin = server.client(token);
    await admin.admin.packages.create.mutate({
      title: 'Gold',
      price: '50000',
      duration: 30,
      messageLimit: 500,
    });

    // Register, and verify the phone with the code the SMS carried.
    await registerNewUser(page, server.url, { name: 'Buyer E2E', emailPrefix: 'buyer' });
    await page.getByText('Your phone number is not verified yet.').waitFor();
    await page.getByRole('link', { name: 'Verify now' }).click();
    // The sign-up's code goes out in the background: wait for it to reach the stand-in.
    const deadline = Date.now() + 10_000;
    while (kavenegar.received.length === 0 && Date.now() < deadline) await sleep(50);
    const sms = kavenegar.received.at(-1)!;
    const phoneCard = page.getByTestId('verify-VERIFY_PHONE');
    await phoneCard.getByRole('textbox', { name: 'Code' }).fill(sms.params.token!);
    await phoneCard.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.getByText('Verified. Thank you!').waitFor();
    await page.getByText('Your phone number is not verified yet.').waitFor({ state: 'detached' });

    // A campaign cannot start without a subscription.
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'WhatsApp accounts' })
      .click();
    await linkSandboxAccount(page);
    await fillNewCampaign(page, { title: 'Paid campaign', message: 'Hello!' });
    await page.getByRole('textbox', { name: 'Recipients' }).fill('09121234501\n09121234502');
    await page.getByRole('button', { name: 'Add recipients' }).click();
    await finishWizard(page, { start: false });
    const campaignUrl = page.url();
    await page.locator('[data-testid="campaign-status"][data-status="READY"]').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByText('You have no active subscription with messages left').first().waitFor();

    // Buy through the gateway: away to ZarinPal, pay, and back to the payment page.
    await page.getByRole('link', { name: 'See packages' }).click();
    await page.getByTestId('package-1').getByRole('button', { name: 'Pay online (ZarinPal)' }).click();
    await page.waitForURL(`${zarinpal.url}/pg/StartPay/**`);
    await page.getByRole('link', { name: 'Pay' }).click();
    await page.waitForURL(/\/billing\/payments\/\d+$/);
    await page.getByText('Paid. Gold is added to your subscription.').waitFor();

    // The same campaign now starts and sends.
    await page.goto(campaignUrl);
    await page.locator('[data-testid="campaign-status"][data-status="READY"]').waitFor();
    await startAndAwaitCompletion(page, 2);

    // The admin sees the payment and can grant more by hand.
    const payments = await admin.admin.payments.list.query({});
    expect(payments.items.map((p) => [p.status, p.provider, p.packageTitle])).toEqual([
      ['PAID', 'zarinpal', 'Gold'],
    ]);
    const buyer = payments.items[0]!.userId;
    const granted = await admin.admin.subscriptions.grant.mutate({ userId: buyer, days: 5, messages: 100 });
    expect(granted).toMatchObject({ messageLimit: 600, messagesUsed: 2 });
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
