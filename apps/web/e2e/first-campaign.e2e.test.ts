// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { setUpBrowserSession } from './support/browser';
import {
  fillNewCampaign,
  linkSandboxAccount,
  registerNewUser,
  startAndAwaitCompletion,
} from './support/flows';

/**
 * A new user's first campaign, through the built SPA in a real Chromium: register, add a
 * sandbox (test mode) account, link it, create a campaign for three numbers written three
 * ways, start it and watch it complete live.
 */

const session = setUpBrowserSession({ failureScreenshot: 'failure.png' });

describe('first campaign', () => {
  it('registers, links a sandbox account and sends three messages', async ({ onTestFailed }) => {
    onTestFailed(session.reportFailure);
    const { server, page, pageErrors } = session;
    if (!server) throw new Error('no server');

    // Register: a new user lands on the WhatsApp accounts page, signed in.
    await registerNewUser(page, server.url, { name: 'Sara E2E', emailPrefix: 'e2e' });
    await page.getByRole('banner').getByText('Sara E2E').waitFor();

    // Add a test-mode account and connect it: the sandbox links by itself.
    await linkSandboxAccount(page);
    await page.getByRole('status', { name: 'WhatsApp status' }).getByText('Test phone: Ready').waitFor();

    // Create the campaign with three recipients written in different ways.
    await fillNewCampaign(page, { title: 'First campaign', message: 'Hello from Chapar!' });
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
    await startAndAwaitCompletion(page, 3);
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

    await session.screenshot('campaign-completed.png');
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
