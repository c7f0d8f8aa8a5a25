import { createHash } from 'node:crypto';
import { sessions } from '@chapar/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp } from './support/users';

/** A tRPC WebSocket message from the server. */
interface Frame {
  id?: number | string | null;
  result?: { type?: string; data?: unknown };
  error?: { message?: string; data?: { code?: string; reason?: string } };
}

/**
 * A raw tRPC socket signed in with `token`, as any client could open one: queries and
 * mutations go over it too, not only subscriptions (the typed client sends those by HTTP).
 */
async function openSocket(server: TestServer, token: string) {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/trpc`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const frames: Frame[] = [];
  const waiters: Array<{ match(f: Frame): boolean; resolve(f: Frame): void }> = [];
  ws.on('message', (raw) => {
    const text = String(raw);
    if (text === 'PING' || text === 'PONG') return;
    const frame = JSON.parse(text) as Frame;
    frames.push(frame);
    for (const w of waiters.filter((w) => w.match(frame))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(frame);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 0;
  /** The first frame (already received or to come) that matches, within 5 s. */
  const frame = (match: (f: Frame) => boolean) =>
    new Promise<Frame>((resolve, reject) => {
      const seen = frames.find(match);
      if (seen) return resolve(seen);
      const timer = setTimeout(
        () => reject(new Error(`no such frame; got ${JSON.stringify(frames)}`)),
        5_000,
      );
      waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  const send = (method: 'query' | 'mutation' | 'subscription', path: string, input?: unknown) => {
    const id = ++nextId;
    ws.send(JSON.stringify({ id, method, params: { path, input } }));
    return id;
  };
  const answer = (id: number) => frame((f) => f.id === id && (f.error != null || f.result?.type === 'data'));
  return {
    frames,
    closed,
    frame,
    /** Sends a query or mutation and answers its reply frame. */
    call: (method: 'query' | 'mutation', path: string, input?: unknown) => answer(send(method, path, input)),
    /** Starts a subscription and answers its id once the first value arrived. */
    async subscribe(path: string, input: unknown) {
      const id = send('subscription', path, input);
      await frame((f) => f.id === id && f.result?.type === 'data');
      return id;
    },
    send,
    close: () => ws.close(),
  };
}

type Socket = Awaited<ReturnType<typeof openSocket>>;

/** A socket of `user`'s with a live account-status subscription, checked to answer calls. */
async function watchingSocket(user: Awaited<ReturnType<typeof signUp>>, token: string) {
  const account = await user.client.whatsapp.create.mutate({ label: 'S', driver: 'sandbox' });
  const socket = await openSocket(server, token);
  const subscription = await socket.subscribe('whatsapp.onStatus', { id: account.id });
  expect((await socket.call('query', 'auth.me')).result?.data).toMatchObject({ id: user.user.id });
  return { socket, subscription };
}

/**
 * After the change: the subscription fails with UNAUTHORIZED, a call sent the moment that
 * error arrives (over the same socket) is refused, and the socket is closed with 4401.
 */
async function expectIdentityLost(socket: Socket, subscription: number) {
  const failed = await socket.frame((f) => f.id === subscription && f.error != null);
  expect(failed.error?.data?.code).toBe('UNAUTHORIZED');
  expect(failed.error?.data?.reason).toMatch(
    /^(SESSION_ENDED|API_KEY_REVOKED|ACCOUNT_NO_LONGER_ACTIVE|ROLE_CHANGED)$/,
  );
  const minted = await socket.call('mutation', 'apiKeys.create', { name: 'after the change' });
  expect(minted.error?.data?.code).toBe('UNAUTHORIZED');
  expect(minted.result).toBeUndefined();
  const { code } = await socket.closed;
  expect(code).toBe(4401);
}

let server: TestServer;
let admin: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  server = await startTestServer();
  admin = await signUp(server); // the first user: SUPER_ADMIN
});
afterAll(() => server?.close());

describe('a WebSocket keeps only the identity that still holds', () => {
  it('loses it when the password is changed from another session', async () => {
    const user = await signUp(server);
    const { socket, subscription } = await watchingSocket(user, user.token);
    const elsewhere = await server
      .client()
      .auth.login.mutate({ identifier: user.email, password: user.password });
    const { token } = await server
      .client(elsewhere.token)
      .auth.changePassword.mutate({ currentPassword: user.password, newPassword: `${user.password}-new` });

    await expectIdentityLost(socket, subscription);
    // Nothing was minted on the old socket.
    expect(await server.client(token).apiKeys.list.query()).toEqual([]);
  });

  it('loses it when an admin bans the user, on session and API-key sockets alike', async () => {
    const user = await signUp(server);
    const { key } = await user.client.apiKeys.create.mutate({ name: 'script' });
    const bySession = await watchingSocket(user, user.token);
    const byKey = await watchingSocket(user, key);

    await admin.client.admin.users.update.mutate({
      id: user.user.id,
      status: 'BANNED',
      statusReason: 'spam',
    });

    await Promise.all([
      expectIdentityLost(bySession.socket, bySession.subscription),
      expectIdentityLost(byKey.socket, byKey.subscription),
    ]);
  });

  it('loses it on logout', async () => {
    const user = await signUp(server);
    const { socket, subscription } = await watchingSocket(user, user.token);

    await user.client.auth.logout.mutate();

    await expectIdentityLost(socket, subscription);
  });

  it('loses it when its API key is revoked, while the owner’s other socket keeps working', async () => {
    const user = await signUp(server);
    const created = await user.client.apiKeys.create.mutate({ name: 'script' });
    const byKey = await watchingSocket(user, created.key);
    const bySession = await watchingSocket(user, user.token);

    await user.client.apiKeys.revoke.mutate({ id: created.id });

    await expectIdentityLost(byKey.socket, byKey.subscription);
    expect((await bySession.socket.call('query', 'auth.me')).result?.data).toMatchObject({
      id: user.user.id,
    });
    expect(bySession.socket.frames.some((f) => f.id === bySession.subscription && f.error)).toBe(false);
    bySession.socket.close();
  });

  it('loses it when the session expires, with no event to announce it', async () => {
    const user = await signUp(server);
    const { socket, subscription } = await watchingSocket(user, user.token);

    const stored = createHash('sha256').update(user.token).digest('hex');
    await server.app.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(sessions.id, stored));

    await expectIdentityLost(socket, subscription);
  });
});
