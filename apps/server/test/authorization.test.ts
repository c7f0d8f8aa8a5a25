import { appRouter } from '@chapar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, subscriptionError } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp } from './support/users';

/**
 * Every procedure of the router, with how it must guard itself. The first test fails when
 * a procedure is added without a line here, so none can be forgotten.
 */
type Ids = {
  accountId: number;
  campaignId: number;
  apiKeyId: number;
  optOutId: number;
  paymentId: number;
  webhookId: number;
  deliveryId: number;
};

/** A small valid upload addressed to a campaign. */
function uploadForm(campaignId: number) {
  const form = new FormData();
  form.set('campaignId', String(campaignId));
  form.set('file', new Blob(['phone\n09121234567\n'], { type: 'text/csv' }), 'list.csv');
  return form;
}
/** A receipt upload addressed to a payment. */
function receiptForm(paymentId: number) {
  const form = new FormData();
  form.set('paymentId', String(paymentId));
  form.set('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'receipt.pdf');
  return form;
}
type Rule =
  | { kind: 'owned'; input: (ids: Ids) => unknown }
  | { kind: 'admin'; input: unknown }
  | { kind: 'self' }
  | { kind: 'public' };

const RULES: Record<string, Rule> = {
  'auth.register': { kind: 'public' },
  'auth.login': { kind: 'public' },
  'auth.logout': { kind: 'public' },
  'auth.me': { kind: 'self' },
  'apiKeys.list': { kind: 'self' },
  'apiKeys.create': { kind: 'self' },
  'apiKeys.revoke': { kind: 'owned', input: (ids) => ({ id: ids.apiKeyId }) },
  'whatsapp.list': { kind: 'self' },
  'whatsapp.create': { kind: 'self' },
  'whatsapp.get': { kind: 'owned', input: (ids) => ({ id: ids.accountId }) },
  'whatsapp.rename': { kind: 'owned', input: (ids) => ({ id: ids.accountId, label: 'mine now' }) },
  'whatsapp.update': { kind: 'owned', input: (ids) => ({ id: ids.accountId, dailyLimit: 1 }) },
  'whatsapp.connect': { kind: 'owned', input: (ids) => ({ id: ids.accountId }) },
  'whatsapp.disconnect': { kind: 'owned', input: (ids) => ({ id: ids.accountId }) },
  'whatsapp.logout': { kind: 'owned', input: (ids) => ({ id: ids.accountId }) },
  'whatsapp.remove': { kind: 'owned', input: (ids) => ({ id: ids.accountId }) },
  'whatsapp.onStatus': { kind: 'owned', input: (ids) => ({ id: ids.accountId }) },
  'campaigns.list': { kind: 'self' },
  'campaigns.get': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'campaigns.create': {
    kind: 'owned',
    input: (ids) => ({ message: 'hi', whatsappAccountId: ids.accountId }),
  },
  'campaigns.update': { kind: 'owned', input: (ids) => ({ id: ids.campaignId, message: 'mine now' }) },
  'campaigns.remove': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'campaigns.duplicate': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'campaigns.addRecipients': {
    kind: 'owned',
    input: (ids) => ({ campaignId: ids.campaignId, recipients: [{ phone: '09120000001' }] }),
  },
  'campaigns.importRecipients': { kind: 'owned', input: (ids) => uploadForm(ids.campaignId) },
  'campaigns.previewImport': { kind: 'self' },
  'campaigns.preview': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'campaigns.attachMedia': { kind: 'owned', input: (ids) => uploadForm(ids.campaignId) },
  'campaigns.detachMedia': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'optOuts.list': { kind: 'self' },
  'optOuts.add': { kind: 'self' },
  'optOuts.remove': { kind: 'owned', input: (ids) => ({ id: ids.optOutId }) },
  'optOuts.import': { kind: 'self' },
  'webhooks.create': { kind: 'self' },
  'webhooks.list': { kind: 'self' },
  'webhooks.remove': { kind: 'owned', input: (ids) => ({ id: ids.webhookId }) },
  'webhooks.test': { kind: 'owned', input: (ids) => ({ id: ids.webhookId }) },
  'webhooks.deliveries': { kind: 'owned', input: (ids) => ({ id: ids.webhookId }) },
  'webhooks.redeliver': { kind: 'owned', input: (ids) => ({ deliveryId: ids.deliveryId }) },
  'webhooks.enable': { kind: 'owned', input: (ids) => ({ id: ids.webhookId }) },
  'auth.updateProfile': { kind: 'self' },
  'campaigns.recipients': { kind: 'owned', input: (ids) => ({ campaignId: ids.campaignId }) },
  'campaigns.start': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'campaigns.pause': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'campaigns.resume': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'campaigns.cancel': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'campaigns.onProgress': { kind: 'owned', input: (ids) => ({ id: ids.campaignId }) },
  'packages.list': { kind: 'public' },
  'subscription.current': { kind: 'self' },
  'admin.users.list': { kind: 'admin', input: {} },
  'admin.users.update': { kind: 'admin', input: { id: 1, status: 'BANNED' } },
  'admin.packages.list': { kind: 'admin', input: undefined },
  'admin.packages.create': {
    kind: 'admin',
    input: { title: 'x', price: '1', duration: 1, messageLimit: 1 },
  },
  'admin.packages.update': { kind: 'admin', input: { id: 1, title: 'x' } },
  'admin.users.get': { kind: 'admin', input: { id: 1 } },
  'admin.campaigns.list': { kind: 'admin', input: {} },
  'admin.campaigns.get': { kind: 'admin', input: { id: 1 } },
  'admin.campaigns.pause': { kind: 'admin', input: { id: 1, reason: 'x' } },
  'admin.campaigns.cancel': { kind: 'admin', input: { id: 1 } },
  'admin.system': { kind: 'admin', input: undefined },
  'admin.accountOwners': { kind: 'admin', input: {} },
  'admin.stats': { kind: 'admin', input: undefined },
  'admin.auditLog.list': { kind: 'admin', input: undefined },
  'dashboard.summary': { kind: 'self' },
  'auth.changePassword': { kind: 'self' },
  'whatsapp.history': { kind: 'owned', input: (ids) => ({ id: ids.accountId }) },
  'whatsapp.campaigns': { kind: 'owned', input: (ids) => ({ id: ids.accountId }) },
  'auth.requestCode': { kind: 'self' },
  'auth.codeStatus': { kind: 'self' },
  'auth.verifyCode': { kind: 'self' },
  'auth.requestPasswordReset': { kind: 'public' },
  'auth.resetPassword': { kind: 'public' },
  'billing.options': { kind: 'public' },
  'billing.checkout': { kind: 'self' },
  'billing.payments.list': { kind: 'self' },
  'billing.payments.get': { kind: 'owned', input: (ids) => ({ id: ids.paymentId }) },
  'billing.submitReceipt': { kind: 'owned', input: (ids) => receiptForm(ids.paymentId) },
  'admin.subscriptions.grant': { kind: 'admin', input: { userId: 1, days: 1, messages: 1 } },
  'admin.payments.list': { kind: 'admin', input: {} },
  'admin.payments.approve': { kind: 'admin', input: { id: 1 } },
  'admin.payments.reject': { kind: 'admin', input: { id: 1, reason: 'no transfer arrived' } },
};

const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;

let server: TestServer;
let owner: Awaited<ReturnType<typeof signUp>>;
let other: Awaited<ReturnType<typeof signUp>>;
let ids: Ids;

beforeAll(async () => {
  // A webhook to a closed local port: its deliveries exist (and fail), which is all the rules need.
  server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: 'true' } });
  const admin = await signUp(server); // the first user is SUPER_ADMIN; the two below are plain users
  owner = await signUp(server);
  other = await signUp(server);
  const account = await linkedSandboxAccount(owner.client);
  const campaign = await owner.client.campaigns.create.mutate({
    message: 'hello',
    whatsappAccountId: account.id,
  });
  await owner.client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: [{ phone: '09121111111' }],
  });
  const key = await owner.client.apiKeys.create.mutate({ name: 'k' });
  await owner.client.optOuts.add.mutate({ phones: ['09129999999'] });
  const optOut = (await owner.client.optOuts.list.query()).items[0]!;
  const pkg = await admin.client.admin.packages.create.mutate({
    title: 'Basic',
    price: '100000',
    duration: 30,
    messageLimit: 1000,
  });
  const { payment } = await owner.client.billing.checkout.mutate({ packageId: pkg.id, provider: 'manual' });
  const webhook = await owner.client.webhooks.create.mutate({
    url: 'http://127.0.0.1:9/hook',
    events: ['recipient.status'],
  });
  const delivery = await owner.client.webhooks.test.mutate({ id: webhook.id });
  ids = {
    webhookId: webhook.id,
    deliveryId: delivery.id,
    accountId: account.id,
    campaignId: campaign.id,
    apiKeyId: key.id,
    optOutId: optOut.id,
    paymentId: payment.id,
  };
});
afterAll(() => server?.close());

/** Calls a procedure by its dotted path through the typed client's untyped side. */
function call(
  client: TestServer['client'] extends (...a: never[]) => infer C ? C : never,
  path: string,
  input: unknown,
) {
  const type = procedures[path]!._def.type;
  let node: Record<string, unknown> = client as unknown as Record<string, unknown>;
  for (const part of path.split('.')) node = node[part] as Record<string, unknown>;
  if (type === 'subscription') {
    return subscriptionError((handlers) =>
      (node.subscribe as (i: unknown, h: unknown) => { unsubscribe(): void })(input, handlers),
    );
  }
  const method = type === 'query' ? 'query' : 'mutate';
  return errorOf((node[method] as (i: unknown) => Promise<unknown>)(input)).then((e) => e.data.code);
}

describe('authorization matrix', () => {
  it('has a rule for every procedure in the router', () => {
    expect(Object.keys(procedures).sort()).toEqual(Object.keys(RULES).sort());
  });

  const owned = Object.entries(RULES).filter(([, r]) => r.kind === 'owned');
  it.each(owned)("%s with another user's id answers NOT_FOUND", async (path, rule) => {
    const code = await call(other.client, path, (rule as Extract<Rule, { kind: 'owned' }>).input(ids));
    expect(code).toBe('NOT_FOUND');
  });

  const admin = Object.entries(RULES).filter(([, r]) => r.kind === 'admin');
  it.each(admin)('%s called by a USER answers FORBIDDEN', async (path, rule) => {
    expect(await call(owner.client, path, (rule as Extract<Rule, { kind: 'admin' }>).input)).toBe(
      'FORBIDDEN',
    );
  });

  const nonPublic = Object.entries(RULES).filter(([, r]) => r.kind !== 'public');
  it.each(nonPublic)('%s without a session answers UNAUTHORIZED', async (path, rule) => {
    const input = rule.kind === 'owned' ? rule.input(ids) : rule.kind === 'admin' ? rule.input : undefined;
    expect(await call(server.client(), path, input)).toBe('UNAUTHORIZED');
  });

  it("left the owner's data untouched", async () => {
    const campaign = await owner.client.campaigns.get.query({ id: ids.campaignId });
    expect(campaign).toMatchObject({ message: 'hello', totalRecipients: 1, status: 'READY' });
    const account = await owner.client.whatsapp.get.query({ id: ids.accountId });
    expect(account).toMatchObject({ status: 'READY', label: 'Sandbox' });
    expect((await owner.client.apiKeys.list.query()).map((k) => k.id)).toContain(ids.apiKeyId);
    const payment = await owner.client.billing.payments.get.query({ id: ids.paymentId });
    expect(payment).toMatchObject({ status: 'PENDING', hasReceipt: false });
  });
});
