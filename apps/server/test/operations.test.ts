import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createChaparClient } from '@chapar/client';
import { createDatabase, dropDatabase } from '@chapar/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { REPO_ROOT } from '../src/env';
import { createTestDatabase } from './support/database';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, waitFor } from './support/users';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Low limits so a handful of calls reach them; X-Forwarded-For (trusted) picks the caller's IP. */
const LIMITS = {
  TRUST_PROXY: 'true',
  RATE_LIMIT_LOGIN_PER_IP: '8',
  RATE_LIMIT_LOGIN_FAILURES: '3',
  RATE_LIMIT_REGISTER_PER_IP: '3',
  RATE_LIMIT_API_KEY_FAILURES: '3',
  ENGINE_TIME_SCALE: '1000',
  SANDBOX_UNREGISTERED_NUMBERS: '+989120000009',
};

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ env: LIMITS });
});
afterAll(async () => {
  await s?.close();
});

interface TrpcError {
  message: string;
  data: { code: string; httpStatus: number; requestId: string | null; retryAfter: number | null };
}

/** One unbatched tRPC mutation over plain HTTP, so headers can be set and read. */
async function mutate(path: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { error?: TrpcError; result?: { data: unknown } };
  return { res, body, error: body.error };
}

const from = (ip: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...extra });

let users = 0;
/** Signs up and in from its own address, so the low limits of this file are not shared. */
async function signUpFrom(ip = `10.9.0.${++users}`) {
  const n = ++users;
  const email = `ops-${n}@example.com`;
  const password = `pw-${n}-secret`;
  const phone = `09127${String(n).padStart(6, '0')}`;
  const registered = await mutate('auth.register', { name: `U${n}`, email, phone, password }, from(ip));
  expect(registered.res.status, JSON.stringify(registered.body)).toBe(200);
  const login = await mutate('auth.login', { identifier: email, password }, from(ip));
  const { token } = (login.body.result?.data ?? {}) as { token: string };
  return { email, password, token, client: s.client(token) };
}

describe('security headers and request ids', () => {
  it('sets the security headers on every kind of response; HSTS only over https', async () => {
    for (const url of ['/healthz', '/trpc/auth.me', '/nowhere', '/metrics']) {
      const res = await fetch(`${s.url}${url}`);
      await res.arrayBuffer();
      expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), url).toBe('same-origin');
      expect(res.headers.get('x-frame-options'), url).toBe('DENY');
      expect(res.headers.get('cross-origin-opener-policy'), url).toBe('same-origin');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",
        "connect-src 'self' ws: wss:",
      ]) {
        expect(csp, url).toContain(directive);
      }
      expect(res.headers.get('strict-transport-security'), url).toBeNull();
    }
    // Behind the trusted proxy, a request that came in over https gets HSTS.
    const https = await fetch(`${s.url}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
  });

  it('keeps a sane incoming x-request-id, replaces a bad one, and puts it in tRPC errors', async () => {
    const kept = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const replaced = await fetch(`${s.url}/healthz`, { headers: { 'x-request-id': 'x'.repeat(500) } });
    expect(replaced.headers.get('x-request-id')).toMatch(UUID);
    const fresh = await fetch(`${s.url}/healthz`);
    expect(fresh.headers.get('x-request-id')).toMatch(UUID);

    const res = await fetch(`${s.url}/trpc/auth.me`, { headers: { 'x-request-id': 'support-ticket-1' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('support-ticket-1');
    const body = (await res.json()) as { error: TrpcError };
    expect(body.error.data.requestId).toBe('support-ticket-1');

    // The typed client sees it too (a generated one here).
    const error = await errorOf(s.client().auth.me.query());
    expect(error.data.code).toBe('UNAUTHORIZED');
    expect(error.data.requestId).toMatch(UUID);
  });
});

describe('rate limits', () => {
  it('stops guessing one account after N failures; other accounts and a correct login reset are unaffected', async () => {
    const victim = await signUpFrom();
    const bystander = await signUpFrom();
    // A success clears earlier failures.
    for (let i = 0; i < 2; i++) {
      const { error } = await mutate(
        'auth.login',
        { identifier: victim.email, password: 'wrong' },
        from('10.1.0.1'),
      );
      expect(error?.data.code).toBe('UNAUTHORIZED');
    }
    expect(
      (await mutate('auth.login', { identifier: victim.email, password: victim.password }, from('10.1.0.1')))
        .res.status,
    ).toBe(200);

    for (let i = 0; i < 3; i++) {
      const { error } = await mutate(
        'auth.login',
        { identifier: victim.email, password: `guess-${i}` },
        from(`10.1.1.${i}`),
      );
      expect(error?.data.code).toBe('UNAUTHORIZED');
    }
    // Spread over IPs or not, the fourth attempt is refused, even with the right password.
    const { res, error } = await mutate(
      'auth.login',
      { identifier: victim.email.toUpperCase(), password: victim.password },
      from('10.1.1.9', { 'x-request-id': 'brute-1' }),
    );
    expect(res.status).toBe(429);
    expect(error?.data.code).toBe('TOO_MANY_REQUESTS');
    expect(error?.data.requestId).toBe('brute-1');
    const retryAfter = error?.data.retryAfter ?? 0;
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(error?.message).toContain(`${Math.ceil(retryAfter / 60)} minutes`);
    expect(Number(res.headers.get('retry-after'))).toBe(retryAfter);

    // Another account, from the same address, signs in fine.
    const other = await mutate(
      'auth.login',
      { identifier: bystander.email, password: bystander.password },
      from('10.1.1.9'),
    );
    expect(other.res.status).toBe(200);
  });

  it('limits sign-in attempts per IP; other IPs are unaffected', async () => {
    const user = await signUpFrom();
    for (let i = 0; i < 8; i++) {
      // Different identifiers, so only the per-IP limit can apply.
      const { error } = await mutate(
        'auth.login',
        { identifier: `nobody${i}@example.com`, password: 'x' },
        from('10.2.0.1'),
      );
      expect(error?.data.code).toBe('UNAUTHORIZED');
    }
    const blocked = await mutate(
      'auth.login',
      { identifier: user.email, password: user.password },
      from('10.2.0.1'),
    );
    expect(blocked.res.status).toBe(429);
    expect(blocked.error?.data.retryAfter).toBeGreaterThan(0);
    expect(blocked.error?.data.retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.error?.message).toMatch(/Try again in \d+ seconds?\./);

    const elsewhere = await mutate(
      'auth.login',
      { identifier: user.email, password: user.password },
      from('10.2.0.2'),
    );
    expect(elsewhere.res.status).toBe(200);
  });

  it('limits sign-ups per IP', async () => {
    const register = (i: number, ip: string) =>
      mutate(
        'auth.register',
        {
          name: `R${i}`,
          email: `reg-${ip}-${i}@example.com`,
          phone: `091255${ip.slice(-1)}${String(i).padStart(4, '0')}`,
          password: 'a-good-password',
        },
        from(ip),
      );
    for (let i = 0; i < 3; i++) expect((await register(i, '10.3.0.1')).res.status).toBe(200);
    const refused = await register(3, '10.3.0.1');
    expect(refused.res.status).toBe(429);
    expect(refused.error?.data.retryAfter).toBeGreaterThan(3500);
    expect(Number(refused.res.headers.get('retry-after'))).toBe(refused.error?.data.retryAfter);
    expect((await register(4, '10.3.0.2')).res.status).toBe(200);
  });

  it('limits requests with a wrong API key per IP, and ignores X-Forwarded-For without TRUST_PROXY', async () => {
    const me = (ip: string, id = 'k') =>
      fetch(`${s.url}/trpc/auth.me`, {
        headers: { authorization: 'Bearer chp_not-a-real-key', 'x-forwarded-for': ip, 'x-request-id': id },
      });
    for (let i = 0; i < 3; i++) expect((await me('10.4.0.1')).status).toBe(401);
    const res = await me('10.4.0.1', 'key-scan-1');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await res.json()) as { error: TrpcError };
    expect(body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', requestId: 'key-scan-1' });
    expect(body.error.data.retryAfter).toBeGreaterThan(0);
    expect((await me('10.4.0.2')).status).toBe(401);
  });
});

describe('metrics and readiness', () => {
  it('exposes request durations, message outcomes, engine lag, gauges, pool use and process metrics', async () => {
    const { client } = await signUpFrom();
    const account = await linkedSandboxAccount(client);
    const campaign = await client.campaigns.create.mutate({
      message: 'Salam!',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: account.id,
    });
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: ['09120000001', '09120000002', '09120000009'].map((phone) => ({ phone })),
    });
    await client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
    );
    await errorOf(client.campaigns.get.query({ id: 999_999_999 }));

    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);

    expect(text).toMatch(
      /chapar_trpc_request_duration_seconds_count\{path="campaigns\.start",type="mutation",code="OK"\} [1-9]/,
    );
    expect(text).toMatch(
      /chapar_trpc_request_duration_seconds_count\{path="campaigns\.get",type="query",code="NOT_FOUND"\} [1-9]/,
    );
    expect(text).toMatch(
      /chapar_trpc_request_duration_seconds_count\{path="auth\.login",type="mutation",code="TOO_MANY_REQUESTS"\} [1-9]/,
    );
    expect(text).toMatch(
      /chapar_http_request_duration_seconds_count\{route="trpc",method="POST",status="200"\} [1-9]/,
    );
    expect(value(/chapar_messages_total\{outcome="sent"\} (\d+)/)).toBeGreaterThanOrEqual(2);
    expect(value(/chapar_messages_total\{outcome="skipped"\} (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(text).toContain('chapar_messages_total{outcome="failed"}');
    expect(value(/chapar_engine_lag_seconds_count (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(value(/chapar_campaigns_running (\d+)/)).toBe(0);
    expect(value(/chapar_whatsapp_accounts\{status="READY"\} (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(value(/chapar_db_pool_connections\{state="all"\} (\d+)/)).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/chapar_db_pool_connections\{state="in_use"\} \d+/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('nodejs_heap_size_used_bytes');
  });

  it('answers /healthz always and /readyz 503 naming the failing check', async () => {
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    const ready = await waitFor(
      () => fetch(`${s.url}/readyz`).then(async (r) => ({ status: r.status, body: await r.json() })),
      (r) => r.status === 200,
      5_000,
    );
    expect(ready.body).toMatchObject({ ok: true, failing: [], checks: { database: 'ok', migrations: 'ok' } });

    const other = await startTestServer();
    try {
      const handle = createDatabase(other.databaseUrl, { connectionLimit: 1 });
      await handle.db.execute(sql`DELETE FROM __drizzle_migrations ORDER BY id DESC LIMIT 1`);
      await handle.close();
      const pending = await fetch(`${other.url}/readyz`);
      expect(pending.status).toBe(503);
      expect(await pending.json()).toMatchObject({
        ok: false,
        failing: ['migrations'],
        checks: { migrations: '1 pending' },
      });

      await dropDatabase(other.databaseUrl);
      const gone = await fetch(`${other.url}/readyz`);
      expect(gone.status).toBe(503);
      const body = (await gone.json()) as { failing: string[]; checks: { database: string } };
      expect(body.failing).toContain('database');
      expect(body.checks.database).toMatch(/^unreachable: /);
      expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
      // Metrics still answer (process metrics) when the database is away.
      expect((await fetch(`${other.url}/metrics`)).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('graceful shutdown', () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await database?.drop();
  });

  it('SIGTERM tells subscribed sockets to reconnect, closes them and exits 0 within the bound', async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-shutdown-'));
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'apps/server/src/main.ts')],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          PORT: '0',
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          WEB_DIST: path.join(dataDir, 'no-web'),
          LOG_LEVEL: 'info',
          SANDBOX_LINK_DELAY_MS: '50',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child = proc;
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      proc.once('exit', (code) => resolve({ code, at: Date.now() })),
    );
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      void exited.then(() => reject(new Error(`server exited early:\n${output}`)));
    });

    // A real user with an account, subscribed to its status over a raw socket.
    const anonymous = createChaparClient({ url });
    await anonymous.auth.register.mutate({
      name: 'S',
      email: 'shutdown@example.com',
      phone: '09121112233',
      password: 'a-good-password',
    });
    const { token } = await anonymous.auth.login.mutate({
      identifier: 'shutdown@example.com',
      password: 'a-good-password',
    });
    const client = createChaparClient({ url, token });
    const account = await client.whatsapp.create.mutate({ label: 'S', driver: 'sandbox' });

    const ws = new WebSocket(`${url.replace('http', 'ws')}/trpc`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const messages: Array<{ id?: unknown; method?: string; result?: { type?: string } }> = [];
    let upgradeRequestId: string | undefined;
    ws.on('upgrade', (res) => {
      upgradeRequestId = String(res.headers['x-request-id']);
    });
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    const closed = new Promise<{ code: number }>((resolve) => ws.once('close', (code) => resolve({ code })));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    expect(upgradeRequestId).toMatch(UUID);
    ws.send(
      JSON.stringify({
        id: 1,
        method: 'subscription',
        params: { path: 'whatsapp.onStatus', input: { id: account.id } },
      }),
    );
    await waitFor(
      async () => messages,
      (m) => m.some((x) => x.id === 1 && x.result?.type === 'data'),
      5_000,
    );

    const signalled = Date.now();
    proc.kill('SIGTERM');
    const [exit, close] = await Promise.all([exited, closed]);
    expect(exit.code, output).toBe(0);
    expect(exit.at - signalled).toBeLessThan(15_000);
    expect(close.code).toBe(1012);
    expect(messages.some((m) => m.method === 'reconnect')).toBe(true);
    // The socket's log lines carry one request id, the one on its 101 response.
    expect(output).toContain(`"reqId":"${upgradeRequestId}"`);
    expect(output).toMatch(/"msg":"shutting down"/);
  }, 40_000);
});
