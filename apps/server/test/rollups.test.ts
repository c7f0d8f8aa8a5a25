import { spawn } from 'node:child_process';
import { messageRollups } from '@chapar/db';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/engine/clock';
import { REPO_ROOT } from '../src/env';
import { rebuildRollups } from '../src/repositories/rollups';
import { startTestServer, type TestServer } from './support/test-server';
import { linkedSandboxAccount, signUp, waitFor } from './support/users';

let server: TestServer;
const clock = new ManualClock(Date.now());

const rollupRows = () =>
  server.app.db
    .select()
    .from(messageRollups)
    .orderBy(asc(messageRollups.userId), asc(messageRollups.quarterHour));

/** Runs one campaign through the engine until it stops (done, or paused after failures) and every ack is in. */
async function runCampaign(user: Awaited<ReturnType<typeof signUp>>, phones: string[]) {
  const account = await linkedSandboxAccount(user.client);
  const campaign = await user.client.campaigns.create.mutate({
    message: 'Salam!',
    interval: 'FIVE_SECONDS',
    whatsappAccountId: account.id,
  });
  await user.client.campaigns.addRecipients.mutate({
    campaignId: campaign.id,
    recipients: phones.map((phone) => ({ phone })),
  });
  await user.client.campaigns.start.mutate({ id: campaign.id });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const c = await user.client.campaigns.get.query({ id: campaign.id });
    if ((c.status === 'COMPLETED' || c.status === 'PAUSED') && c.readCount === c.sentCount) return c;
    if (Date.now() > deadline) throw new Error(`campaign stuck: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 5));
    clock.advanceToNext();
  }
}

const phones = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => `0912${String(from + i).padStart(7, '0')}`);

beforeAll(async () => {
  // Some sends fail, so the failures' buckets are exercised too.
  server = await startTestServer({ clock, env: { PACING_JITTER: '0', SANDBOX_FAILURE_RATE: '0.2' } });
});
afterAll(() => server?.close());

describe('message_rollups', () => {
  it('equals a rebuild from the recipients after campaigns ran and one was removed; db:rollups restores it', async () => {
    const first = await signUp(server);
    const second = await signUp(server);
    const a = await runCampaign(first, phones(100, 8));
    const b = await runCampaign(first, phones(200, 6));
    await runCampaign(second, phones(300, 5));
    expect(a.sentCount + b.sentCount).toBeGreaterThan(0);

    const live = await rollupRows();
    const totals = live.reduce((n, r) => n + r.sent + r.failed, 0);
    expect(totals).toBeGreaterThan(0);
    // What the engine wrote, send by send and ack by ack, is what counting the rows gives.
    await rebuildRollups(server.app.db);
    expect(await rollupRows()).toEqual(live);

    // A removed campaign's messages leave the counts, as a rebuild would count it.
    await first.client.campaigns.remove.mutate({ id: b.id });
    const afterRemove = await rollupRows();
    expect(afterRemove.reduce((n, r) => n + r.sent, 0)).toBe(
      live.reduce((n, r) => n + r.sent, 0) - b.sentCount,
    );
    await rebuildRollups(server.app.db);
    expect((await rollupRows()).filter((r) => r.sent || r.delivered || r.read || r.failed)).toEqual(
      afterRemove.filter((r) => r.sent || r.delivered || r.read || r.failed),
    );

    // The dashboard reads the table: a lost table (a restore without it) shows nothing until
    // `npm run db:rollups` recounts it.
    const summary = await first.client.dashboard.summary.query({ timeZone: 'UTC' });
    await server.app.db.execute(sql`DELETE FROM message_rollups`);
    expect((await first.client.dashboard.summary.query({ timeZone: 'UTC' })).month.sent).toBe(0);
    const script = spawn('npm', ['run', 'db:rollups'], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: server.databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    script.stdout.on('data', (chunk) => (output += chunk));
    script.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise((r) => script.once('exit', r));
    expect(code, output).toBe(0);
    expect(output).toMatch(/message_rollups rebuilt from the recipients: \d+ buckets/);
    const counted = (rows: typeof live) => rows.filter((r) => r.sent || r.delivered || r.read || r.failed);
    expect(counted(await rollupRows())).toEqual(counted(afterRemove));
    const restored = await waitFor(
      () => first.client.dashboard.summary.query({ timeZone: 'UTC' }),
      (s) => s.month.sent === summary.month.sent,
    );
    expect(restored).toEqual(summary);
  }, 120_000);
});
