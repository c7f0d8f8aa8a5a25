import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp, waitFor } from './support/users';

// biome-ignore lint/suspicious/noExplicitAny: untyped JSON off the wire, read as a caller in another language would.
type Json = any;

/** The developer surface as a PHP or Python shop sees it: plain fetch, JSON, an API key. */
let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer();
  const { client } = await signUp(server);
  key = (await client.apiKeys.create.mutate({ name: 'curl' })).key;
});
afterAll(() => server?.close());

async function call(method: string, path: string, body?: unknown, token: string | null = key) {
  const response = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

describe('/api/v1 over plain HTTP', () => {
  it('creates a campaign, adds recipients, starts it in the sandbox and polls its progress to the end', async () => {
    const account = await call('POST', '/v1/accounts', { label: 'Sandbox', driver: 'sandbox' });
    expect(account.status).toBe(200);
    expect((await call('POST', `/v1/accounts/${account.body.id}/connect`, {})).body).toEqual({ ok: true });
    await waitFor(
      async () => (await call('GET', `/v1/accounts/${account.body.id}`)).body.status,
      (status) => status === 'READY',
    );

    const created = await call('POST', '/v1/campaigns', {
      title: 'From curl',
      message: 'Salam {{name}}',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: account.body.id,
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ status: 'DRAFT', title: 'From curl' });
    expect(typeof created.body.createdAt).toBe('string');
    const id = created.body.id as number;

    const added = await call('POST', `/v1/campaigns/${id}/recipients`, {
      recipients: [{ phone: '0912 111 2233', name: 'Ali' }, { phone: '09121112244' }, { phone: 'call me' }],
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ added: 2, invalid: 1 });
    expect(added.body.rejected[0]).toMatchObject({ index: 2, value: 'call me' });

    const page = await call('POST', `/v1/campaigns/${id}/recipients/search`, {
      sort: { by: 'phone', dir: 'asc' },
    });
    expect(page.body.items.map((r: { phone: string }) => r.phone)).toEqual([
      '+989121112233',
      '+989121112244',
    ]);

    const started = await call('POST', `/v1/campaigns/${id}/start`, {});
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('RUNNING');
    // The sandbox sends every few seconds at FIVE_SECONDS pacing; poll like a cron job would.
    const done = await waitFor(
      async () => (await call('GET', `/v1/campaigns/${id}`)).body,
      (campaign) => campaign.status === 'COMPLETED',
      30_000,
    );
    expect(done).toMatchObject({ totalRecipients: 2, sentCount: 2, failedCount: 0 });

    const listed = await call('GET', '/v1/campaigns?status=COMPLETED&limit=5');
    expect(listed.body.items.map((c: { id: number }) => c.id)).toContain(id);
  }, 60_000);

  it('adds, lists and removes opt-outs', async () => {
    const added = await call('POST', '/v1/opt-outs', { phones: ['09351234567', 'nope'] });
    expect(added.body).toMatchObject({ added: 1, invalid: 1 });
    const listed = await call('GET', '/v1/opt-outs?search=935&limit=10');
    expect(listed.status).toBe(200);
    const [entry] = listed.body.items;
    expect(entry.phone).toBe('+989351234567');
    expect((await call('DELETE', `/v1/opt-outs/${entry.id}`)).body).toEqual({ ok: true });
    expect((await call('GET', '/v1/opt-outs')).body.items).toEqual([]);
  });

  it('refuses with the same reason codes as the typed client', async () => {
    const account = await call('POST', '/v1/accounts', { label: 'Unlinked', driver: 'sandbox' });
    const draft = await call('POST', '/v1/campaigns', {
      message: 'Salam',
      whatsappAccountId: account.body.id,
    });
    const notReady = await call('POST', `/v1/campaigns/${draft.body.id}/start`, {});
    expect(notReady.status).toBe(400);
    expect(notReady.body).toMatchObject({
      code: 'BAD_REQUEST',
      reason: 'CAMPAIGN_NOT_READY',
      params: { missing: 'recipients' },
    });
    expect(notReady.body.message).toMatch(/not ready to start/);
    expect(notReady.body.requestId).toBe(notReady.headers.get('x-request-id'));

    const missing = await call('GET', '/v1/campaigns/999999');
    expect(missing.status).toBe(404);
    expect(missing.body.reason).toBe('CAMPAIGN_NOT_FOUND');

    const invalid = await call('POST', '/v1/campaigns', { message: 'x', whatsappAccountId: -1 });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ reason: 'INVALID_INPUT', params: { path: 'whatsappAccountId' } });
    // The typed client's sentence, not the library's generic "Input validation failed".
    expect(invalid.body.message).toMatch(/^whatsappAccountId: /);
    expect(invalid.body.issues[0].path).toEqual(['whatsappAccountId']);
  });

  it('registers webhooks, and refuses a private target with its reason', async () => {
    const refused = await call('POST', '/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      events: ['recipient.status'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      reason: 'WEBHOOK_TARGET_REFUSED',
      params: { problem: 'PRIVATE', host: '127.0.0.1' },
      field: 'url',
    });
    expect((await call('GET', '/v1/webhooks')).body).toEqual([]);
    const missing = await call('GET', '/v1/webhooks/999999/deliveries');
    expect(missing.status).toBe(404);
    expect(missing.body.reason).toBe('WEBHOOK_NOT_FOUND');
  });

  it('answers 401 with a reason without a key, or with a wrong one', async () => {
    for (const token of [null, 'chp_not-a-real-key']) {
      const refused = await call('GET', '/v1/campaigns', undefined, token);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'UNAUTHORIZED', reason: 'UNAUTHENTICATED' });
    }
  });

  it('answers 404 with a reason for a path that is not there', async () => {
    const missing = await call('GET', '/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.reason).toBe('NOT_FOUND');
  });
});

describe('/api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document of the developer procedures, errors included', async () => {
    const response = await fetch(`${server.url}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as Json;
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');

    expect(document.servers).toEqual([{ url: '/api' }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/campaigns',
        '/v1/campaigns/{id}',
        '/v1/campaigns/{id}/start',
        '/v1/campaigns/{campaignId}/recipients',
        '/v1/accounts',
        '/v1/opt-outs',
        '/v1/webhooks',
      ]),
    );
    // Nothing but the annotated procedures: no sign-in, no admin, no uploads, no subscriptions.
    expect(JSON.stringify(Object.keys(document.paths))).not.toMatch(/admin|auth|import|media|onProgress/);
    const start = document.paths['/v1/campaigns/{id}/start'].post;
    expect(start.security).toEqual([{ Authorization: [] }]);
    expect(start.responses['200'].content['application/json'].schema.properties.status.enum).toContain(
      'RUNNING',
    );
    expect(start.responses['401'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
    expect(document.components.schemas.Error.properties.reason.enum).toContain('CAMPAIGN_NOT_READY');
    expect(document.info.description).toMatch(/subscriptions/i);
  });
});

describe('/api/docs', () => {
  it('serves the reference page and every asset it loads from this server', async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      expect(asset.startsWith('/api/docs/')).toBe(true);
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    const init = await (await fetch(`${server.url}/api/docs/init.js`)).text();
    expect(init).toContain('/api/openapi.json');
  });
});
