import { campaigns, recipients } from '@chapar/db';
import { startOfLocalDay, startOfLocalMonth } from '@chapar/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildRollups } from '../src/repositories/rollups';
import { errorOf } from './support/errors';
import { startTestServer, type TestServer } from './support/test-server';
import { signUp } from './support/users';

const DAY_MS = 86_400_000;
type User = Awaited<ReturnType<typeof signUp>>;

let server: TestServer;
let owner: User;
let stranger: User;

/** A campaign of `user` whose recipients are then given statuses and times directly. */
async function campaignWith(user: User, phones: string[]) {
  const account = await user.client.whatsapp.create.mutate({ label: 'Shop', driver: 'sandbox' });
  const campaign = await user.client.campaigns.create.mutate({
    message: 'hi',
    whatsappAccountId: account.id,
  });
  await user.client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: phones.map((phone) => ({ phone })),
  });
  const rows = await server.app.db
    .select({ id: recipients.id })
    .from(recipients)
    .where(eq(recipients.campaignId, campaign.id));
  return { account, campaign, rowIds: rows.map((r) => r.id) };
}

function setRow(id: number, patch: Partial<typeof recipients.$inferInsert>) {
  return server.app.db.update(recipients).set(patch).where(eq(recipients.id, id));
}

const now = Date.now();
const startOfTodayUtc = Math.floor(now / DAY_MS) * DAY_MS;
const recently = new Date(Math.max(now - 60_000, startOfTodayUtc + 1_000));
const yesterdayNoon = new Date(startOfTodayUtc - DAY_MS / 2);
const longAgo = new Date(now - 40 * DAY_MS);
const firstOfMonthUtc = new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1));

beforeAll(async () => {
  server = await startTestServer();
  await signUp(server);
  owner = await signUp(server);
  stranger = await signUp(server);

  const mine = await campaignWith(owner, [
    '09120000001',
    '09120000002',
    '09120000003',
    '09120000004',
    '09120000005',
  ]);
  const [read, delivered, failed, sentYesterday, sentLongAgo] = mine.rowIds as [
    number,
    number,
    number,
    number,
    number,
  ];
  const at = recently;
  await setRow(read, { status: 'READ', attemptedAt: at, sentAt: at, deliveredAt: at, readAt: at });
  await setRow(delivered, { status: 'DELIVERED', attemptedAt: at, sentAt: at, deliveredAt: at });
  await setRow(failed, { status: 'FAILED', attemptedAt: at, error: 'boom' });
  await setRow(sentYesterday, { status: 'SENT', attemptedAt: yesterdayNoon, sentAt: yesterdayNoon });
  await setRow(sentLongAgo, { status: 'SENT', attemptedAt: longAgo, sentAt: longAgo });
  await server.app.db.update(campaigns).set({ status: 'RUNNING' }).where(eq(campaigns.id, mine.campaign.id));

  // Someone else's busy day must not show on the owner's dashboard.
  const theirs = await campaignWith(stranger, ['09120000009']);
  await setRow(theirs.rowIds[0]!, {
    status: 'READ',
    attemptedAt: at,
    sentAt: at,
    deliveredAt: at,
    readAt: at,
  });
  // Rows written by hand, not by the engine: the rollup table is recounted, as
  // `npm run db:rollups` does after history is loaded by hand.
  await rebuildRollups(server.app.db);
});
afterAll(() => server?.close());

describe('dashboard.summary', () => {
  it("counts today's and this month's messages from the caller's own campaigns only", async () => {
    const summary = await owner.client.dashboard.summary.query({ timeZone: 'UTC' });
    expect(summary.today).toEqual({ sent: 2, delivered: 2, read: 1, failed: 1 });
    const yesterdayInMonth = yesterdayNoon >= firstOfMonthUtc ? 1 : 0;
    expect(summary.month).toEqual({ sent: 2 + yesterdayInMonth, delivered: 2, read: 1, failed: 1 });

    const theirs = await stranger.client.dashboard.summary.query({ timeZone: 'UTC' });
    expect(theirs.today).toEqual({ sent: 1, delivered: 1, read: 1, failed: 0 });
  });

  it('gives one entry per local day, oldest first, ending today', async () => {
    const { days } = await owner.client.dashboard.summary.query({ timeZone: 'UTC', days: 7 });
    expect(days).toHaveLength(7);
    const today = new Date(startOfTodayUtc).toISOString().slice(0, 10);
    const yesterday = new Date(startOfTodayUtc - DAY_MS).toISOString().slice(0, 10);
    expect(days.at(-1)).toEqual({ date: today, sent: 2, delivered: 2, read: 1, failed: 1 });
    expect(days.at(-2)).toEqual({ date: yesterday, sent: 1, delivered: 0, read: 0, failed: 0 });
    // The send 40 days ago is outside the window.
    expect(days.reduce((n, d) => n + d.sent, 0)).toBe(3);
  });

  it('lists the running and paused campaigns and the subscription in force', async () => {
    const summary = await owner.client.dashboard.summary.query({
      timeZone: 'Asia/Tehran',
      calendar: 'persian',
    });
    expect(summary.running).toHaveLength(1);
    // The engine pauses it at once (its account is not linked); paused campaigns are listed too.
    expect(summary.running[0]).toMatchObject({ totalRecipients: 5, sentCount: expect.any(Number) });
    expect(['RUNNING', 'PAUSED']).toContain(summary.running[0]!.status);
    // Registration starts the trial: 7 days, 100 messages by default.
    expect(summary.subscription).toMatchObject({ active: true, daysLeft: 7, messageLimit: 100 });
    expect(summary.subscription!.messagesLeft).toBe(100 - summary.subscription!.messagesUsed);
  });

  it('refuses an unknown time zone with a message that says what to send', async () => {
    const error = await errorOf(owner.client.dashboard.summary.query({ timeZone: 'Mars/Olympus' }));
    expect(error.data.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('IANA');
  });
});

describe('dashboard.summary in a time zone half an hour off UTC', () => {
  it("counts each send in Tehran's own day and Persian month, a minute either side of midnight", async () => {
    const user = await signUp(server);
    const tehranToday = startOfLocalDay(new Date(now), 'Asia/Tehran').getTime();
    const persianMonth = startOfLocalMonth(new Date(now), 'Asia/Tehran', 'persian').getTime();
    const justBefore = (t: number) => new Date(t - 60_000);
    const justAfter = (t: number) => new Date(Math.min(t + 60_000, now - 1_000));
    const sends = [
      justBefore(tehranToday),
      justAfter(tehranToday),
      justBefore(persianMonth),
      justAfter(persianMonth),
    ];
    const mine = await campaignWith(user, ['09120000011', '09120000012', '09120000013', '09120000014']);
    for (const [i, at] of sends.entries()) {
      await setRow(mine.rowIds[i]!, { status: 'SENT', attemptedAt: at, sentAt: at });
    }
    await rebuildRollups(server.app.db);

    const summary = await user.client.dashboard.summary.query({
      timeZone: 'Asia/Tehran',
      calendar: 'persian',
    });
    const count = (from: number, to = Number.POSITIVE_INFINITY) =>
      sends.filter((at) => at.getTime() >= from && at.getTime() < to).length;
    expect(summary.today.sent).toBe(count(tehranToday));
    expect(summary.month.sent).toBe(count(persianMonth));
    // Tehran's yesterday is the UTC day before from 20:30 to 20:30.
    const yesterday = summary.days.at(-2)!;
    expect(yesterday.sent).toBe(count(tehranToday - DAY_MS, tehranToday));
    expect(summary.days.at(-1)!.sent).toBe(count(tehranToday));
    expect(summary.days.reduce((n, d) => n + d.sent, 0)).toBe(
      count(startOfLocalDay(new Date(now - 29 * DAY_MS), 'Asia/Tehran').getTime()),
    );
  });
});
