import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

let server: TestServer;
let user: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  server = await startTestServer();
  await signUp(server);
  user = await signUp(server);
});
afterAll(() => server?.close());

describe('WhatsApp account status history', () => {
  it('records each status change once, newest first', async () => {
    const account = await linkedSandboxAccount(user.client);
    await user.client.whatsapp.disconnect.mutate({ id: account.id });
    const history = await waitFor(
      () => user.client.whatsapp.history.query({ id: account.id }),
      (entries) => entries[0]?.status === 'DISCONNECTED',
    );
    expect(history.map((e) => e.status)).toEqual(['DISCONNECTED', 'READY', 'QR', 'CONNECTING']);
    const times = history.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(await user.client.whatsapp.history.query({ id: account.id, limit: 2 })).toHaveLength(2);
  });

  it('records an account caught mid-scan by a restart as disconnected', async () => {
    // The sandbox waits a minute before it "scans", so the account stays at QR.
    const first = await startTestServer({ env: { SANDBOX_LINK_DELAY_MS: '60000' } });
    try {
      const someone = await signUp(first);
      const account = await someone.client.whatsapp.create.mutate({ label: 'Mid-scan', driver: 'sandbox' });
      await someone.client.whatsapp.connect.mutate({ id: account.id });
      await waitFor(
        () => someone.client.whatsapp.history.query({ id: account.id }),
        (entries) => entries[0]?.status === 'QR',
      );
      await first.stop();
      await using again = await startTestServer({ databaseUrl: first.databaseUrl, dataDir: first.dataDir });
      const history = await again.client(someone.token).whatsapp.history.query({ id: account.id });
      expect(history.map((e) => e.status)).toEqual(['DISCONNECTED', 'QR', 'CONNECTING']);
    } finally {
      await first.close();
    }
  });

  it('names the campaigns that use each account', async () => {
    const a = await user.client.whatsapp.create.mutate({ label: 'A', driver: 'sandbox' });
    const b = await user.client.whatsapp.create.mutate({ label: 'B', driver: 'sandbox' });
    const first = await user.client.campaigns.create.mutate({
      title: 'Spring',
      message: 'hi',
      whatsappAccountId: a.id,
    });
    const second = await user.client.campaigns.create.mutate({
      title: 'Summer',
      message: 'hi',
      whatsappAccountId: a.id,
    });
    await user.client.campaigns.create.mutate({ title: 'Other', message: 'hi', whatsappAccountId: b.id });
    const used = await user.client.whatsapp.campaigns.query({ id: a.id });
    expect(used).toEqual([
      { id: second.id, title: 'Summer', status: 'DRAFT' },
      { id: first.id, title: 'Spring', status: 'DRAFT' },
    ]);
  });
});

describe('auth.changePassword', () => {
  it('refuses a wrong current password beside that field', async () => {
    const error = await errorOf(
      user.client.auth.changePassword.mutate({ currentPassword: 'not-it', newPassword: 'a-new-secret' }),
    );
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.data.field).toBe('currentPassword');
  });

  it('changes the password and ends the other sessions', async () => {
    const someone = await signUp(server);
    const { token } = await someone.client.auth.changePassword.mutate({
      currentPassword: someone.password,
      newPassword: 'a-brand-new-secret',
    });
    expect((await errorOf(someone.client.auth.me.query())).data.code).toBe('UNAUTHORIZED');
    expect((await server.client(token).auth.me.query()).id).toBe(someone.user.id);
    const login = server
      .client()
      .auth.login.mutate({ identifier: someone.email, password: 'a-brand-new-secret' });
    await expect(login).resolves.toMatchObject({ user: { id: someone.user.id } });
    const old = await errorOf(
      server.client().auth.login.mutate({ identifier: someone.email, password: someone.password }),
    );
    expect(old.data.code).toBe('UNAUTHORIZED');
  });
});
