import { createHash } from 'node:crypto';
import { sessions } from '@chapar/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { randomMobile, signUp } from './support/users';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('auth', () => {
  it('makes the first user SUPER_ADMIN and later ones USER, with a trial subscription', async () => {
    const first = await signUp(server);
    const second = await signUp(server);
    expect(first.user.role).toBe('SUPER_ADMIN');
    expect(second.user.role).toBe('USER');
    expect(second.user.subscriptionActive).toBe(true);
    const subscription = await second.client.subscription.current.query();
    expect(subscription).toMatchObject({ messageLimit: 100, messagesUsed: 0 });
  });

  it('stores the phone in E.164 and signs in by email, phone (any digits) or username', async () => {
    const anonymous = server.client();
    const phone = randomMobile();
    const { user } = await anonymous.auth.register.mutate({
      name: 'نگار',
      email: 'Negar.Example@Example.com',
      phone,
      password: 'correct horse',
      username: 'negar_1',
    });
    expect(user.phone).toBe(`+98${phone.slice(1)}`);
    expect(user.email).toBe('negar.example@example.com');
    const persianDigits = phone.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    for (const identifier of [
      'negar.example@example.com',
      persianDigits,
      `+98${phone.slice(1)}`,
      'Negar_1',
    ]) {
      const { token, user: signedIn } = await anonymous.auth.login.mutate({
        identifier,
        password: 'correct horse',
      });
      expect(signedIn.id).toBe(user.id);
      expect(await server.client(token).auth.me.query()).toMatchObject({ id: user.id, name: 'نگار' });
    }
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    const { email } = await signUp(server);
    const wrong = await errorOf(
      server.client().auth.login.mutate({ identifier: email, password: 'nope-nope' }),
    );
    const unknown = await errorOf(
      server.client().auth.login.mutate({ identifier: 'nobody@example.com', password: 'nope-nope' }),
    );
    expect(wrong.data.code).toBe('UNAUTHORIZED');
    expect(unknown.data.code).toBe('UNAUTHORIZED');
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.data.reason).toBe('WRONG_CREDENTIALS');
    expect(unknown.data.reason).toBe('WRONG_CREDENTIALS');
  });

  it('refuses a duplicate email or phone with CONFLICT naming the field', async () => {
    const { email, phone } = await signUp(server);
    const dupEmail = await errorOf(
      server
        .client()
        .auth.register.mutate({ name: 'X', email, phone: randomMobile(), password: 'password1' }),
    );
    expect(dupEmail.data.code).toBe('CONFLICT');
    expect(dupEmail.data.field).toBe('email');
    const dupPhone = await errorOf(
      server
        .client()
        .auth.register.mutate({ name: 'X', email: 'other@example.com', phone, password: 'password1' }),
    );
    expect(dupPhone.data.field).toBe('phone');
  });

  it('validates registration input with messages per field', async () => {
    const bad = await errorOf(
      server
        .client()
        .auth.register.mutate({ name: '', email: 'not-an-email', phone: '123', password: 'short' }),
    );
    expect(bad.data.code).toBe('BAD_REQUEST');
    const fields = (bad.data.zodError as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(['email', 'name', 'password']);
    const badPhone = await errorOf(
      server.client().auth.register.mutate({
        name: 'A',
        email: 'a-phone@example.com',
        phone: '123',
        password: 'password1',
      }),
    );
    expect(badPhone.data).toMatchObject({ code: 'BAD_REQUEST', field: 'phone' });
  });

  it('needs a session for auth.me and ends it on logout', async () => {
    expect((await errorOf(server.client().auth.me.query())).data).toMatchObject({
      code: 'UNAUTHORIZED',
      reason: 'UNAUTHENTICATED',
    });
    const { client, token } = await signUp(server);
    await client.auth.logout.mutate();
    expect((await errorOf(server.client(token).auth.me.query())).data.code).toBe('UNAUTHORIZED');
  });

  it('sets an HttpOnly, SameSite=Lax session cookie that signs the browser in', async () => {
    const res = await fetch(`${server.url}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Cookie',
        email: 'cookie@example.com',
        phone: randomMobile(),
        password: 'password1',
      }),
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^chapar_session=\w+/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(((await me.json()) as { result: { data: { email: string } } }).result.data.email).toBe(
      'cookie@example.com',
    );
  });

  it('stores only a hash of the session token, so a stolen row signs nobody in', async () => {
    const res = await fetch(`${server.url}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Hashed',
        email: 'hashed-session@example.com',
        phone: randomMobile(),
        password: 'password1',
      }),
    });
    const token = /^chapar_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const body = (await res.json()) as { result: { data: { user: { id: number } } } };
    const rows = await server.app.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, body.result.data.user.id));
    expect(rows).toEqual([{ id: createHash('sha256').update(token).digest('hex') }]);
    expect(rows[0]!.id).not.toBe(token);

    const meWith = (cookie: string) =>
      fetch(`${server.url}/trpc/auth.me`, { headers: { cookie: `chapar_session=${cookie}` } });
    expect((await meWith(token)).status).toBe(200);
    expect((await meWith(rows[0]!.id)).status).toBe(401);
    expect((await errorOf(server.client(rows[0]!.id).auth.me.query())).data.code).toBe('UNAUTHORIZED');
  });

  it('refuses a cookie-authenticated mutation from another origin', async () => {
    const res = await fetch(`${server.url}/trpc/auth.register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'C2',
        email: 'cookie2@example.com',
        phone: randomMobile(),
        password: 'password1',
      }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const attack = await fetch(`${server.url}/trpc/whatsapp.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, origin: 'https://evil.example' },
      body: JSON.stringify({ label: 'x', driver: 'sandbox' }),
    });
    expect(attack.status).toBe(403);
  });

  it('signs banned users out everywhere and refuses their login with the reason', async () => {
    const admin = await signUp(server);
    const victim = await signUp(server);
    // Setting up the admin directly; promoting through the API is covered by the admin tests.
    await server.app.ports.users.update(admin.user.id, { role: 'ADMIN' });
    await admin.client.admin.users.update.mutate({
      id: victim.user.id,
      status: 'BANNED',
      statusReason: 'spam',
    });
    expect((await errorOf(victim.client.auth.me.query())).data.code).toBe('UNAUTHORIZED');
    const refused = await errorOf(
      server.client().auth.login.mutate({ identifier: victim.email, password: victim.password }),
    );
    expect(refused.data.code).toBe('FORBIDDEN');
    expect(refused.message).toContain('spam');

    const audit = await admin.client.admin.auditLog.list.query({
      targetType: 'user',
      targetId: victim.user.id,
    });
    expect(audit.items).toMatchObject([
      {
        action: 'user.ban',
        actorId: admin.user.id,
        actorName: admin.user.name,
        details: { from: 'ACTIVE', to: 'BANNED', reason: 'spam' },
      },
    ]);
  });

  it('accepts API keys as Bearer tokens until they are revoked', async () => {
    const { client, user } = await signUp(server);
    const created = await client.apiKeys.create.mutate({ name: 'script' });
    expect(created.key).toMatch(/^chp_/);
    const viaKey = server.client(created.key);
    expect((await viaKey.auth.me.query()).id).toBe(user.id);
    expect((await client.apiKeys.list.query()).map((k) => k.id)).toContain(created.id);
    expect(JSON.stringify(await client.apiKeys.list.query())).not.toContain(created.key);
    await client.apiKeys.revoke.mutate({ id: created.id });
    expect((await errorOf(viaKey.auth.me.query())).data.code).toBe('UNAUTHORIZED');
  });
});

describe('sign-ups at the same moment', () => {
  let fresh: TestServer;
  beforeAll(async () => {
    fresh = await startTestServer();
  });
  afterAll(() => fresh?.close());

  it('all succeed and exactly one becomes SUPER_ADMIN (no deadlock on the first-user check)', async () => {
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => signUp(fresh)));
    const failures = results.filter((r) => r.status === 'rejected').map((r) => String(r.reason));
    expect(failures).toEqual([]);
    const roles = results.map((r) => (r.status === 'fulfilled' ? r.value.user.role : 'none'));
    expect(roles.filter((role) => role === 'SUPER_ADMIN')).toHaveLength(1);
  });
});

describe('failed sign-ins', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({ env: { RATE_LIMIT_LOGIN_FAILURES: '5' } });
  });
  afterAll(() => limited?.close());

  async function account(username: string) {
    const phone = randomMobile();
    const email = `${username}@example.com`;
    await limited
      .client()
      .auth.register.mutate({ name: username, email, phone, password: 'right password', username });
    return { email, username, local: phone, international: `+98${phone.slice(1)}` };
  }
  const codeOf = async (identifier: string, password = 'wrong password') =>
    (await errorOf(limited.client().auth.login.mutate({ identifier, password }))).data.code;

  it('locks the account, not just the spelling: its phone (any spelling) and username are refused too', async () => {
    const a = await account('locked_one');
    for (let i = 0; i < 5; i++) expect(await codeOf(a.email)).toBe('UNAUTHORIZED');
    expect(await codeOf(a.email)).toBe('TOO_MANY_REQUESTS');
    for (const other of [a.local, a.international, a.username, a.username.toUpperCase()]) {
      expect(await codeOf(other)).toBe('TOO_MANY_REQUESTS');
    }
    // Refused before the password is looked at: the right one does not get through either.
    expect(await codeOf(a.local, 'right password')).toBe('TOO_MANY_REQUESTS');
    // A 15-minute lockout is said in minutes, as the Persian text says it.
    const refusal = await errorOf(limited.client().auth.login.mutate({ identifier: a.email, password: 'x' }));
    expect(refusal.message).toMatch(
      /^Too many failed sign-ins for this account\. Try again in 1[45] minutes\.$/,
    );
    expect(refusal.data).toMatchObject({
      reason: 'RATE_LIMITED',
      params: { limit: 'loginFailures', retryAfter: refusal.data.retryAfter },
    });
  });

  it('counts failures through every identifier of the account together, and no other account', async () => {
    const a = await account('spread_out');
    const b = await account('bystander');
    for (const identifier of [a.email, a.local, a.international, a.username, a.email]) {
      expect(await codeOf(identifier)).toBe('UNAUTHORIZED');
    }
    expect(await codeOf(a.username)).toBe('TOO_MANY_REQUESTS');
    const signedIn = await limited
      .client()
      .auth.login.mutate({ identifier: b.email, password: 'right password' });
    expect(signedIn.user.email).toBe(b.email);
  });
});
