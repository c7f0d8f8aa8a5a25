import { campaigns, recipients, subscriptions } from '@chapar/db';
import { eq } from 'drizzle-orm';
import { rebuildRollups } from '../../../server/src/repositories/rollups';
import type { TestServer } from '../../../server/test/support/test-server';

const DAY_MS = 86_400_000;

/**
 * A user with a month of believable history, for the dashboard: three finished campaigns
 * whose messages went out over the last 30 days (more on weekdays, a launch spike), one
 * campaign paused half-way, and part of the trial used. Rows are written directly, as the
 * engine would have left them (the rollup table recounted from them). Answers the user's API token.
 */
export async function seedBusyUser(
  server: TestServer,
  who: { name: string; email: string; password: string },
) {
  const anonymous = server.client();
  await anonymous.auth.register.mutate({ ...who, phone: `0912${String(Date.now()).slice(-7)}` });
  const { token, user } = await anonymous.auth.login.mutate({
    identifier: who.email,
    password: who.password,
  });
  const client = server.client(token);
  const account = await client.whatsapp.create.mutate({ label: 'Shop phone', driver: 'sandbox' });
  const db = server.app.db;
  const now = Date.now();
  let phone = 1_000_000;

  const titles = ['Nowruz sale — تخفیف نوروزی', 'New autumn collection', 'Loyalty club invite'];
  for (const [index, title] of titles.entries()) {
    const campaign = await client.campaigns.create.mutate({
      title,
      message: 'Hello {name}!',
      whatsappAccountId: account.id,
    });
    const rows: Array<typeof recipients.$inferInsert> = [];
    for (let day = 29; day >= 0; day--) {
      const weekday = new Date(now - day * DAY_MS).getUTCDay();
      const base = weekday === 5 ? 8 : 22 + ((day * 7) % 13); // quieter on Fridays
      const perCampaign = Math.round((base + (day === 9 ? 60 : 0)) / (index + 1));
      for (let i = 0; i < perCampaign; i++) {
        const at = new Date(now - day * DAY_MS - (i + 1) * 60_000);
        const roll = (phone * 37) % 100;
        const status = roll < 4 ? 'FAILED' : roll < 45 ? 'READ' : roll < 85 ? 'DELIVERED' : 'SENT';
        rows.push({
          campaignId: campaign.id,
          phone: `+98912${phone++}`,
          status,
          attemptedAt: at,
          sentAt: status === 'FAILED' ? null : at,
          deliveredAt: status === 'READ' || status === 'DELIVERED' ? new Date(at.getTime() + 5_000) : null,
          readAt: status === 'READ' ? new Date(at.getTime() + 60_000) : null,
          error: status === 'FAILED' ? 'Not on WhatsApp' : null,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 500) await db.insert(recipients).values(rows.slice(i, i + 500));
    const count = (s: string[]) => rows.filter((r) => s.includes(r.status as string)).length;
    await db
      .update(campaigns)
      .set({
        status: 'COMPLETED',
        totalRecipients: rows.length,
        sentCount: count(['SENT', 'DELIVERED', 'READ']),
        deliveredCount: count(['DELIVERED', 'READ']),
        readCount: count(['READ']),
        failedCount: count(['FAILED']),
        startedAt: new Date(now - 30 * DAY_MS),
        completedAt: new Date(now - DAY_MS),
      })
      .where(eq(campaigns.id, campaign.id));
  }

  // Paused half-way: 120 of 300 sent.
  const paused = await client.campaigns.create.mutate({
    title: 'Yalda night offer',
    message: 'Hi {name}',
    whatsappAccountId: account.id,
  });
  await db
    .update(campaigns)
    .set({
      status: 'PAUSED',
      totalRecipients: 300,
      sentCount: 120,
      deliveredCount: 100,
      readCount: 60,
      failedCount: 4,
      pausedReason: 'Paused by you.',
      startedAt: new Date(now - 3_600_000),
    })
    .where(eq(campaigns.id, paused.id));
  await db.update(subscriptions).set({ messagesUsed: 37 }).where(eq(subscriptions.userId, user.id));
  // The engine counts each message into the rollups as it goes; rows written by hand need a recount.
  await rebuildRollups(db);
  return { token, client, user };
}
