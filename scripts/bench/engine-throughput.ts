/**
 * Engine throughput (issue 7, benchmark 1).
 *
 *   npx tsx scripts/bench/engine-throughput.ts [--accounts 200] [--recipients 1000] [--users 20]
 *                                              [--seconds 60 | --drain]
 *
 * The real server as a child process, sandbox driver at zero latency (and zero delay before
 * its delivered/read acks), the engine's clock 100,000× faster so the pacing intervals pass
 * at once. `accounts` sandbox accounts, spread over `users` users, each run one campaign of
 * `recipients` recipients. Measured: messages per second end to end — recipients that
 * reached READ (claimed, sent, stored, both acks stored, progress published) over
 * `seconds` of steady sending, opened 5 s after the last campaign started; with `--drain`,
 * from the first start until every recipient is READ.
 *
 * Reference, in the same run on the same MariaDB, before the campaigns start: a bare loop
 * doing the same SQL writes per message with no engine logic — copies of the recipients,
 * campaigns and subscriptions tables; per message the four transactions the engine commits
 * (charge + claim, sent + counter, delivered + counter, read + counter), one worker per
 * campaign over a pool of 20 connections (the server's pool size), for the same `seconds`.
 * Both sides also report the database's statements and CPU per message.
 */
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import {
  cpuSeconds,
  createCampaigns,
  databaseMeter,
  memoryMb,
  printResults,
  results,
  runBenchmark,
  scrape,
  sleep,
  startCampaigns,
  usersWithAccounts,
} from './support';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '200' },
    recipients: { type: 'string', default: '1000' },
    users: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '60' },
    drain: { type: 'boolean', default: false },
  },
});
/** Each side is measured over this many seconds of steady work (or to the end with --drain). */
const WINDOW_S = Number(args.seconds);
const DRAIN = args.drain;
const ACCOUNTS = Number(args.accounts);
const RECIPIENTS = Number(args.recipients);
const USERS = Math.min(Number(args.users), ACCOUNTS);
const TOTAL = ACCOUNTS * RECIPIENTS;

/** The same writes as the engine per message, nothing else, on copies of the tables. */
async function reference(databaseUrl: string) {
  const pool = mysql.createPool({ uri: databaseUrl, connectionLimit: 20 });
  for (const t of ['recipients', 'campaigns', 'subscriptions']) {
    await pool.query(`CREATE TABLE ref_${t} LIKE ${t}`);
    await pool.query(`INSERT INTO ref_${t} SELECT * FROM ${t}`);
  }
  const [campaigns] = (await pool.query('SELECT id, user_id FROM ref_campaigns ORDER BY id')) as unknown as [
    Array<{ id: number; user_id: number }>,
  ];
  const [subs] = (await pool.query('SELECT id, user_id FROM ref_subscriptions')) as unknown as [
    Array<{ id: number; user_id: number }>,
  ];
  const subOf = new Map(subs.map((s) => [s.user_id, s.id]));
  const [rows] = (await pool.query('SELECT id, campaign_id FROM ref_recipients ORDER BY id')) as unknown as [
    Array<{ id: number; campaign_id: number }>,
  ];
  const byCampaign = new Map<number, number[]>();
  for (const r of rows) byCampaign.set(r.campaign_id, [...(byCampaign.get(r.campaign_id) ?? []), r.id]);

  const tx = async (statements: Array<[string, unknown[]]>) => {
    const c = await pool.getConnection();
    try {
      await c.beginTransaction();
      for (const [sql, values] of statements) await c.query(sql, values);
      await c.commit();
    } finally {
      c.release();
    }
  };
  const meter = await databaseMeter();
  const self0 = process.cpuUsage();
  const t0 = performance.now();
  const stopAt = DRAIN ? Number.POSITIVE_INFINITY : t0 + WINDOW_S * 1000;
  let done = 0;
  await Promise.all(
    campaigns.map(async (campaign) => {
      const sub = subOf.get(campaign.user_id);
      for (const id of byCampaign.get(campaign.id) ?? []) {
        if (performance.now() >= stopAt) return;
        const now = new Date();
        await tx([
          [
            'UPDATE ref_subscriptions SET messages_used = messages_used + 1 WHERE id = ? AND messages_used < message_limit',
            [sub],
          ],
          [
            "UPDATE ref_recipients SET status = 'SENDING', attempted_at = ?, subscription_id = ? WHERE id = ? AND status = 'PENDING'",
            [now, sub, id],
          ],
        ]);
        await tx([
          [
            "UPDATE ref_recipients SET status = 'SENT', whatsapp_message_id = ?, sent_at = ?, error = NULL WHERE id = ? AND status = 'SENDING'",
            [`ref_${id}`, now, id],
          ],
          ['UPDATE ref_campaigns SET sent_count = sent_count + 1 WHERE id = ?', [campaign.id]],
        ]);
        await tx([
          [
            "UPDATE ref_recipients SET status = 'DELIVERED', delivered_at = ? WHERE id = ? AND status = 'SENT'",
            [now, id],
          ],
          ['UPDATE ref_campaigns SET delivered_count = delivered_count + 1 WHERE id = ?', [campaign.id]],
        ]);
        await tx([
          [
            "UPDATE ref_recipients SET status = 'READ', read_at = ? WHERE id = ? AND status = 'DELIVERED'",
            [now, id],
          ],
          ['UPDATE ref_campaigns SET read_count = read_count + 1 WHERE id = ?', [campaign.id]],
        ]);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const self = process.cpuUsage(self0);
  const database = await meter.end(seconds, done);
  const loopCpuCores = (self.user + self.system) / 1e6 / seconds;
  const [[check]] = (await pool.query(
    "SELECT COUNT(*) AS n FROM ref_recipients WHERE status = 'READ'",
  )) as unknown as [[{ n: number }]];
  for (const t of ['recipients', 'campaigns', 'subscriptions']) await pool.query(`DROP TABLE ref_${t}`);
  await pool.end();
  if (Number(check.n) !== done) throw new Error(`reference stored ${check.n} of ${done}`);
  return { seconds, messages: done, rate: done / seconds, database, loopCpuCores };
}

runBenchmark(
  {
    env: {
      ENGINE_TIME_SCALE: '100000',
      SANDBOX_LINK_DELAY_MS: '0',
      SANDBOX_SEND_LATENCY_MS: '0',
      SANDBOX_DELIVERY_DELAY_MS: '0',
      SANDBOX_READ_DELAY_MS: '0',
      // Engine time runs 100,000× faster: a trial of 7 engine days would expire in 6 s.
      TRIAL_DAYS: '3650',
    },
  },
  async (server, host) => {
    console.log(`seeding ${ACCOUNTS} accounts × ${RECIPIENTS} recipients over ${USERS} users…`);
    const jobs = await usersWithAccounts(server.url, {
      accounts: ACCOUNTS,
      perUser: Math.ceil(ACCOUNTS / USERS),
      users: USERS,
      dailyLimit: 5000,
    });
    const campaignIds = await createCampaigns(jobs, 'Throughput', 'FIVE_SECONDS', RECIPIENTS);

    console.log('reference: the same SQL writes in a bare loop…');
    const ref = await reference(server.databaseUrl);
    console.log(`reference: ${ref.rate.toFixed(0)} messages/s (${ref.seconds.toFixed(1)} s)`);

    const db = await mysql.createConnection({ uri: server.databaseUrl });
    const progress = async () => {
      const [[row]] = (await db.query(
        'SELECT SUM(sent_count) AS sent, SUM(read_count) AS done, SUM(failed_count) AS failed FROM campaigns',
      )) as unknown as [[{ sent: string; done: string; failed: string }]];
      return { sent: Number(row.sent), done: Number(row.done), failed: Number(row.failed) };
    };
    const t0 = performance.now();
    await startCampaigns(jobs, campaignIds);
    const startedAfter = (performance.now() - t0) / 1000;
    // The window opens once every campaign runs (from the first start with --drain).
    if (!DRAIN) await sleep(5000);
    const meter = await databaseMeter();
    const cpu0 = await cpuSeconds(server.pid);
    const first = DRAIN ? { sent: 0, done: 0, failed: 0 } : await progress();
    const w0 = DRAIN ? t0 : performance.now();
    const stopAt = DRAIN ? t0 + 30 * 60_000 : w0 + WINDOW_S * 1000;
    let last = first;
    let lastPrint = 0;
    while (last.done + last.failed < TOTAL && performance.now() < stopAt) {
      await sleep(Math.min(250, Math.max(0, stopAt - performance.now())));
      last = await progress();
      const s = (performance.now() - w0) / 1000;
      if (s - lastPrint >= 10) {
        lastPrint = s;
        console.log(`  ${s.toFixed(0)} s: sent ${last.sent}, read ${last.done}`);
      }
    }
    if (DRAIN && last.done + last.failed < TOTAL)
      throw new Error(`not finished in 30 min: ${JSON.stringify(last)}`);
    const seconds = (performance.now() - w0) / 1000;
    const messages = last.done - first.done;
    const cpu = (await cpuSeconds(server.pid)) - cpu0;
    // Per message, includes this script's progress polling (one small query every 250 ms).
    const database = await meter.end(seconds, messages);
    const mem = await memoryMb(server.pid);
    const metrics = await scrape(server.url);
    await db.end();
    const rate = messages / seconds;
    printResults(
      results(host, {
        accounts: ACCOUNTS,
        recipients: RECIPIENTS,
        users: USERS,
        window: DRAIN
          ? 'from the first start until every recipient was READ'
          : `${WINDOW_S} s of steady sending`,
        engineMessages: messages,
        failed: last.failed,
        engineSeconds: seconds,
        startCallsSeconds: startedAfter,
        engineRate: rate,
        referenceMessages: ref.messages,
        referenceSeconds: ref.seconds,
        referenceRate: ref.rate,
        ratio: rate / ref.rate,
        serverCpuCores: cpu / seconds,
        serverCpuMsPerMessage: (1000 * cpu) / messages,
        database,
        reference: { database: ref.database, loopCpuCores: ref.loopCpuCores },
        serverRssMb: mem,
        sentMetric: metrics.get('chapar_messages_total{outcome="sent"}'),
      }),
      `| ${ACCOUNTS} × ${RECIPIENTS.toLocaleString('en')} (${TOTAL.toLocaleString('en')} messages) | ${rate.toFixed(0)} msg/s (${messages} in ${seconds.toFixed(0)} s) | ${ref.rate.toFixed(0)} msg/s (${ref.messages} in ${ref.seconds.toFixed(0)} s) | ${((100 * rate) / ref.rate).toFixed(0)}% | ${(cpu / seconds).toFixed(2)} |`,
    );
  },
);
