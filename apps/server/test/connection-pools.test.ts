import type { PoolConnection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { PACING_JITTER: '0' } });
});
afterAll(() => server?.close());

/** Takes every connection the pool may open, as an engine running flat out would. */
async function exhaust(pool: TestServer['app']['databases']['sending']['pool']): Promise<PoolConnection[]> {
  const limit = pool.pool.config.connectionLimit ?? 10;
  return Promise.all(Array.from({ length: limit }, () => pool.getConnection()));
}

describe('connection pools (role all)', () => {
  it('answers API calls at once while the sending side has no connection free, and the engine waits for its own pool', async () => {
    const { app } = server;
    expect(app.databases.sending).not.toBe(app.databases.api);
    const user = await signUp(server);
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: 'Salam!',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: account.id,
    });
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09120000001' }],
    });

    const held = await exhaust(app.databases.sending.pool);
    try {
      const started = Date.now();
      await user.client.campaigns.start.mutate({ id: campaign.id });
      const list = await user.client.campaigns.list.query({});
      expect(list.items.map((c) => c.id)).toContain(campaign.id);
      expect(Date.now() - started).toBeLessThan(3_000);
      // Nothing is sent while the engine's pool is taken: it did not borrow the API's.
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await user.client.campaigns.get.query({ id: campaign.id })).sentCount).toBe(0);
    } finally {
      for (const connection of held) connection.release();
    }
    const done = await waitFor(
      () => user.client.campaigns.get.query({ id: campaign.id }),
      (c) => c.sentCount === 1,
      20_000,
    );
    expect(done.sentCount).toBe(1);
  }, 60_000);
});
