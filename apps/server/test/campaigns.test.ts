import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function draft(client: Awaited<ReturnType<typeof signUp>>['client'], accountId: number) {
  return client.campaigns.create.mutate({
    title: 'Spring sale',
    message: 'Salam {{name}}',
    interval: 'FIVE_SECONDS',
    whatsappAccountId: accountId,
  });
}

describe('campaigns.addRecipients', () => {
  it('normalises numbers to E.164, reports invalid ones and never stores a phone twice', async () => {
    const { client } = await signUp(server);
    const account = await client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
    const campaign = await draft(client, account.id);
    expect(campaign.status).toBe('DRAFT');
    const report = await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [
        { phone: '0912 123 4567', name: 'Ali' },
        { phone: '۰۹۱۲۱۲۳۴۵۶۷', name: 'Ali again (Persian digits)' },
        { phone: '+98 (935) 111-2233' },
        { phone: '0098 936 222 3344', name: 'Sara', variables: { city: 'Shiraz' } },
        { phone: '٠٩١٩٣٣٣٤٤٥٥' },
        { phone: '' },
        { phone: 'call me' },
        { phone: '0912' },
      ],
    });
    expect(report).toMatchObject({ added: 4, skipped: 1, duplicates: 1, invalid: 3 });
    expect(report.rejected.map((r) => r.index)).toEqual([5, 6, 7]);
    expect(report.rejected[0]!.reason).toMatch(/empty/);

    const again = await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '+989121234567' }, { phone: '09124445566' }],
    });
    expect(again).toMatchObject({ added: 1, skipped: 1, invalid: 0 });

    const { items } = await client.campaigns.recipients.query({ campaignId: campaign.id });
    expect(items.map((r) => r.phone)).toEqual([
      '+989121234567',
      '+989351112233',
      '+989362223344',
      '+989193334455',
      '+989124445566',
    ]);
    expect(items[2]).toMatchObject({ name: 'Sara', variables: { city: 'Shiraz' }, status: 'PENDING' });
    const after = await client.campaigns.get.query({ id: campaign.id });
    expect(after).toMatchObject({ totalRecipients: 5, status: 'READY' });
  });

  it('stores nothing of a batch that fails validation', async () => {
    const { client } = await signUp(server);
    const account = await client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
    const campaign = await draft(client, account.id);
    const error = await errorOf(
      client.campaigns.addRecipients.mutate({
        campaignId: campaign.id,
        recipients: [{ phone: '09121234567' }, { phone: '09121234568', name: 'x'.repeat(300) }],
      }),
    );
    expect(error.data.code).toBe('BAD_REQUEST');
    expect((await client.campaigns.get.query({ id: campaign.id })).totalRecipients).toBe(0);
    expect((await client.campaigns.recipients.query({ campaignId: campaign.id })).items).toEqual([]);
  });

  it('pages through recipients with a cursor', async () => {
    const { client } = await signUp(server);
    const account = await client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
    const campaign = await draft(client, account.id);
    const phones = Array.from({ length: 7 }, (_, i) => `0912000000${i}`);
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: phones.map((phone) => ({ phone })),
    });
    const first = await client.campaigns.recipients.query({ campaignId: campaign.id, limit: 5 });
    expect(first.items).toHaveLength(5);
    const second = await client.campaigns.recipients.query({
      campaignId: campaign.id,
      limit: 5,
      cursor: first.nextCursor,
    });
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const limitError = await errorOf(
      client.campaigns.recipients.query({ campaignId: campaign.id, limit: 501 }),
    );
    expect(limitError.data.code).toBe('BAD_REQUEST');
  });
});

describe('campaign state guards', () => {
  it('will not start a draft, an unlinked account, or a campaign twice', async () => {
    const { client } = await signUp(server);
    const unlinked = await client.whatsapp.create.mutate({ label: 'not linked', driver: 'sandbox' });
    const campaign = await draft(client, unlinked.id);

    const noRecipients = await errorOf(client.campaigns.start.mutate({ id: campaign.id }));
    expect(noRecipients.data.code).toBe('BAD_REQUEST');
    expect(noRecipients.message).toMatch(/recipients/);
    expect(noRecipients.data).toMatchObject({
      reason: 'CAMPAIGN_NOT_READY',
      params: { missing: 'recipients' },
    });

    // Two recipients 20 s apart: the campaign stays RUNNING for the rest of the test.
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121234567' }, { phone: '09121234568' }],
    });
    const notLinked = await errorOf(client.campaigns.start.mutate({ id: campaign.id }));
    expect(notLinked.data.code).toBe('PRECONDITION_FAILED');
    expect(notLinked.message).toMatch(/not linked/);
    expect(notLinked.data).toMatchObject({
      reason: 'ACCOUNT_NOT_LINKED',
      params: { label: 'not linked', status: expect.any(String) },
    });

    const linked = await linkedSandboxAccount(client);
    await client.campaigns.update.mutate({
      id: campaign.id,
      whatsappAccountId: linked.id,
      interval: 'TWENTY_SECONDS',
    });
    // Two clicks at once: exactly one wins.
    const results = await Promise.allSettled([
      client.campaigns.start.mutate({ id: campaign.id }),
      client.campaigns.start.mutate({ id: campaign.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const again = await errorOf(client.campaigns.start.mutate({ id: campaign.id }));
    expect(again.data).toMatchObject({
      code: 'CONFLICT',
      reason: 'CAMPAIGN_TRANSITION_REFUSED',
      params: { status: 'RUNNING', transition: 'start' },
    });

    const editRunning = await errorOf(
      client.campaigns.update.mutate({ id: campaign.id, message: 'changed' }),
    );
    expect(editRunning.data).toMatchObject({
      code: 'CONFLICT',
      reason: 'CAMPAIGN_NOT_EDITABLE',
      params: { status: 'RUNNING' },
    });
    expect((await errorOf(client.campaigns.resume.mutate({ id: campaign.id }))).data.code).toBe('CONFLICT');
    expect((await errorOf(client.campaigns.remove.mutate({ id: campaign.id }))).data.code).toBe('CONFLICT');

    const paused = await client.campaigns.pause.mutate({ id: campaign.id });
    expect(paused).toMatchObject({
      status: 'PAUSED',
      pausedReason: 'Paused by you.',
      pauseCause: 'USER',
      pausedParams: { note: null, byAdmin: false },
    });
    expect((await errorOf(client.campaigns.pause.mutate({ id: campaign.id }))).data.code).toBe('CONFLICT');

    const cancelled = await client.campaigns.cancel.mutate({ id: campaign.id });
    expect(cancelled.status).toBe('CANCELLED');
    expect((await errorOf(client.campaigns.cancel.mutate({ id: campaign.id }))).data.code).toBe('CONFLICT');
    expect((await errorOf(client.campaigns.start.mutate({ id: campaign.id }))).data.code).toBe('CONFLICT');
    const final = await client.campaigns.get.query({ id: campaign.id });
    expect(final.sentCount).toBe(1);
    expect(final.skippedCount).toBe(1);
    await client.campaigns.remove.mutate({ id: campaign.id });
    expect((await errorOf(client.campaigns.get.query({ id: campaign.id }))).data.code).toBe('NOT_FOUND');
  });

  it('removes what a wizard left behind: a draft without recipients, a ready one with them', async () => {
    const { client } = await signUp(server);
    const account = await client.whatsapp.create.mutate({ label: 'a', driver: 'sandbox' });
    const empty = await draft(client, account.id);
    const ready = await draft(client, account.id);
    await client.campaigns.addRecipients.mutate({
      campaignId: ready.id,
      recipients: [{ phone: '09121234567' }],
    });
    expect((await client.campaigns.get.query({ id: ready.id })).status).toBe('READY');
    const other = await signUp(server);
    expect((await errorOf(other.client.campaigns.remove.mutate({ id: ready.id }))).data.code).toBe(
      'NOT_FOUND',
    );
    for (const { id } of [empty, ready]) {
      await client.campaigns.remove.mutate({ id });
      expect((await errorOf(client.campaigns.get.query({ id }))).data.code).toBe('NOT_FOUND');
    }
  });

  it('schedules a start for later and runs it when the time comes', async () => {
    const { client } = await signUp(server);
    const account = await linkedSandboxAccount(client);
    const campaign = await draft(client, account.id);
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121234567' }],
    });
    const scheduledAt = new Date(Date.now() + 1500);
    const scheduled = await client.campaigns.start.mutate({ id: campaign.id, scheduledAt });
    expect(scheduled.status).toBe('SCHEDULED');
    expect(scheduled.scheduledAt).toBe(scheduledAt.toISOString());
    const done = await waitFor(
      () => client.campaigns.get.query({ id: campaign.id }),
      (c) => c.status === 'COMPLETED',
    );
    expect(done.sentCount).toBe(1);
    expect(new Date(done.startedAt!).getTime()).toBeGreaterThanOrEqual(scheduledAt.getTime());
  });

  it('refuses to start without a subscription with messages left', async () => {
    const noTrial = await startTestServer({ env: { TRIAL_MESSAGES: '0' } });
    try {
      const { client } = await signUp(noTrial);
      const account = await linkedSandboxAccount(client);
      const campaign = await draft(client, account.id);
      await client.campaigns.addRecipients.mutate({
        campaignId: campaign.id,
        recipients: [{ phone: '09121234567' }],
      });
      const refused = await errorOf(client.campaigns.start.mutate({ id: campaign.id }));
      expect(refused.data.code).toBe('PRECONDITION_FAILED');
      expect(refused.message).toMatch(/subscription/);
      expect(refused.data).toMatchObject({ reason: 'NO_ACTIVE_SUBSCRIPTION', params: {} });
      expect((await client.campaigns.get.query({ id: campaign.id })).status).toBe('READY');
    } finally {
      await noTrial.close();
    }
  });

  it('duplicates a campaign with all its recipients back to PENDING', async () => {
    const { client } = await signUp(server);
    const account = await linkedSandboxAccount(client);
    const campaign = await draft(client, account.id);
    await client.campaigns.addRecipients.mutate({
      campaignId: campaign.id,
      recipients: [{ phone: '09121234567', name: 'A' }, { phone: '09121234568' }],
    });
    await client.campaigns.cancel.mutate({ id: campaign.id });
    const copy = await client.campaigns.duplicate.mutate({ id: campaign.id });
    expect(copy).toMatchObject({
      status: 'READY',
      title: 'Spring sale (copy)',
      totalRecipients: 2,
      sentCount: 0,
    });
    const { items } = await client.campaigns.recipients.query({ campaignId: copy.id });
    expect(items.map((r) => [r.phone, r.name, r.status])).toEqual([
      ['+989121234567', 'A', 'PENDING'],
      ['+989121234568', null, 'PENDING'],
    ]);
  });
});
