import { webhookDeliveries } from '@chapar/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { WebhookDispatcher } from '../src/webhooks/dispatcher';
import { recordWebhookEvent } from '../src/webhooks/outbox';
import { retryPolicy } from '../src/webhooks/retry-policy';
import { SandboxDriver } from '../src/whatsapp/sandbox-driver';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';
import { type Received, startReceiver } from './support/webhook-receiver';

/**
 * Webhooks end to end (issue 18, part 2): a real receiver on 127.0.0.1 checks every
 * signature; events come from a real sandbox campaign, a reply and an opt-out; 500s are
 * retried with the same delivery id; one recipient's events arrive in order.
 */
const ALL_EVENTS = [
  'recipient.status',
  'message.received',
  'optout.created',
  'campaign.status',
  'account.status',
] as const;

async function expectTrpcError(call: Promise<unknown>, code: string) {
  expect((await errorOf(call)).data.code).toBe(code);
}

describe('webhooks', () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    server = await startTestServer({
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SECONDS: '0.2', ENGINE_TIME_SCALE: '20' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('creates, lists, tests and removes an endpoint; the secret is shown only once', async () => {
    const { client } = await signUp(server);
    const { id, secret } = await client.webhooks.create.mutate({
      url: receiver.url,
      events: ['campaign.status'],
    });
    expect(secret).toMatch(/^whsec_[0-9a-f]{48}$/);
    const [listed] = await client.webhooks.list.query();
    expect(listed).toMatchObject({ id, url: receiver.url, events: ['campaign.status'], status: 'ACTIVE' });
    expect(JSON.stringify(listed)).not.toContain(secret);

    const delivery = await client.webhooks.test.mutate({ id });
    expect(delivery).toMatchObject({
      type: 'webhook.test',
      status: 'SUCCEEDED',
      attempts: 1,
      lastStatusCode: 200,
    });
    expect(delivery.lastLatencyMs).toBeGreaterThanOrEqual(0);
    const request = receiver.requests.find((r) => r.body.id === delivery.eventId)!;
    expect(request.headers['x-chapar-event']).toBe('webhook.test');
    expect(request.headers['x-chapar-delivery']).toBe(delivery.eventId);
    expect(request.headers['content-type']).toBe('application/json');
    expect(receiver.signedBy(request, secret)).toBe(true);
    expect(receiver.signedBy(request, `${secret}x`)).toBe(false);
    expect(Object.keys(request.body).sort()).toEqual(['createdAt', 'data', 'id', 'type']);

    // Someone else's endpoint is not found, and so is a removed one.
    const other = await signUp(server);
    await expectTrpcError(other.client.webhooks.deliveries.query({ id }), 'NOT_FOUND');
    await expectTrpcError(other.client.webhooks.remove.mutate({ id }), 'NOT_FOUND');
    await client.webhooks.remove.mutate({ id });
    expect(await client.webhooks.list.query()).toEqual([]);
    await expectTrpcError(client.webhooks.test.mutate({ id }), 'NOT_FOUND');
  });

  it('refuses an address that is not http(s) and events it does not know', async () => {
    const { client } = await signUp(server);
    await expectTrpcError(
      client.webhooks.create.mutate({ url: 'ftp://example.com/x', events: ['campaign.status'] }),
      'BAD_REQUEST',
    );
    await expectTrpcError(
      // @ts-expect-error: not an event type
      client.webhooks.create.mutate({ url: receiver.url, events: ['campaign.deleted'] }),
      'BAD_REQUEST',
    );
    await expectTrpcError(client.webhooks.create.mutate({ url: receiver.url, events: [] }), 'BAD_REQUEST');
  });

  it('reports a campaign, its recipients, a reply and an opt-out, signed, retried after 500s, in order per recipient', async () => {
    const { client } = await signUp(server);
    const { id, secret } = await client.webhooks.create.mutate({
      url: receiver.url,
      events: [...ALL_EVENTS],
    });
    const mine = (r: Received) => receiver.signedBy(r, secret);
    // The first two recipient.status deliveries are refused with a 500: they must come again.
    let refusals = 0;
    receiver.answerWith((r) => (r.body.type === 'recipient.status' && refusals++ < 2 ? 500 : 200));

    const account = await linkedSandboxAccount(client);
    const campaign = await client.campaigns.create.mutate({
      title: 'Hooks',
      message: 'Salam {{name}}',
      interval: 'FIVE_SECONDS',
      whatsappAccountId: account.id,
    });
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [
        { phone: '09121110001', name: 'Sara' },
        { phone: '09121110002', name: 'Reza' },
      ],
    });
    await client.campaigns.start.mutate({ id: campaign.id });

    await waitFor(
      async () =>
        receiver
          .accepted()
          .filter((r) => mine(r) && r.body.type === 'recipient.status' && r.body.data.status === 'READ')
          .length,
      (n) => n === 2,
      20_000,
    );

    const received = receiver.requests.filter(mine);
    expect(received.every((r) => r.headers['x-chapar-event'] === r.body.type)).toBe(true);
    for (const phone of ['+989121110001', '+989121110002']) {
      const statuses = receiver
        .accepted()
        .filter((r) => mine(r) && r.body.type === 'recipient.status' && r.body.data.phone === phone)
        .map((r) => r.body.data.status);
      // In order; DELIVERED may be skipped when WhatsApp's read ack comes first (it then implies delivery).
      expect([
        ['SENT', 'DELIVERED', 'READ'],
        ['SENT', 'READ'],
      ]).toContainEqual(statuses);
    }
    const sent = receiver.accepted().find((r) => mine(r) && r.body.data.status === 'SENT')!;
    expect(sent.body.data).toMatchObject({ campaignId: campaign.id, messageId: expect.any(String) });

    // A refused delivery came again with the same delivery id and body, and its log says so.
    const refused = received.filter((r) => r.answered === 500);
    expect(refused).toHaveLength(2);
    const retried = received.filter((r) => r.body.id === refused[0]!.body.id);
    expect(retried.length).toBeGreaterThanOrEqual(2);
    expect(
      retried
        .map((r) => r.answered)
        .slice(0, -1)
        .every((code) => code === 500),
    ).toBe(true);
    expect(retried.at(-1)!.answered).toBe(200);
    expect(new Set(retried.map((r) => r.raw)).size).toBe(1);
    expect(new Set(retried.map((r) => r.headers['x-chapar-delivery'])).size).toBe(1);
    const log = await client.webhooks.deliveries.query({ id });
    const logged = log.items.find((d) => d.eventId === refused[0]!.body.id)!;
    expect(logged).toMatchObject({ status: 'SUCCEEDED', attempts: retried.length, lastStatusCode: 200 });

    await waitFor(
      async () =>
        receiver
          .accepted()
          .filter((r) => mine(r) && r.body.type === 'campaign.status')
          .map((r) => r.body.data.status),
      (s) => s.includes('COMPLETED'),
    );
    const campaignStatuses = receiver
      .accepted()
      .filter((r) => mine(r) && r.body.type === 'campaign.status')
      .map((r) => r.body.data.status);
    expect(campaignStatuses).toEqual(['READY', 'RUNNING', 'COMPLETED']);
    expect(
      receiver
        .accepted()
        .some((r) => mine(r) && r.body.type === 'account.status' && r.body.data.status === 'READY'),
    ).toBe(true);

    // A reply, then STOP: both reach the endpoint, the second also as an opt-out.
    const driver = server.app.sessions.driverOf(account.id);
    if (!(driver instanceof SandboxDriver)) throw new Error('not a sandbox driver');
    driver.simulateIncoming('+989121110001', 'Merci, see you Friday');
    driver.simulateIncoming('+989121110002', 'STOP');
    const replies = await waitFor(
      async () =>
        receiver
          .accepted()
          .filter((r) => mine(r) && ['message.received', 'optout.created'].includes(r.body.type)),
      (r) => r.length === 3,
    );
    expect(
      replies.map((r) => [r.body.type, r.body.data.from ?? r.body.data.phone, r.body.data.text ?? null]),
    ).toEqual(
      expect.arrayContaining([
        ['message.received', '+989121110001', 'Merci, see you Friday'],
        ['message.received', '+989121110002', 'STOP'],
        ['optout.created', '+989121110002', null],
      ]),
    );

    // "Send again": the same event, same id, once more.
    const again = log.items.find((d) => d.status === 'SUCCEEDED')!;
    const before = receiver.requests.filter((r) => r.body.id === again.eventId).length;
    await client.webhooks.redeliver.mutate({ deliveryId: again.id });
    await waitFor(
      async () => receiver.requests.filter((r) => r.body.id === again.eventId).length,
      (n) => n === before + 1,
    );
    const [row] = await server.app.db
      .select({ attempts: webhookDeliveries.attempts, status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, again.id));
    await waitFor(
      async () =>
        (
          await server.app.db
            .select({ status: webhookDeliveries.status })
            .from(webhookDeliveries)
            .where(eq(webhookDeliveries.id, again.id))
        )[0]?.status,
      (s) => s === 'SUCCEEDED',
    );
    expect(row!.attempts).toBe(again.attempts + 1);
  }, 60_000);

  it('reports numbers added to the opt-out list by hand, only the new ones', async () => {
    const { client } = await signUp(server);
    const { secret } = await client.webhooks.create.mutate({ url: receiver.url, events: ['optout.created'] });
    receiver.answerWith(() => 200);
    await client.optOuts.add.mutate({ phones: ['09121234001', '09121234002'] });
    await client.optOuts.add.mutate({ phones: ['09121234002', '09121234003'] });
    const received = await waitFor(
      async () => receiver.accepted().filter((r) => receiver.signedBy(r, secret)),
      (r) => r.length >= 3,
    );
    await new Promise((r) => setTimeout(r, 1_500)); // nothing more comes
    const phones = receiver
      .accepted()
      .filter((r) => receiver.signedBy(r, secret))
      .map((r) => [r.body.type, r.body.data.phone, r.body.data.source]);
    expect(received).toHaveLength(3);
    expect(phones.sort()).toEqual([
      ['optout.created', '+989121234001', 'manual'],
      ['optout.created', '+989121234002', 'manual'],
      ['optout.created', '+989121234003', 'manual'],
    ]);
  });

  it('two dispatchers on one outbox never send the same attempt twice', async () => {
    const { client, user } = await signUp(server);
    const { id } = await client.webhooks.create.mutate({ url: receiver.url, events: ['optout.created'] });
    receiver.answerWith(() => 200);
    // A second process's dispatcher, beside the test server's own.
    const second = new WebhookDispatcher({
      db: server.app.db,
      log: createLogger('silent'),
      policy: retryPolicy(0.2),
      allowPrivate: true,
      pollMs: 20,
    });
    second.start();
    try {
      for (let i = 0; i < 30; i++) {
        const phone = `+98912000${String(i).padStart(4, '0')}`;
        const at = new Date();
        await recordWebhookEvent(
          server.app.db,
          { userId: user.id },
          {
            type: 'optout.created',
            orderKey: `phone:${phone}`,
            at,
            data: { phone, source: 'test', at: at.toISOString() },
          },
        );
      }
      const log = await waitFor(
        () => client.webhooks.deliveries.query({ id }),
        (page) => page.items.length === 30 && page.items.every((d) => d.status === 'SUCCEEDED'),
      );
      const eventIds = log.items.map((d) => d.eventId);
      const arrivals = receiver.requests.filter((r) => eventIds.includes(r.body.id));
      expect(arrivals).toHaveLength(30);
      expect(log.items.every((d) => d.attempts === 1)).toBe(true);
    } finally {
      await second.stop();
    }
  });
});

describe('webhooks that keep failing', () => {
  let server: TestServer;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    receiver.answerWith(() => 503);
    // The whole schedule shrinks with the first delay: "a day" lasts 8640 × 0.5 ms ≈ 4.3 s.
    server = await startTestServer({
      env: { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_RETRY_SECONDS: '0.0005' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.close();
  });

  it('marks an event failed after its day of backed-off retries, disables the endpoint, and sends again when asked', async () => {
    const { client, user } = await signUp(server);
    const { id } = await client.webhooks.create.mutate({ url: receiver.url, events: ['optout.created'] });
    const at = new Date();
    await recordWebhookEvent(
      server.app.db,
      { userId: user.id },
      {
        type: 'optout.created',
        orderKey: 'phone:+989120000001',
        at,
        data: { phone: '+989120000001', source: 'reply', at: at.toISOString() },
      },
    );
    const [failed] = (
      await waitFor(
        () => client.webhooks.deliveries.query({ id }),
        (page) => page.items[0]?.status === 'FAILED',
        15_000,
      )
    ).items;
    expect(failed).toMatchObject({ lastStatusCode: 503, lastError: 'HTTP 503', nextAttemptAt: null });
    // Backed off: a handful of attempts over the "day", not one per poll.
    expect(failed!.attempts).toBeGreaterThanOrEqual(5);
    expect(failed!.attempts).toBeLessThanOrEqual(12);
    const arrivals = receiver.requests.filter((r) => r.body.id === failed!.eventId);
    expect(arrivals).toHaveLength(failed!.attempts);

    const [endpoint] = await waitFor(
      () => client.webhooks.list.query(),
      (list) => list[0]?.status === 'DISABLED',
    );
    expect(endpoint!.disabledReason).toMatch(/failed for a day/);

    // Turned back on and asked to send again: the same event, accepted this time.
    receiver.answerWith(() => 200);
    await client.webhooks.enable.mutate({ id });
    await client.webhooks.redeliver.mutate({ deliveryId: failed!.id });
    const [again] = (
      await waitFor(
        () => client.webhooks.deliveries.query({ id }),
        (page) => page.items[0]?.status === 'SUCCEEDED',
      )
    ).items;
    expect(again).toMatchObject({ id: failed!.id, eventId: failed!.eventId, attempts: failed!.attempts + 1 });
    expect((await client.webhooks.list.query())[0]).toMatchObject({ status: 'ACTIVE', failingSince: null });
  }, 30_000);
});
