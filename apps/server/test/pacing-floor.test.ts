import { recipients } from '@chapar/db';
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/engine/clock';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp } from './support/users';

const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

/**
 * Moves the manual clock to the engine's next wake-up, in small real-time steps, until
 * `done`; bounded by real time so a loaded machine only makes it slower.
 */
async function drive(clock: ManualClock, done: () => Promise<boolean>) {
  const deadline = Date.now() + 40_000;
  while (Date.now() < deadline) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 5));
    clock.advanceToNext();
  }
  throw new Error('engine did not get there');
}

const JITTER = { PACING_JITTER: '0.3' };

describe('pacing floor', () => {
  it('never sends two messages of an account closer than the interval: jitter on top, across batch pauses and a restart', async () => {
    const clock = new ManualClock(Date.now());
    const first = await startTestServer({ clock, env: JITTER });
    servers.push(first);
    const user = await signUp(first);
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: 'Salam!',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: account.id,
      // A batch pause set below the interval must not shorten the gap either.
      batchSize: 3,
      batchPauseSeconds: 2,
    });
    const phones = Array.from({ length: 14 }, (_, i) => `0912000${String(i).padStart(4, '0')}`);
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: phones.map((phone) => ({ phone })),
    });
    await user.client.campaigns.start.mutate({ id: campaign.id });
    const sentCount = async (s: TestServer) =>
      (await s.app.db.select().from(recipients).where(eq(recipients.campaignId, campaign.id))).filter(
        (r) => r.sentAt,
      ).length;
    await drive(clock, async () => (await sentCount(first)) >= 7);
    await first.stop();

    // Restarted at once, on a clock that carries on: the last send time comes from the database.
    const clock2 = new ManualClock(clock.now());
    const second = await startTestServer({
      clock: clock2,
      env: JITTER,
      databaseUrl: first.databaseUrl,
      dataDir: first.dataDir,
    });
    servers.push(second);
    await drive(clock2, async () => (await sentCount(second)) === phones.length);

    const rows = await second.app.db
      .select({ sentAt: recipients.sentAt })
      .from(recipients)
      .where(eq(recipients.campaignId, campaign.id))
      .orderBy(asc(recipients.sentAt));
    const times = rows.map((r) => r.sentAt!.getTime());
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps).toHaveLength(phones.length - 1);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(5_000);
      expect(gap).toBeLessThanOrEqual(6_500);
    }
    // Still never a fixed beat.
    expect(new Set(gaps).size).toBeGreaterThan(1);
  }, 60_000);
});
