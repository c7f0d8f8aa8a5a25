import { campaigns } from '@chapar/db';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/engine/clock';
import { readLedger, sandboxLedgerPath } from '../src/whatsapp/sandbox-driver';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

/**
 * A worker reads its campaigns while it waits for the next send (so the send starts on
 * time). What it sends must still be what is stored when the send starts.
 */
const servers: TestServer[] = [];
afterEach(async () => {
  while (servers.length) await servers.pop()!.close();
});

async function bodies(s: TestServer, accountId: number) {
  const out: string[] = [];
  for await (const entry of readLedger(sandboxLedgerPath(s.dataDir, accountId))) out.push(entry.body);
  return out;
}

async function setUp() {
  const clock = new ManualClock(Date.now());
  const s = await startTestServer({ clock, env: { PACING_JITTER: '0' } });
  servers.push(s);
  const { client } = await signUp(s);
  const account = await linkedSandboxAccount(client);
  const campaign = await client.campaigns.create.mutate({
    message: 'First text',
    interval: 'FIVE_SECONDS',
    whatsappAccountId: account.id,
  });
  await client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: ['09120000001', '09120000002', '09120000003'].map((phone) => ({ phone })),
  });
  await client.campaigns.start.mutate({ id: campaign.id });
  // The first send went out and the worker sleeps until the second (its read ahead done).
  await waitFor(
    async () => (await bodies(s, account.id)).length === 1 && clock.waiting > 0,
    (ready) => ready,
  );
  await new Promise((r) => setTimeout(r, 200));
  return { clock, s, client, account, campaign };
}

describe('engine: reading ahead of a wait', () => {
  it('sends the new text after a pause, an edit and a resume during the wait', async () => {
    const { clock, s, client, account, campaign } = await setUp();
    await client.campaigns.pause.mutate({ id: campaign.id });
    await client.campaigns.update.mutate({ id: campaign.id, message: 'Second text' });
    await client.campaigns.resume.mutate({ id: campaign.id });
    await waitFor(
      async () => {
        clock.advanceToNext();
        return (await bodies(s, account.id)).length;
      },
      (n) => n >= 2,
    );
    expect((await bodies(s, account.id))[1]).toBe('Second text');
  });

  it('never sends a text read before it changed, even when no event announced the change', async () => {
    const { clock, s, account, campaign } = await setUp();
    // Behind the engine's back: no pause, no event; only the claim can notice.
    await s.app.db.update(campaigns).set({ message: 'Changed text' }).where(eq(campaigns.id, campaign.id));
    await waitFor(
      async () => {
        clock.advanceToNext();
        return (await bodies(s, account.id)).length;
      },
      (n) => n >= 2,
    );
    expect((await bodies(s, account.id))[1]).toBe('Changed text');
  });
});
