import { optOuts, recipients, subscriptions, whatsappAccounts } from '@chapar/db';
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock, ScaledClock } from '../src/engine/clock';
import { NotSentError } from '../src/whatsapp/driver';
import { SandboxDriver } from '../src/whatsapp/sandbox-driver';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});
async function server(options: Parameters<typeof startTestServer>[0] = {}) {
  const s = await startTestServer(options);
  servers.push(s);
  return s;
}

async function campaignWith(
  s: TestServer,
  phones: string[],
  extra: { batchSize?: number; batchPauseSeconds?: number } = {},
) {
  const user = await signUp(s);
  const account = await linkedSandboxAccount(user.client);
  const campaign = await user.client.campaigns.create.mutate({
    message: 'Salam',
    interval: 'FIVE_SECONDS',
    whatsappAccountId: account.id,
    ...extra,
  });
  await user.client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: phones.map((phone) => ({ phone })),
  });
  return { ...user, account, campaign };
}

function sandbox(s: TestServer, accountId: number): SandboxDriver {
  const driver = s.app.sessions.driverOf(accountId);
  if (!(driver instanceof SandboxDriver)) throw new Error('not a live sandbox driver');
  return driver;
}

/** Intervals pass 50× faster; the scenarios below are about reactions, not timing. */
const fast = () => new ScaledClock(50);

const phones = (n: number) =>
  Array.from({ length: n }, (_, i) => `091200000${String(i + 10).padStart(2, '0')}`);

describe('engine reactions', () => {
  it('pauses longer after every batch of sends', async () => {
    const clock = new ManualClock(Date.now());
    const s = await server({ clock, env: { PACING_JITTER: '0' } });
    const { client, campaign } = await campaignWith(s, phones(5), { batchSize: 2, batchPauseSeconds: 120 });
    await client.campaigns.start.mutate({ id: campaign.id });
    for (let i = 0; i < 500; i++) {
      if ((await client.campaigns.get.query({ id: campaign.id })).status === 'COMPLETED') break;
      await new Promise((r) => setTimeout(r, 5));
      clock.advanceToNext();
    }
    const { items } = await client.campaigns.recipients.query({ campaignId: campaign.id });
    const times = items.map((r) => new Date(r.sentAt!).getTime());
    expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([5_000, 120_000, 5_000, 120_000]);
  });

  it('holds sends at the daily cap and goes on when the 24-hour window frees up', async () => {
    const clock = new ManualClock(Date.now());
    const s = await server({ clock, env: { PACING_JITTER: '0' } });
    const { client, account, campaign } = await campaignWith(s, phones(4));
    await client.whatsapp.update.mutate({ id: account.id, dailyLimit: 2 });
    await client.campaigns.start.mutate({ id: campaign.id });
    const sentCount = async () => (await client.campaigns.get.query({ id: campaign.id })).sentCount;
    for (let i = 0; i < 200 && (await sentCount()) < 2; i++) {
      await new Promise((r) => setTimeout(r, 5));
      clock.advanceToNext();
    }
    clock.advance(60 * 60_000); // an hour later the cap still holds
    await new Promise((r) => setTimeout(r, 100));
    expect(await sentCount()).toBe(2);
    for (
      let i = 0;
      i < 500 && (await client.campaigns.get.query({ id: campaign.id })).status !== 'COMPLETED';
      i++
    ) {
      await new Promise((r) => setTimeout(r, 5));
      clock.advanceToNext();
    }
    const { items } = await client.campaigns.recipients.query({ campaignId: campaign.id });
    const times = items.map((r) => new Date(r.sentAt!).getTime());
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(86_400_000);
  });

  it('skips numbers that are not on WhatsApp, with the reason, without charging them', async () => {
    const s = await server({
      clock: fast(),
      env: { SANDBOX_UNREGISTERED_NUMBERS: '+989120000011', PACING_JITTER: '0' },
    });
    const { client, campaign, user } = await campaignWith(s, phones(3));
    await client.campaigns.start.mutate({ id: campaign.id });
    const done = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
      20_000,
    );
    expect(done).toMatchObject({ sentCount: 2, skippedCount: 1, failedCount: 0 });
    const skipped = (await client.campaigns.recipients.query({ campaignId: campaign.id, status: 'SKIPPED' }))
      .items;
    expect(skipped.map((r) => [r.phone, r.error, r.errorCode, r.errorParams])).toEqual([
      ['+989120000011', expect.stringMatching(/Not on WhatsApp/), 'NOT_ON_WHATSAPP', {}],
    ]);
    const [sub] = await s.app.db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub!.messagesUsed).toBe(2);
  }, 30_000);

  it('puts a number that replies STOP or لغو on the opt-out list and skips it from then on', async () => {
    const s = await server({ clock: fast(), env: { PACING_JITTER: '0' } });
    const { client, account, campaign, user } = await campaignWith(s, phones(3));
    sandbox(s, account.id).simulateIncoming('+989120000012', '  لغو ');
    sandbox(s, account.id).simulateIncoming('+989120000010', 'Thanks, stop by tomorrow'); // not an opt-out
    await waitFor(
      () => s.app.db.select().from(optOuts).where(eq(optOuts.userId, user.id)),
      (rows) => rows.length === 1,
    );
    await client.campaigns.start.mutate({ id: campaign.id });
    const done = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
      20_000,
    );
    expect(done).toMatchObject({ sentCount: 2, skippedCount: 1 });
    const [row] = await s.app.db
      .select()
      .from(recipients)
      .where(and(eq(recipients.campaignId, campaign.id), eq(recipients.phone, '+989120000012')));
    expect(row).toMatchObject({
      status: 'SKIPPED',
      error: expect.stringMatching(/Opted out/),
      errorCode: 'OPTED_OUT',
    });

    // A later campaign does not even take the number in.
    const next = await client.campaigns.create.mutate({ message: 'again', whatsappAccountId: account.id });
    sandbox(s, account.id).simulateIncoming('+989120000010', 'STOP!');
    await waitFor(
      () => s.app.db.select().from(optOuts).where(eq(optOuts.userId, user.id)),
      (rows) => rows.length === 2,
    );
    const report = await client.campaigns.addRecipients.mutate({
      campaignId: next.id,
      recipients: phones(3).map((phone) => ({ phone })),
    });
    expect(report).toMatchObject({ added: 1, optedOut: 2, skipped: 2 });
  }, 40_000);

  it('pauses when the connection drops and resumes by itself after the automatic reconnect', async () => {
    const s = await server({ clock: fast(), env: { PACING_JITTER: '0' } });
    const { client, account, campaign } = await campaignWith(s, phones(3));
    await client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.sentCount === 1,
    );
    await sandbox(s, account.id).simulateDisconnect({ loggedOut: false });
    const paused = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'PAUSED',
    );
    expect(paused.pauseCause).toBe('ACCOUNT');
    expect(paused.pausedReason).toMatch(/dropped/);
    // The manager reconnects with backoff (200 ms first in tests); the stored login relinks without a scan.
    const done = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
      30_000,
    );
    expect(done.sentCount).toBe(3);
  }, 40_000);

  it('a session that fails while READY (a crashed browser) reconnects by itself and the campaign resumes', async () => {
    const s = await server({ clock: fast(), env: { PACING_JITTER: '0' } });
    const { client, account, campaign } = await campaignWith(s, phones(3));
    await client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.sentCount === 1,
    );
    sandbox(s, account.id).simulateCrash();
    const paused = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'PAUSED',
    );
    expect(paused.pauseCause).toBe('ACCOUNT');
    // READY had cleared the reconnect state; the retryable failure schedules a new one.
    const done = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
      30_000,
    );
    expect(done.sentCount).toBe(3);
    const [row] = await s.app.db.select().from(whatsappAccounts).where(eq(whatsappAccounts.id, account.id));
    expect(row?.status).toBe('READY');
  }, 40_000);

  it('pauses on a logout from the phone and waits for a new scan and the user to resume', async () => {
    const s = await server({ clock: fast(), env: { PACING_JITTER: '0' } });
    const { client, account, campaign } = await campaignWith(s, phones(3));
    await client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.sentCount === 1,
    );
    await sandbox(s, account.id).simulateDisconnect({ loggedOut: true });
    const paused = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'PAUSED',
    );
    expect(paused.pauseCause).toBe('LOGGED_OUT');
    const [row] = await s.app.db.select().from(whatsappAccounts).where(eq(whatsappAccounts.id, account.id));
    expect(row).toMatchObject({ status: 'DISCONNECTED', authRef: null, linkedAt: null });

    // Re-linking needs a QR again, and does not restart the campaign by itself.
    const statuses: string[] = [];
    const sub = client.whatsapp.onStatus.subscribe(
      { id: account.id },
      { onData: (e) => statuses.push(e.status) },
    );
    await client.whatsapp.connect.mutate({ id: account.id });
    await waitFor(
      async () => statuses,
      (list) => list.includes('READY'),
    );
    sub.unsubscribe();
    expect(statuses).toContain('QR');
    await new Promise((r) => setTimeout(r, 300));
    expect((await client.campaigns.get.query({ id: campaign.id })).status).toBe('PAUSED');
    await client.campaigns.resume.mutate({ id: campaign.id });
    await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
      30_000,
    );
  }, 40_000);

  it('keeps acks that arrive before their send is stored and applies them', async () => {
    // Delivery and read receipts fire at once, typically before the engine has stored SENT.
    const s = await server({
      clock: fast(),
      env: {
        PACING_JITTER: '0',
        SANDBOX_DELIVERY_DELAY_MS: '0',
        SANDBOX_READ_DELAY_MS: '0',
        SANDBOX_SEND_LATENCY_MS: '0',
      },
    });
    const { client, campaign } = await campaignWith(s, phones(4));
    await client.campaigns.start.mutate({ id: campaign.id });
    const done = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED' && c.readCount === 4,
      20_000,
    );
    expect(done).toMatchObject({ sentCount: 4, deliveredCount: 4, readCount: 4 });
  });

  it('pauses after too many failures in a row', async () => {
    const s = await server({ clock: fast(), env: { SANDBOX_FAILURE_RATE: '1', PACING_JITTER: '0' } });
    const { client, campaign } = await campaignWith(s, phones(8));
    await client.campaigns.start.mutate({ id: campaign.id });
    const paused = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'PAUSED',
      40_000,
    );
    expect(paused).toMatchObject({ pauseCause: 'ERRORS', failedCount: 5, sentCount: 0 });
    expect(paused.pausedReason).toMatch(/5 failed sends in a row.*simulated delivery failure/);
    expect(paused.pausedParams).toEqual({
      unconfirmed: false,
      failures: 5,
      detail: expect.stringMatching(/simulated delivery failure/),
    });
    const failed = await client.campaigns.recipients.query({ campaignId: campaign.id, status: 'FAILED' });
    expect(failed.items[0]).toMatchObject({
      errorCode: 'SEND_FAILED',
      errorParams: { detail: expect.stringMatching(/simulated delivery failure/), unknownOutcome: false },
    });
  }, 50_000);

  it('puts a send that never reached WhatsApp back in the queue, uncharged, instead of failing it', async () => {
    const s = await server({ clock: fast(), env: { PACING_JITTER: '0' } });
    const { client, campaign, account, user } = await campaignWith(s, phones(3));
    const driver = sandbox(s, account.id);
    const send = driver.send.bind(driver);
    let refused = 0;
    driver.send = async (message) => {
      // The race the real driver meets: READY stored, the page not ready yet.
      if (refused++ < 2) throw new NotSentError('not-connected', 'WhatsApp is not connected yet.');
      return send(message);
    };
    await client.campaigns.start.mutate({ id: campaign.id });
    const done = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
      20_000,
    );
    expect(done).toMatchObject({ sentCount: 3, failedCount: 0, skippedCount: 0 });
    const [sub] = await s.app.db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub!.messagesUsed).toBe(3);
  }, 30_000);

  it('pauses for a person after a run of numbers WhatsApp could not confirm, keeping the recipient', async () => {
    const s = await server({ clock: fast(), env: { PACING_JITTER: '0' } });
    const { client, campaign, account } = await campaignWith(s, phones(3));
    sandbox(s, account.id).send = async () => {
      throw new NotSentError('numbers-unconfirmed', '5 numbers in a row could not be confirmed on WhatsApp.');
    };
    await client.campaigns.start.mutate({ id: campaign.id });
    const paused = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'PAUSED',
      20_000,
    );
    expect(paused).toMatchObject({ pauseCause: 'ERRORS', failedCount: 0, sentCount: 0, skippedCount: 0 });
    const pending = await client.campaigns.recipients.query({ campaignId: campaign.id, status: 'PENDING' });
    expect(pending.items).toHaveLength(3);
  }, 30_000);
});
