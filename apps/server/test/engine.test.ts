import { campaigns, createDatabase, recipients, subscriptions } from '@chapar/db';
import { eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { ManualClock } from '../src/engine/clock';
import { readLedger, sandboxLedgerPath } from '../src/whatsapp/sandbox-driver';
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

async function ledger(s: TestServer, accountId: number) {
  const entries = [];
  for await (const entry of readLedger(sandboxLedgerPath(s.dataDir, accountId))) entries.push(entry);
  return entries;
}

/**
 * Lets the engine run until `done`, moving the manual clock whenever the engine is waiting
 * on it. Bounded by real time, not by a number of steps: on a loaded machine the engine's
 * database work between two sleeps takes longer, and a step count would run out first.
 */
async function drive(clock: ManualClock, done: () => Promise<boolean>, limitMs = 30_000) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 5));
    clock.advanceToNext();
  }
  throw new Error('engine did not get there in time');
}

async function runningCampaign(
  s: TestServer,
  phones: string[],
  interval: 'FIVE_SECONDS' | 'TEN_SECONDS' = 'FIVE_SECONDS',
) {
  const user = await signUp(s);
  const account = await linkedSandboxAccount(user.client);
  const campaign = await user.client.campaigns.create.mutate({
    message: 'Salam!',
    interval,
    whatsappAccountId: account.id,
  });
  await user.client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: phones.map((phone, i) => ({ phone, name: `R${i}` })),
  });
  return { ...user, account, campaign };
}

/** Read straight from the database: the second server has no signed-in client. */
async function campaignRow(s: TestServer, id: number) {
  const [row] = await s.app.db.select().from(campaigns).where(eq(campaigns.id, id));
  return row!;
}

const PHONES = ['09120000001', '09120000002', '09120000003', '09120000004', '09120000005', '09120000006'];

describe('engine', () => {
  it('sends in order, one at a time, at the interval with jitter, and keeps counters equal to rows', async () => {
    const clock = new ManualClock(Date.now());
    const s = await server({ clock, env: { PACING_JITTER: '0.3' } });
    const { client, account, campaign } = await runningCampaign(s, PHONES);
    await client.campaigns.start.mutate({ id: campaign.id });
    await drive(
      clock,
      async () => (await client.campaigns.get.query({ id: campaign.id })).status === 'COMPLETED',
    );

    const sent = await ledger(s, account.id);
    expect(sent.map((e) => e.to)).toEqual(PHONES.map((p) => `+98${p.slice(1)}`));
    expect(new Set(sent.map((e) => e.messageId)).size).toBe(PHONES.length);

    const { items } = await client.campaigns.recipients.query({ campaignId: campaign.id });
    const times = items.map((r) => new Date(r.sentAt!).getTime());
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(5_000);
      expect(gap).toBeLessThanOrEqual(6_500);
    }
    // Never a fixed beat.
    expect(new Set(gaps).size).toBeGreaterThan(1);
    expect(items.map((r) => r.whatsappMessageId)).toEqual(sent.map((e) => e.messageId));

    // Acks move SENT → DELIVERED → READ and the counters follow the rows.
    const done = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.readCount === PHONES.length,
    );
    expect(done).toMatchObject({
      status: 'COMPLETED',
      sentCount: 6,
      deliveredCount: 6,
      readCount: 6,
      failedCount: 0,
    });
    const rows = (await client.campaigns.recipients.query({ campaignId: campaign.id })).items;
    expect(rows.every((r) => r.status === 'READ' && r.deliveredAt && r.readAt)).toBe(true);
  });

  it('streams progress: the current state first, then each change, with tracked ids', async () => {
    const s = await server({ env: { PACING_JITTER: '0' } });
    const { client, campaign } = await runningCampaign(s, PHONES.slice(0, 2));
    const events: Array<{ id: string; status: string; sentCount: number }> = [];
    const finished = new Promise<void>((resolve, reject) => {
      const sub = client.campaigns.onProgress.subscribe(
        { id: campaign.id },
        {
          onData(event) {
            events.push({ id: event.id, status: event.data.status, sentCount: event.data.sentCount });
            if (event.data.status === 'COMPLETED') {
              sub.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    await waitFor(
      async () => events.length,
      (n) => n >= 1,
    );
    expect(events[0]).toMatchObject({ status: 'READY', sentCount: 0 });
    await client.campaigns.start.mutate({ id: campaign.id });
    await finished;
    expect(events.at(-1)).toMatchObject({ status: 'COMPLETED', sentCount: 2 });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const sentCounts = events.map((e) => e.sentCount);
    expect([...sentCounts].sort((a, b) => a - b)).toEqual(sentCounts);
  }, 30_000);

  it('resolves sends interrupted by a crash without sending anyone twice', async () => {
    const clock = new ManualClock(Date.now());
    const first = await server({ clock });
    const { client, account, campaign } = await runningCampaign(first, PHONES);
    await client.campaigns.start.mutate({ id: campaign.id });
    await drive(clock, async () => (await client.campaigns.get.query({ id: campaign.id })).sentCount >= 2);
    await first.stop();
    const handle = createDatabase(first.databaseUrl);
    onTestFinished(() => handle.close());

    // Make it look as if the process died mid-send twice: one row whose message did go out
    // (it is in the sandbox's ledger) and one whose send never happened.
    const { db } = handle;
    const rows = await db
      .select()
      .from(recipients)
      .where(eq(recipients.campaignId, campaign.id))
      .orderBy(recipients.id);
    // The clock may have let one more send through before the stop; take the rows as they are.
    const wentOut = rows.filter((r) => r.status !== 'PENDING').at(-1)!;
    const neverSent = rows.find((r) => r.status === 'PENDING')!;
    expect(wentOut && neverSent).toBeTruthy();
    await db.transaction(async (tx) => {
      await tx
        .update(recipients)
        .set({ status: 'SENDING', whatsappMessageId: null })
        .where(eq(recipients.id, wentOut.id));
      await tx.execute(sql`UPDATE campaigns SET sent_count = sent_count - 1,
        delivered_count = delivered_count - ${wentOut.status === 'SENT' ? 0 : 1},
        read_count = read_count - ${wentOut.status === 'READ' ? 1 : 0} WHERE id = ${campaign.id}`);
      await tx.update(recipients).set({ status: 'SENDING' }).where(eq(recipients.id, neverSent.id));
    });

    const clock2 = new ManualClock(Date.now());
    const second = await server({ clock: clock2, databaseUrl: first.databaseUrl, dataDir: first.dataDir });
    await drive(clock2, async () => (await campaignRow(second, campaign.id)).status === 'COMPLETED');

    const sent = await ledger(second, account.id);
    const to = sent.map((e) => e.to);
    expect(to).toHaveLength(PHONES.length);
    expect(new Set(to).size).toBe(PHONES.length);
    const final = await second.app.db
      .select()
      .from(recipients)
      .where(eq(recipients.campaignId, campaign.id))
      .orderBy(recipients.id);
    expect(final.every((r) => ['SENT', 'DELIVERED', 'READ'].includes(r.status))).toBe(true);
    expect(final.find((r) => r.id === wentOut.id)!.whatsappMessageId).toBe(
      sent.find((e) => e.to === wentOut.phone)!.messageId,
    );
    expect((await campaignRow(second, campaign.id)).sentCount).toBe(PHONES.length);
  });

  it('finishes a campaign after a restart without duplicates', async () => {
    const first = await server({ env: { PACING_JITTER: '0' } });
    const { client, account, campaign } = await runningCampaign(first, PHONES.slice(0, 3));
    await client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.sentCount >= 1,
    );
    await first.stop();
    const second = await server({
      databaseUrl: first.databaseUrl,
      dataDir: first.dataDir,
      env: { PACING_JITTER: '0' },
    });
    const done = await waitFor(
      () => campaignRow(second, campaign.id),
      (c) => c.status === 'COMPLETED',
      20_000,
    );
    expect(done.sentCount).toBe(3);
    const sent = await ledger(second, account.id);
    expect(sent.map((e) => e.to).sort()).toEqual(['+989120000001', '+989120000002', '+989120000003']);
  }, 30_000);

  it('pauses with a reason when the subscription runs out', async () => {
    const clock = new ManualClock(Date.now());
    const s = await server({ clock, env: { TRIAL_MESSAGES: '2' } });
    const { client, campaign } = await runningCampaign(s, PHONES.slice(0, 4));
    await client.campaigns.start.mutate({ id: campaign.id });
    await drive(
      clock,
      async () => (await client.campaigns.get.query({ id: campaign.id })).status === 'PAUSED',
    );
    const paused = await client.campaigns.get.query({ id: campaign.id });
    expect(paused).toMatchObject({ status: 'PAUSED', pauseCause: 'QUOTA', sentCount: 2 });
    expect(paused.pausedReason).toMatch(/subscription/);
    const [sub] = await s.app.db.select().from(subscriptions).where(eq(subscriptions.userId, paused.userId));
    expect(sub!.messagesUsed).toBe(2);
  });

  it('pauses running campaigns when the account disconnects and resumes them when it is back', async () => {
    const s = await server({ env: { PACING_JITTER: '0' } });
    const { client, account, campaign } = await runningCampaign(s, PHONES.slice(0, 3), 'TEN_SECONDS');
    await client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.sentCount === 1,
    );
    await client.whatsapp.disconnect.mutate({ id: account.id });
    const paused = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'PAUSED',
    );
    expect(paused.pauseCause).toBe('ACCOUNT');
    expect(paused.pausedReason).toMatch(/not linked/);
    await client.whatsapp.connect.mutate({ id: account.id });
    await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'RUNNING',
    );
  });
});
