// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { startReceiver } from '../../server/test/support/webhook-receiver';
import { en } from '../src/i18n/en';
import { setUpBrowserSession } from './support/browser';
import { registerNewUser } from './support/flows';

/**
 * Settings → Webhooks in a real Chromium against a real server: a new user adds an endpoint
 * (a receiver on this machine), copies the secret shown once, sends a test event that the
 * receiver checks, reads the delivery log and sends the event again.
 */
const session = setUpBrowserSession({
  failureScreenshot: 'webhooks-failure.png',
  env: { WEBHOOK_ALLOW_PRIVATE: 'true' },
});
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
});

describe('Settings → Webhooks', () => {
  it('adds an endpoint, tests it, shows the delivery log and sends a delivery again', async () => {
    onTestFailed(() => session.reportFailure());
    const { page, server } = session;
    await registerNewUser(page, server!.url, { name: 'Hook Owner', emailPrefix: 'hooks' });
    await page.getByRole('link', { name: en['nav.webhooks'] }).click();
    await page.getByRole('heading', { name: en['webhooks.title'], level: 1 }).waitFor();

    await page.getByRole('textbox', { name: en['webhooks.url'] }).fill(receiver.url);
    await page.getByRole('button', { name: en['webhooks.create'] }).click();
    const secret = (await page.getByTestId('new-webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('button', { name: en['webhooks.secret.done'] }).click();
    await expect.poll(() => page.getByTestId('new-webhook-secret').count()).toBe(0);

    await page.getByRole('button', { name: en['webhooks.test'] }).click();
    await page.getByText(/^Test event delivered \(HTTP 200, \d+ ms\)$/).waitFor();
    const [test] = receiver.requests;
    expect(test?.body.type).toBe('webhook.test');
    expect(receiver.signedBy(test!, secret)).toBe(true);

    await page.getByRole('button', { name: en['webhooks.log'] }).click();
    const row = page.getByRole('row').filter({ hasText: 'webhook.test' });
    await row.getByText(en['webhooks.delivery.SUCCEEDED']).waitFor();
    await row.getByText('HTTP 200').waitFor();
    await row.getByRole('button', { name: /^Send delivery \d+ again$/ }).click();
    await page.getByText(en['webhooks.deliveries.queued']).waitFor();
    await expect.poll(() => receiver.requests.length, { timeout: 10_000 }).toBe(2);
    expect(receiver.requests[1]!.body.id).toBe(test!.body.id);
    await session.screenshot('webhooks.png');
    expect(session.pageErrors).toEqual([]);
  });
});
