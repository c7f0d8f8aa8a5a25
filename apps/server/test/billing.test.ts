import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngineStore } from '../src/engine/store';
import { errorOf } from './support/errors';
import { startSmtpStandIn, startZarinpalStandIn } from './support/stand-ins';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

type User = Awaited<ReturnType<typeof signUp>>;

const DAY_MS = 86_400_000;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

let server: TestServer;
let zarinpal: Awaited<ReturnType<typeof startZarinpalStandIn>>;
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
let admin: User;
let packageId: number;

beforeAll(async () => {
  zarinpal = await startZarinpalStandIn();
  smtp = await startSmtpStandIn();
  server = await startTestServer({
    env: {
      TRIAL_MESSAGES: '0',
      PAYMENT_PROVIDERS: 'zarinpal,manual',
      ZARINPAL_MERCHANT_ID: '00000000-1111-2222-3333-444444444444',
      ZARINPAL_SANDBOX: 'true',
      ZARINPAL_BASE_URL: zarinpal.url,
      PUBLIC_URL: 'https://chapar.test',
      EMAIL_PROVIDER: 'smtp',
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Chapar <no-reply@chapar.test>',
      BILLING_SWEEP_SECONDS: '3600',
    },
  });
  admin = await signUp(server);
  const pkg = await admin.client.admin.packages.create.mutate({
    title: 'Gold',
    price: '50000',
    duration: 30,
    messageLimit: 500,
  });
  packageId = pkg.id;
});
afterAll(async () => {
  await server?.close();
  await zarinpal?.close();
  await smtp?.close();
});

/** The browser coming back from the gateway: answers where the server redirects it. */
async function returnFromGateway(authority: string, status: 'OK' | 'NOK'): Promise<string> {
  const callback = new URL(zarinpal.callbackUrl(authority, status));
  expect(callback.origin).toBe('https://chapar.test');
  const response = await fetch(`${server.url}${callback.pathname}${callback.search}`, { redirect: 'manual' });
  expect(response.status).toBe(303);
  return response.headers.get('location')!;
}

async function zarinpalCheckout(user: User) {
  const result = await user.client.billing.checkout.mutate({ packageId, provider: 'zarinpal' });
  const authority = result.payment.reference!;
  return { ...result, authority };
}

const run = (query: ReturnType<typeof sql>) => server.app.db.execute(query);

describe('ZarinPal', () => {
  it('a user buys a package and can then start the campaign that was refused', async () => {
    const user = await signUp(server);
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: 'hi',
      whatsappAccountId: account.id,
    });
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121110001' }],
    });
    const refused = await errorOf(user.client.campaigns.start.mutate({ id: campaign.id }));
    expect(refused.data.code).toBe('PRECONDITION_FAILED');

    const { payment, redirectUrl, authority } = await zarinpalCheckout(user);
    expect(payment).toMatchObject({
      status: 'PENDING',
      provider: 'zarinpal',
      amount: '50000.00',
      currency: 'IRT',
    });
    expect(redirectUrl).toBe(`${zarinpal.url}/pg/StartPay/${authority}`);
    expect(zarinpal.sessions.get(authority)).toMatchObject({ amount: 50_000, currency: 'IRT' });

    zarinpal.pay(authority);
    expect(await returnFromGateway(authority, 'OK')).toBe(`/billing/payments/${payment.id}`);
    const paid = await user.client.billing.payments.get.query({ id: payment.id });
    expect(paid).toMatchObject({ status: 'PAID', payerDetail: '502229******5995', failureReason: null });
    expect(paid.providerRef).toMatch(/^\d+$/);
    const subscription = await user.client.subscription.current.query();
    expect(subscription).toMatchObject({
      packageId,
      messageLimit: 500,
      source: 'PURCHASE',
      active: true,
      daysLeft: 30,
    });
    expect(await user.client.auth.me.query()).toMatchObject({ subscriptionActive: true });

    await user.client.campaigns.start.mutate({ id: campaign.id });

    // A replayed callback changes nothing.
    expect(await returnFromGateway(authority, 'OK')).toBe(`/billing/payments/${payment.id}`);
    expect((await user.client.subscription.current.query())?.messageLimit).toBe(500);

    const listed = await admin.client.admin.payments.list.query({ userId: user.user.id });
    expect(listed.items.map((p) => [p.id, p.status, p.userEmail])).toEqual([
      [payment.id, 'PAID', user.email],
    ]);
  });

  it('callbacks replayed at the same moment grant the package once', async () => {
    const user = await signUp(server);
    const { authority } = await zarinpalCheckout(user);
    zarinpal.pay(authority);
    await Promise.all(Array.from({ length: 6 }, () => returnFromGateway(authority, 'OK')));
    const [rows] = (await run(
      sql`SELECT COUNT(*) AS n, SUM(message_limit) AS messages FROM subscriptions WHERE user_id = ${user.user.id}`,
    )) as unknown as [Array<{ n: number; messages: string }>];
    expect(Number(rows[0]!.n)).toBe(1);
    expect(Number(rows[0]!.messages)).toBe(500);
  });

  it('a second purchase extends the subscription: days and messages add up', async () => {
    const user = await signUp(server);
    for (let i = 0; i < 2; i++) {
      const { authority } = await zarinpalCheckout(user);
      zarinpal.pay(authority);
      await returnFromGateway(authority, 'OK');
    }
    const subscription = (await user.client.subscription.current.query())!;
    expect(subscription).toMatchObject({ messageLimit: 1000, daysLeft: 60 });
  });

  it('a cancelled payment grants nothing and says why', async () => {
    const user = await signUp(server);
    const { payment, authority } = await zarinpalCheckout(user);
    expect(await returnFromGateway(authority, 'NOK')).toBe(`/billing/payments/${payment.id}`);
    const after = await user.client.billing.payments.get.query({ id: payment.id });
    expect(after.status).toBe('CANCELLED');
    expect(after.failureReason).toContain('cancelled');
    expect(await user.client.subscription.current.query()).toBeNull();
  });

  it('refuses a tampered amount: paid less than asked is FAILED, nothing granted', async () => {
    const user = await signUp(server);
    const { payment, authority } = await zarinpalCheckout(user);
    zarinpal.pay(authority, 1_000);
    await returnFromGateway(authority, 'OK');
    const after = await user.client.billing.payments.get.query({ id: payment.id });
    expect(after).toMatchObject({ status: 'FAILED' });
    expect(after.failureReason).toContain('amount paid differs');
    expect(zarinpal.calls.filter((c) => c.body.authority === authority).at(-1)?.body.amount).toBe(50_000);
    expect(await user.client.subscription.current.query()).toBeNull();
    // Paying the rest later does not bring a failed payment back.
    zarinpal.pay(authority);
    await returnFromGateway(authority, 'OK');
    expect((await user.client.billing.payments.get.query({ id: payment.id })).status).toBe('FAILED');
    expect(await user.client.subscription.current.query()).toBeNull();
  });

  it('a forged "cancelled" return does not void a payment the gateway confirms', async () => {
    const user = await signUp(server);
    const { payment, authority } = await zarinpalCheckout(user);
    zarinpal.pay(authority);
    await returnFromGateway(authority, 'NOK');
    expect((await user.client.billing.payments.get.query({ id: payment.id })).status).toBe('PAID');
    expect((await user.client.subscription.current.query())?.messageLimit).toBe(500);
  });

  it('a forged early "cancelled" return does not stop the real payment that follows', async () => {
    const user = await signUp(server);
    const { payment, authority } = await zarinpalCheckout(user);
    // Someone who saw the authority returns "NOK" while the payer is still at the gateway.
    await returnFromGateway(authority, 'NOK');
    expect((await user.client.billing.payments.get.query({ id: payment.id })).status).toBe('CANCELLED');
    // A replayed "NOK" before payment changes nothing...
    await returnFromGateway(authority, 'NOK');
    expect((await user.client.billing.payments.get.query({ id: payment.id })).status).toBe('CANCELLED');
    // ...and the payer's real return after paying is verified and granted, once.
    zarinpal.pay(authority);
    await returnFromGateway(authority, 'OK');
    await returnFromGateway(authority, 'OK');
    expect(await user.client.billing.payments.get.query({ id: payment.id })).toMatchObject({
      status: 'PAID',
      failureReason: null,
    });
    expect((await user.client.subscription.current.query())?.messageLimit).toBe(500);
  });

  it('a forged early "OK" return (or an early "check again") leaves the payment PENDING until it is paid', async () => {
    const user = await signUp(server);
    const { payment, authority } = await zarinpalCheckout(user);
    // Someone who saw the authority returns "OK" while the payer is still at the gateway.
    expect(await returnFromGateway(authority, 'OK')).toBe(`/billing/payments/${payment.id}`);
    expect(await user.client.billing.payments.get.query({ id: payment.id })).toMatchObject({
      status: 'PENDING',
      failureReason: null,
    });
    // The SPA's "check again" is the same return; pressed early it changes nothing either.
    await returnFromGateway(authority, 'OK');
    expect((await user.client.billing.payments.get.query({ id: payment.id })).status).toBe('PENDING');
    zarinpal.pay(authority);
    await returnFromGateway(authority, 'OK');
    expect((await user.client.billing.payments.get.query({ id: payment.id })).status).toBe('PAID');
    expect((await user.client.subscription.current.query())?.messageLimit).toBe(500);
  });

  it('a payment still not paid an hour after checkout fails at the next check', async () => {
    const user = await signUp(server);
    const { payment, authority } = await zarinpalCheckout(user);
    await run(sql`UPDATE payments SET created_at = created_at - INTERVAL 61 MINUTE WHERE id = ${payment.id}`);
    await returnFromGateway(authority, 'OK');
    const after = await user.client.billing.payments.get.query({ id: payment.id });
    expect(after.status).toBe('FAILED');
    expect(after.failureReason).toContain('within an hour');
    expect(await user.client.subscription.current.query()).toBeNull();
  });

  it('a gateway hiccup at verification leaves the payment PENDING; the next return grants it', async () => {
    const user = await signUp(server);
    const { payment, authority } = await zarinpalCheckout(user);
    zarinpal.pay(authority);
    zarinpal.setMode({ errorCode: -52 });
    try {
      expect(await returnFromGateway(authority, 'OK')).toContain('result=gateway');
    } finally {
      zarinpal.setMode('normal');
    }
    expect((await user.client.billing.payments.get.query({ id: payment.id })).status).toBe('PENDING');
    expect(await returnFromGateway(authority, 'OK')).toBe(`/billing/payments/${payment.id}`);
    expect((await user.client.billing.payments.get.query({ id: payment.id })).status).toBe('PAID');
    expect((await user.client.subscription.current.query())?.messageLimit).toBe(500);
  });

  it('an unknown authority grants nothing', async () => {
    expect(
      await returnFromGateway('A000000000000000000000000000000000000', 'OK').catch(() => null),
    ).toBeNull();
    const response = await fetch(`${server.url}/api/payments/zarinpal/callback?Authority=Anope&Status=OK`, {
      redirect: 'manual',
    });
    expect(response.headers.get('location')).toBe('/billing/payments?result=unknown');
  });

  it('a gateway error at checkout is reported and leaves a FAILED payment', async () => {
    const user = await signUp(server);
    zarinpal.setMode({ errorCode: -10 });
    try {
      const error = await errorOf(user.client.billing.checkout.mutate({ packageId, provider: 'zarinpal' }));
      expect(error.data.code).toBe('BAD_GATEWAY');
      expect(error.message).toContain('merchant id or server address is not accepted');
    } finally {
      zarinpal.setMode('normal');
    }
    const { items } = await user.client.billing.payments.list.query();
    expect(items.map((p) => p.status)).toEqual(['FAILED']);
  });

  it("another user's payment id is NOT_FOUND and cannot take a receipt", async () => {
    const owner = await signUp(server);
    const other = await signUp(server);
    const { payment } = await owner.client.billing.checkout.mutate({ packageId, provider: 'manual' });
    expect((await errorOf(other.client.billing.payments.get.query({ id: payment.id }))).data.code).toBe(
      'NOT_FOUND',
    );
    const form = new FormData();
    form.set('paymentId', String(payment.id));
    form.set('file', new Blob([PNG], { type: 'image/png' }), 'r.png');
    expect((await errorOf(other.client.billing.submitReceipt.mutate(form))).data.code).toBe('NOT_FOUND');
    expect((await other.client.billing.payments.list.query()).items).toEqual([]);
  });
});

describe('manual transfer', () => {
  const receipt = (paymentId: number, bytes: Buffer | string, name = 'receipt.png') => {
    const form = new FormData();
    form.set('paymentId', String(paymentId));
    form.set('file', new Blob([bytes]), name);
    return form;
  };

  it('the user uploads a receipt, an admin approves once, the package is granted once', async () => {
    const user = await signUp(server);
    const { payment, redirectUrl } = await user.client.billing.checkout.mutate({
      packageId,
      provider: 'manual',
    });
    expect(redirectUrl).toBeNull();
    const bad = await errorOf(
      user.client.billing.submitReceipt.mutate(receipt(payment.id, 'not an image', 'x.png')),
    );
    expect(bad.data.code).toBe('BAD_REQUEST');
    const withReceipt = await user.client.billing.submitReceipt.mutate(receipt(payment.id, PNG));
    expect(withReceipt).toMatchObject({ hasReceipt: true, status: 'PENDING' });
    // The receipt is readable by its owner and admins only.
    const receiptUrl = `${server.url}/api/payments/${payment.id}/receipt`;
    const as = (token?: string) =>
      fetch(receiptUrl, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const mine = await as(user.token);
    expect(mine.status).toBe(200);
    expect(mine.headers.get('content-type')).toBe('image/png');
    // A user's upload on the app's origin: never sniffed into HTML, no script, named as a file.
    expect(mine.headers.get('x-content-type-options')).toBe('nosniff');
    expect(mine.headers.get('content-security-policy')).toContain('sandbox');
    expect(mine.headers.get('content-disposition')).toMatch(/^inline; filename\*=UTF-8''/);
    expect(Buffer.from(await mine.arrayBuffer())).toEqual(PNG);
    expect((await as(admin.token)).status).toBe(200);
    expect((await as((await signUp(server)).token)).status).toBe(404);
    expect((await as()).status).toBe(401);

    const pending = await admin.client.admin.payments.list.query({ status: 'PENDING', userId: user.user.id });
    expect(pending.items.map((p) => p.id)).toEqual([payment.id]);
    const approved = await admin.client.admin.payments.approve.mutate({ id: payment.id });
    expect(approved).toMatchObject({ status: 'PAID' });
    const again = await errorOf(admin.client.admin.payments.approve.mutate({ id: payment.id }));
    expect(again.data.code).toBe('CONFLICT');
    expect((await user.client.subscription.current.query())?.messageLimit).toBe(500);

    const log = await admin.client.admin.auditLog.list.query({
      action: 'payment.approve',
      targetId: payment.id,
    });
    expect(log.items).toHaveLength(1);
    expect(log.items[0]).toMatchObject({ actorId: admin.user.id, targetType: 'payment' });
  });

  it('a rejected transfer grants nothing and the user reads why', async () => {
    const user = await signUp(server);
    const { payment } = await user.client.billing.checkout.mutate({ packageId, provider: 'manual' });
    await admin.client.admin.payments.reject.mutate({
      id: payment.id,
      reason: 'No transfer arrived with this amount.',
    });
    const seen = await user.client.billing.payments.get.query({ id: payment.id });
    expect(seen).toMatchObject({
      status: 'REJECTED',
      failureReason: 'No transfer arrived with this amount.',
    });
    expect((await errorOf(admin.client.admin.payments.approve.mutate({ id: payment.id }))).data.code).toBe(
      'CONFLICT',
    );
    expect(await user.client.subscription.current.query()).toBeNull();
  });

  it('ZarinPal payments are not approved by hand', async () => {
    const user = await signUp(server);
    const { payment } = await zarinpalCheckout(user);
    expect((await errorOf(admin.client.admin.payments.approve.mutate({ id: payment.id }))).data.code).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('packages and grants', () => {
  it('a deactivated package is off sale but stays on the subscriptions that bought it', async () => {
    const pkg = await admin.client.admin.packages.create.mutate({
      title: 'Old',
      price: '1000',
      duration: 5,
      messageLimit: 5,
    });
    const user = await signUp(server);
    const { payment } = await user.client.billing.checkout.mutate({ packageId: pkg.id, provider: 'manual' });
    await admin.client.admin.packages.update.mutate({ id: pkg.id, status: 'INACTIVE' });
    expect((await server.client().packages.list.query()).map((p) => p.id)).not.toContain(pkg.id);
    const offSale = await errorOf(
      user.client.billing.checkout.mutate({ packageId: pkg.id, provider: 'manual' }),
    );
    expect(offSale.data.code).toBe('NOT_FOUND');
    // Paid before it was withdrawn: still delivered, still attached.
    await admin.client.admin.payments.approve.mutate({ id: payment.id });
    expect(await user.client.subscription.current.query()).toMatchObject({
      packageId: pkg.id,
      messageLimit: 5,
    });
  });

  it('an admin grants by hand: a new subscription, then days and messages added, audit-logged', async () => {
    const user = await signUp(server);
    const zeroDays = await errorOf(
      admin.client.admin.subscriptions.grant.mutate({ userId: user.user.id, days: 0, messages: 10 }),
    );
    expect(zeroDays.data.code).toBe('BAD_REQUEST');
    const first = await admin.client.admin.subscriptions.grant.mutate({
      userId: user.user.id,
      days: 10,
      messages: 100,
    });
    expect(first).toMatchObject({ source: 'GRANT', messageLimit: 100, packageId: null });
    const second = await admin.client.admin.subscriptions.grant.mutate({
      userId: user.user.id,
      days: 5,
      messages: 50,
      note: 'support ticket 12',
    });
    expect(second.id).toBe(first.id);
    expect(second.messageLimit).toBe(150);
    expect(new Date(second.expiresAt).getTime() - new Date(first.expiresAt).getTime()).toBe(5 * DAY_MS);
    expect(await user.client.auth.me.query()).toMatchObject({
      subscriptionActive: true,
      subscriptionExpiresAt: second.expiresAt,
    });
    const log = await admin.client.admin.auditLog.list.query({
      action: 'subscription.grant',
      targetId: user.user.id,
    });
    expect(log.items.map((e) => e.details)).toEqual([
      { subscriptionId: first.id, days: 5, messages: 50, note: 'support ticket 12' },
      { subscriptionId: first.id, days: 10, messages: 100, note: null },
    ]);
    expect(
      (
        await errorOf(
          admin.client.admin.subscriptions.grant.mutate({ userId: 999_999, days: 1, messages: 1 }),
        )
      ).data.code,
    ).toBe('NOT_FOUND');
  });
});

describe('the billing sweep', () => {
  it('warns once by email at 80% use and once three days before the end', async () => {
    const user = await signUp(server);
    const sub = await admin.client.admin.subscriptions.grant.mutate({
      userId: user.user.id,
      days: 30,
      messages: 100,
    });
    await run(sql`UPDATE subscriptions SET messages_used = 80 WHERE id = ${sub.id}`);
    expect(await user.client.subscription.current.query()).toMatchObject({
      usageWarning: true,
      expiryWarning: false,
      messagesLeft: 20,
    });
    const mailsTo = () => smtp.mails.filter((m) => m.to.includes(user.email));
    await server.app.billingSweep.run();
    await server.app.billingSweep.run();
    expect(mailsTo()).toHaveLength(1);
    expect(mailsTo()[0]!.raw).toContain('Subject: Chapar: 80% of your messages are used');
    expect(mailsTo()[0]!.raw).toContain('20 are left');

    await run(
      sql`UPDATE subscriptions SET expires_at = ${new Date(Date.now() + 2 * DAY_MS)} WHERE id = ${sub.id}`,
    );
    expect((await user.client.subscription.current.query())?.expiryWarning).toBe(true);
    await server.app.billingSweep.run();
    await server.app.billingSweep.run();
    expect(mailsTo()).toHaveLength(2);
    expect(mailsTo()[1]!.raw).toContain('Subject: Chapar: your subscription ends in 3 days');
  });

  it('a purchase resumes the campaigns that paused for want of a subscription, not the others', async () => {
    const user = await signUp(server);
    const sub = await admin.client.admin.subscriptions.grant.mutate({
      userId: user.user.id,
      days: 30,
      messages: 100,
    });
    // One account each: an account sends one campaign at a time.
    const started = async (title: string) => {
      const account = await linkedSandboxAccount(user.client, title);
      const campaign = await user.client.campaigns.create.mutate({
        title,
        message: 'hi',
        whatsappAccountId: account.id,
        interval: 'TWENTY_SECONDS',
      });
      await user.client.campaigns.addRecipients.mutate({
        campaignId: campaign.id,
        recipients: [{ phone: `0912${String(campaign.id).padStart(7, '0')}` }, { phone: '09121110099' }],
      });
      await user.client.campaigns.start.mutate({ id: campaign.id });
      await waitFor(
        () => user.client.campaigns.get.query({ id: campaign.id }),
        (c) => c.sentCount === 1,
      );
      return campaign;
    };
    const unfunded = await started('Waits for money');
    const byHand = await started('Paused by the user');
    await user.client.campaigns.pause.mutate({ id: byHand.id });
    await run(sql`UPDATE subscriptions SET expires_at = ${new Date(Date.now() - 1000)} WHERE id = ${sub.id}`);
    await server.app.billingSweep.run();
    expect(await user.client.campaigns.get.query({ id: unfunded.id })).toMatchObject({ pauseCause: 'QUOTA' });

    const { authority } = await zarinpalCheckout(user);
    zarinpal.pay(authority);
    await returnFromGateway(authority, 'OK');
    expect(await user.client.campaigns.get.query({ id: unfunded.id })).toMatchObject({
      status: 'RUNNING',
      pauseCause: null,
      pausedReason: null,
    });
    expect(await user.client.campaigns.get.query({ id: byHand.id })).toMatchObject({
      status: 'PAUSED',
      pauseCause: 'USER',
    });
    await user.client.campaigns.cancel.mutate({ id: unfunded.id });
    await user.client.campaigns.cancel.mutate({ id: byHand.id });
  });

  it('pauses a RUNNING campaign when its subscription expires, and the user is no longer active', async () => {
    const user = await signUp(server);
    const sub = await admin.client.admin.subscriptions.grant.mutate({
      userId: user.user.id,
      days: 30,
      messages: 100,
    });
    const account = await linkedSandboxAccount(user.client);
    const campaign = await user.client.campaigns.create.mutate({
      message: 'hi',
      whatsappAccountId: account.id,
      interval: 'TWENTY_SECONDS',
    });
    await user.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: ['09121110011', '09121110012', '09121110013'].map((phone) => ({ phone })),
    });
    await user.client.campaigns.start.mutate({ id: campaign.id });
    // After the first send the worker waits ~20 s for the next: only the sweep can notice now.
    await waitFor(
      () => user.client.campaigns.get.query({ id: campaign.id }),
      (c) => c.sentCount === 1,
    );
    await run(sql`UPDATE subscriptions SET expires_at = ${new Date(Date.now() - 1000)} WHERE id = ${sub.id}`);
    const swept = await server.app.billingSweep.run();
    expect(swept.paused).toBeGreaterThanOrEqual(1);
    const paused = await user.client.campaigns.get.query({ id: campaign.id });
    expect(paused).toMatchObject({ status: 'PAUSED', pauseCause: 'QUOTA' });
    expect(paused.pausedReason).toMatch(/^Your subscription ended on .* UTC\. Renew it and resume\.$/);
    expect(paused.pausedParams).toEqual({
      kind: 'ENDED',
      endedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(await user.client.auth.me.query()).toMatchObject({ subscriptionActive: false });
    expect((await errorOf(user.client.campaigns.resume.mutate({ id: campaign.id }))).data.code).toBe(
      'PRECONDITION_FAILED',
    );
  });
});

// Last: it stops the engine so that only the racing claims below touch the quota.
describe('quota races', () => {
  it('N concurrent sends against one message left: exactly one gets it', async () => {
    await server.app.engine.stop();
    const user = await signUp(server);
    await admin.client.admin.subscriptions.grant.mutate({ userId: user.user.id, days: 1, messages: 1 });
    const account = await user.client.whatsapp.create.mutate({ label: 'race', driver: 'sandbox' });
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const c = await user.client.campaigns.create.mutate({ message: 'hi', whatsappAccountId: account.id });
      await user.client.campaigns.addRecipients.mutate({
        campaignId: c.id,
        recipients: [{ phone: `0912222000${i}` }],
      });
      ids.push(c.id);
    }
    await run(sql`UPDATE campaigns SET status = 'RUNNING' WHERE whatsapp_account_id = ${account.id}`);
    const store = createEngineStore(server.app.db, server.app.ports.events);
    const running = await store.runningCampaignsOf(account.id);
    expect(running.map((c) => c.id).sort()).toEqual(ids.sort());
    // The claims below stand in for the account's owner: they hold its lease.
    await run(
      sql`UPDATE whatsapp_accounts SET lease_owner = 'quota-race', lease_epoch = 7, lease_expires_at = NOW(3) + INTERVAL 1 MINUTE WHERE id = ${account.id}`,
    );
    const fence = { accountId: account.id, owner: 'quota-race', epoch: 7 };
    const results = await Promise.all(running.map((c) => store.claimNext(c, new Date(), fence)));
    expect(results.filter((r) => r.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'no-quota')).toHaveLength(7);
    expect(await user.client.subscription.current.query()).toMatchObject({
      messagesUsed: 1,
      messagesLeft: 0,
      active: false,
    });
  });
});
