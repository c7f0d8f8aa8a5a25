import { readFile } from 'node:fs/promises';
import { topics } from '@chapar/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

/** The admin tab's procedures against a real server and database (roles: see authorization.test.ts). */

let server: TestServer;
let superAdmin: Awaited<ReturnType<typeof signUp>>;
let admin: Awaited<ReturnType<typeof signUp>>;
let owner: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  server = await startTestServer();
  superAdmin = await signUp(server, { name: 'Super' }); // the first user
  admin = await signUp(server, { name: 'Plain Admin' });
  owner = await signUp(server, { name: 'Campaign Owner' });
  await superAdmin.client.admin.users.update.mutate({ id: admin.user.id, role: 'ADMIN' });
});
afterAll(() => server?.close());

async function lastAudit(targetType: string, targetId: number) {
  const { items } = await admin.client.admin.auditLog.list.query({ targetType, targetId });
  return items[0];
}

/** A campaign of `owner` with `count` recipients on a linked sandbox account. */
async function ownerCampaign(title: string, count = 3) {
  const account = (await owner.client.whatsapp.list.query())[0] ?? (await linkedSandboxAccount(owner.client));
  const campaign = await owner.client.campaigns.create.mutate({
    title,
    message: 'Hello',
    interval: 'TWENTY_SECONDS',
    whatsappAccountId: account.id,
  });
  await owner.client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: Array.from({ length: count }, (_, i) => ({ phone: `0912555${String(i).padStart(4, '0')}` })),
  });
  return campaign;
}

describe('admin.users', () => {
  it('gets a user with their subscription and activity', async () => {
    const detail = await admin.client.admin.users.get.query({ id: owner.user.id });
    expect(detail.user).toMatchObject({ id: owner.user.id, name: 'Campaign Owner', role: 'USER' });
    expect(detail.subscription).toMatchObject({ messageLimit: 100, messagesUsed: 0 });
    expect(detail.activity).toEqual({ campaigns: 0, activeCampaigns: 0, accounts: 0, messagesSent: 0 });
    expect((await errorOf(admin.client.admin.users.get.query({ id: 999_999 }))).data.code).toBe('NOT_FOUND');
  });

  it('lets only a super admin make or unmake administrators, and records it', async () => {
    const user = await signUp(server);
    const refused = await errorOf(
      admin.client.admin.users.update.mutate({ id: user.user.id, role: 'ADMIN' }),
    );
    expect(refused.data.code).toBe('FORBIDDEN');
    expect(refused.data.field).toBe('role');
    expect(refused.message).toBe('Only a super admin can change administrators.');
    expect((await admin.client.admin.users.get.query({ id: user.user.id })).user.role).toBe('USER');

    const promoted = await superAdmin.client.admin.users.update.mutate({ id: user.user.id, role: 'ADMIN' });
    expect(promoted.role).toBe('ADMIN');
    expect(await lastAudit('user', user.user.id)).toMatchObject({
      action: 'user.role',
      actorId: superAdmin.user.id,
      details: { from: 'USER', to: 'ADMIN' },
    });
    // An ADMIN cannot ban another administrator either.
    const ban = await errorOf(admin.client.admin.users.update.mutate({ id: user.user.id, status: 'BANNED' }));
    expect(ban.data.code).toBe('FORBIDDEN');
  });

  it('bans with a reason (pausing the running campaigns) and unbans, each recorded', async () => {
    const victim = await signUp(server);
    await admin.client.admin.users.update.mutate({
      id: victim.user.id,
      status: 'BANNED',
      statusReason: 'sent spam',
    });
    expect((await errorOf(victim.client.auth.me.query())).data.code).toBe('UNAUTHORIZED');
    const unbanned = await admin.client.admin.users.update.mutate({ id: victim.user.id, status: 'ACTIVE' });
    expect(unbanned).toMatchObject({ status: 'ACTIVE', statusReason: null });
    const { items } = await admin.client.admin.auditLog.list.query({
      targetType: 'user',
      targetId: victim.user.id,
    });
    expect(items.map((e) => e.action)).toEqual(['user.unban', 'user.ban']);
    expect(items[1]?.details).toMatchObject({ reason: 'sent spam' });
  });
});

describe('banning a sending user', () => {
  it('pauses their running campaigns and tells live listeners at once', async () => {
    const sender = await signUp(server);
    const account = await linkedSandboxAccount(sender.client);
    const campaign = await sender.client.campaigns.create.mutate({
      message: 'Salam',
      interval: 'TWENTY_SECONDS',
      whatsappAccountId: account.id,
    });
    await sender.client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09120000101' }, { phone: '09120000102' }, { phone: '09120000103' }],
    });
    await sender.client.campaigns.start.mutate({ id: campaign.id });
    const heard: string[] = [];
    const stop = server.app.ports.events.subscribe(topics.campaign(campaign.id), (data) => {
      heard.push((data as { status: string }).status);
    });
    try {
      await admin.client.admin.users.update.mutate({
        id: sender.user.id,
        status: 'BANNED',
        statusReason: 'spam',
      });
    } finally {
      stop();
    }
    expect(heard).toContain('PAUSED');
    const paused = await admin.client.admin.campaigns.get.query({ id: campaign.id });
    expect(paused).toMatchObject({ status: 'PAUSED', pausedReason: expect.stringContaining('banned') });
  });

  it('pauses their scheduled campaigns too, through the same guarded transition, and leaves drafts alone', async () => {
    const sender = await signUp(server);
    const account = await linkedSandboxAccount(sender.client);
    const make = async () => {
      const c = await sender.client.campaigns.create.mutate({
        message: 'Salam',
        interval: 'TWENTY_SECONDS',
        whatsappAccountId: account.id,
      });
      await sender.client.campaigns.addRecipients.mutate({
        campaignId: c.id,
        recipients: [{ phone: '09120000201' }],
      });
      return c;
    };
    const scheduled = await make();
    await sender.client.campaigns.start.mutate({
      id: scheduled.id,
      scheduledAt: new Date(Date.now() + 3_600_000),
    });
    const ready = await make();
    await admin.client.admin.users.update.mutate({
      id: sender.user.id,
      status: 'BANNED',
      statusReason: 'spam',
    });
    expect(await admin.client.admin.campaigns.get.query({ id: scheduled.id })).toMatchObject({
      status: 'PAUSED',
      pauseCause: 'USER',
    });
    expect(await admin.client.admin.campaigns.get.query({ id: ready.id })).toMatchObject({ status: 'READY' });
  });
});

describe('admin.packages', () => {
  it('records creating, editing and deactivating a package', async () => {
    const created = await admin.client.admin.packages.create.mutate({
      title: 'Gold',
      price: '490000',
      duration: 30,
      messageLimit: 5000,
    });
    expect(await lastAudit('package', created.id)).toMatchObject({
      action: 'package.create',
      actorId: admin.user.id,
      details: { title: 'Gold', price: '490000.00', status: 'ACTIVE' },
    });
    await admin.client.admin.packages.update.mutate({ id: created.id, title: 'Gold+', price: '490000.00' });
    expect(await lastAudit('package', created.id)).toMatchObject({
      action: 'package.update',
      details: { changed: { title: 'Gold+' } },
    });
    const off = await admin.client.admin.packages.update.mutate({ id: created.id, status: 'INACTIVE' });
    expect(off.status).toBe('INACTIVE');
    expect(await lastAudit('package', created.id)).toMatchObject({ action: 'package.deactivate' });
    expect((await owner.client.packages.list.query()).map((p) => p.id)).not.toContain(created.id);
    const missing = await errorOf(admin.client.admin.packages.update.mutate({ id: 999_999, title: 'x' }));
    expect(missing.data.code).toBe('NOT_FOUND');
  });
});

describe('admin.campaigns', () => {
  it('lists every user’s campaigns with their owner, filtered by status, user and title', async () => {
    const spring = await ownerCampaign('Spring sale 50%');
    const other = await signUp(server, { name: 'Someone Else' });
    const account = await linkedSandboxAccount(other.client);
    const theirs = await other.client.campaigns.create.mutate({
      title: 'Autumn news',
      message: 'Hi',
      whatsappAccountId: account.id,
    });

    const all = await admin.client.admin.campaigns.list.query({});
    expect(all.items.map((c) => c.id)).toEqual(expect.arrayContaining([spring.id, theirs.id]));
    expect(all.items.find((c) => c.id === spring.id)).toMatchObject({
      ownerName: 'Campaign Owner',
      ownerEmail: owner.email,
    });
    const byUser = await admin.client.admin.campaigns.list.query({ userId: other.user.id });
    expect(byUser.items.map((c) => c.id)).toEqual([theirs.id]);
    const bySearch = await admin.client.admin.campaigns.list.query({ search: 'sale 50%' });
    expect(bySearch.items.map((c) => c.id)).toEqual([spring.id]);
    // The wildcard is taken literally: "%" alone matches only titles that contain it.
    expect((await admin.client.admin.campaigns.list.query({ search: '%' })).items.map((c) => c.id)).toEqual([
      spring.id,
    ]);
    const drafts = await admin.client.admin.campaigns.list.query({ status: 'DRAFT' });
    expect(drafts.items.map((c) => c.id)).toContain(theirs.id);
    expect(drafts.items.map((c) => c.id)).not.toContain(spring.id);

    const one = await admin.client.admin.campaigns.get.query({ id: theirs.id });
    expect(one).toMatchObject({ id: theirs.id, title: 'Autumn news', ownerName: 'Someone Else' });
    expect((await errorOf(admin.client.admin.campaigns.get.query({ id: 999_999 }))).data.code).toBe(
      'NOT_FOUND',
    );
  });

  it('pauses and cancels any user’s campaign, tells the owner why, and records both', async () => {
    const campaign = await ownerCampaign('Pause me', 20);
    await owner.client.campaigns.start.mutate({ id: campaign.id });
    await waitFor(
      () => owner.client.campaigns.get.query({ id: campaign.id }),
      (c) => c.sentCount >= 1,
    );

    const paused = await admin.client.admin.campaigns.pause.mutate({ id: campaign.id, reason: 'reported' });
    expect(paused).toMatchObject({ status: 'PAUSED', pausedReason: 'Paused by an administrator: reported' });
    const seen = await owner.client.campaigns.get.query({ id: campaign.id });
    expect(seen).toMatchObject({ status: 'PAUSED', pausedReason: 'Paused by an administrator: reported' });
    expect(await lastAudit('campaign', campaign.id)).toMatchObject({
      action: 'campaign.pause',
      actorId: admin.user.id,
      details: { from: 'RUNNING', reason: 'reported', ownerId: owner.user.id },
    });
    const again = await errorOf(admin.client.admin.campaigns.pause.mutate({ id: campaign.id }));
    expect(again.data.code).toBe('CONFLICT');
    expect(again.message).toContain('this one is paused');

    const cancelled = await admin.client.admin.campaigns.cancel.mutate({ id: campaign.id });
    expect(cancelled.status).toBe('CANCELLED');
    const skipped = await owner.client.campaigns.recipients.query({
      campaignId: campaign.id,
      status: 'SKIPPED',
    });
    expect(skipped.items.length).toBeGreaterThan(0);
    expect(await lastAudit('campaign', campaign.id)).toMatchObject({
      action: 'campaign.cancel',
      details: { from: 'PAUSED', reason: null },
    });
    expect((await errorOf(admin.client.admin.campaigns.cancel.mutate({ id: campaign.id }))).data.code).toBe(
      'CONFLICT',
    );
    // A refused action writes nothing to the log.
    const { items } = await admin.client.admin.auditLog.list.query({
      targetType: 'campaign',
      targetId: campaign.id,
    });
    expect(items.map((e) => e.action)).toEqual(['campaign.cancel', 'campaign.pause']);
  });

  it('refuses a reason longer than 500 characters by field', async () => {
    const campaign = await ownerCampaign('Long reason');
    const error = await errorOf(
      admin.client.admin.campaigns.cancel.mutate({ id: campaign.id, reason: 'x'.repeat(501) }),
    );
    expect(error.data.code).toBe('BAD_REQUEST');
    expect((error.data.zodError as { fieldErrors: Record<string, string[]> }).fieldErrors.reason).toEqual([
      'Keep the reason under 500 characters.',
    ]);
    expect((await owner.client.campaigns.get.query({ id: campaign.id })).status).toBe('READY');
  });
});

describe('audit entries share the transaction of their change', () => {
  /** An entry the database refuses (its actor does not exist): the transaction must fail whole. */
  const refusedEntry = (targetType: string, targetId: number) => ({
    actorId: 999_999_999,
    action: 'test.refused',
    targetType,
    targetId,
  });
  const auditCount = async (targetType: string, targetId: number) =>
    (await admin.client.admin.auditLog.list.query({ targetType, targetId })).items.length;

  it('a user change whose entry fails is not kept, nor any entry', async () => {
    const user = await signUp(server);
    const ports = server.app.ports;
    await expect(
      ports.users.update(user.user.id, { status: 'BANNED', statusReason: 'x' }, () => [
        refusedEntry('user', user.user.id),
      ]),
    ).rejects.toThrow();
    expect((await ports.users.getById(user.user.id))?.status).toBe('ACTIVE');
    expect(await auditCount('user', user.user.id)).toBe(0);
    // The same change with a good entry keeps both.
    await admin.client.admin.users.update.mutate({ id: user.user.id, status: 'BANNED', statusReason: 'x' });
    expect(await lastAudit('user', user.user.id)).toMatchObject({ action: 'user.ban' });
  });

  it('a campaign cancel whose entry fails leaves the campaign and its recipients as they were', async () => {
    const campaign = await ownerCampaign('Audited cancel', 2);
    const ports = server.app.ports;
    const { status } = (await ports.campaigns.get(null, campaign.id))!;
    await expect(
      ports.campaigns.transition(campaign.id, 'cancel', { audit: [refusedEntry('campaign', campaign.id)] }),
    ).rejects.toThrow();
    const after = await ports.campaigns.get(null, campaign.id);
    expect(after).toMatchObject({ status, skippedCount: 0 });
    expect(await ports.campaigns.pendingCount(campaign.id)).toBe(2);
    expect(await auditCount('campaign', campaign.id)).toBe(0);
  });

  it('a grant whose entry fails adds nothing to the subscription', async () => {
    const user = await signUp(server);
    const ports = server.app.ports;
    const before = await ports.subscriptions.current(user.user.id);
    await expect(
      ports.billing.grant(admin.user.id, { userId: user.user.id, days: 5, messages: 50 }, () => [
        refusedEntry('user', user.user.id),
      ]),
    ).rejects.toThrow();
    expect(await ports.subscriptions.current(user.user.id)).toEqual(before);
    expect(await auditCount('user', user.user.id)).toBe(0);
  });
});

describe('admin.system', () => {
  it('reports the database, the engine, accounts, traffic per hour, version and uptime', async () => {
    const system = await admin.client.admin.system.query();
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(system.database).toMatchObject({
      reachable: true,
      migrationsCurrent: true,
      pendingMigrations: 0,
      error: null,
    });
    expect(system.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(system.engine.alive).toBe(true);
    expect(system.engine.lastTickAgeMs).toBeLessThan(10_000);
    expect(system.engine.runningCampaigns).toBeGreaterThanOrEqual(0);
    expect(system.accounts?.READY).toBeGreaterThanOrEqual(2);
    expect(system.messagesPerHour).toHaveLength(24);
    const hours = system.messagesPerHour.map((h) => Date.parse(h.hour));
    expect(hours[23]! - hours[0]!).toBe(23 * 3_600_000);
    expect(Date.now() - hours[23]!).toBeLessThan(3_600_000);
    // The campaign paused above sent at least one message within the last hour or two.
    const recent = system.messagesPerHour.slice(-2).reduce((n, h) => n + h.sent, 0);
    expect(recent).toBeGreaterThanOrEqual(1);
    expect(system.server).toMatchObject({ version, node: process.version });
    expect(system.server.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});
