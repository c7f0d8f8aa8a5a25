/**
 * Reads that must stay flat as messages pile up: `dashboard.summary` (the home page) and
 * `admin.system`, at 10,000 and then 1,000,000 messages of one user in the last 30 days.
 *
 *   npx tsx scripts/bench/growth.ts [--sizes 10000,1000000] [--calls 30]
 *
 * The real server as a child process. The messages are written straight into `recipients`
 * with `INSERT … SELECT` from MariaDB's sequence tables (`seq_1_to_N`, Sequence engine),
 * spread over 30 days (5% FAILED, the rest SENT, DELIVERED or READ), then the rollup table
 * is recounted (`rebuildRollups`, what `npm run db:rollups` runs), as after history loaded
 * by hand. Each procedure is called `calls` times one after another through the typed
 * client after 5 warm-up calls. **Reference**, same run: the same call at the smallest
 * size, and the recipient scans those procedures ran before the rollup table (the old
 * queries, sent by this process).
 */
import { parseArgs } from 'node:util';
import { createDatabase } from '@chapar/db';
import mysql from 'mysql2/promise';
import { rebuildRollups } from '../../apps/server/src/repositories/rollups';
import { cpuSeconds, ms, printResults, quantiles, results, runBenchmark, signUp } from './support';

const { values: args } = parseArgs({
  options: { sizes: { type: 'string', default: '10000,1000000' }, calls: { type: 'string', default: '30' } },
});
const SIZES = args.sizes.split(',').map(Number);
const CALLS = Number(args.calls);
const CHUNK = 100_000;
const DAYS_S = 30 * 86_400;

/**
 * Latency quantiles of `calls` sequential calls, and, with `pid`, that process's CPU per call
 * (user + system; the figure a busy machine changes least).
 */
async function timed(calls: number, call: () => Promise<unknown>, pid?: number) {
  for (let i = 0; i < Math.min(5, calls); i++) await call();
  const times: number[] = [];
  const cpu0 = pid ? await cpuSeconds(pid) : 0;
  for (let i = 0; i < calls; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  const cpuMsPerCall = pid ? (((await cpuSeconds(pid)) - cpu0) * 1000) / calls : null;
  return { ...quantiles(times.sort((a, b) => a - b)), cpuMsPerCall };
}

/** The queries dashboard.summary and admin.system ran before the rollup table, run here for their cost. */
function oldScans(pool: mysql.Pool, userId: number) {
  const now = new Date();
  const from = new Date(now.getTime() - 31 * 86_400_000);
  const perQuarter = (column: string, statuses: string) =>
    pool.query(
      `SELECT FLOOR(UNIX_TIMESTAMP(r.${column}) / 900) AS q, COUNT(*) AS n FROM recipients r
         JOIN campaigns c ON c.id = r.campaign_id
        WHERE r.${column} >= ? AND r.${column} < ? AND c.user_id = ? AND r.status IN (${statuses}) GROUP BY q`,
      [from, now, userId],
    );
  const dayStart = new Date(Math.floor(now.getTime() / 86_400_000) * 86_400_000);
  const hourStart = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 - 23 * 3_600_000);
  return {
    dashboard: () =>
      Promise.all([
        perQuarter('sent_at', "'SENT','DELIVERED','READ'"),
        perQuarter('delivered_at', "'DELIVERED','READ'"),
        perQuarter('read_at', "'READ'"),
        perQuarter('attempted_at', "'FAILED'"),
      ]),
    admin: () =>
      Promise.all([
        pool.query('SELECT COUNT(*) FROM recipients WHERE sent_at >= ?', [dayStart]),
        pool.query("SELECT COUNT(*) FROM recipients WHERE status = 'FAILED' AND attempted_at >= ?", [
          dayStart,
        ]),
        pool.query(
          `SELECT DATE_FORMAT(attempted_at, '%Y-%m-%dT%H:00:00Z') AS h, SUM(status IN ('SENT','DELIVERED','READ')),
                  SUM(status = 'FAILED') FROM recipients WHERE attempted_at >= ? GROUP BY h ORDER BY h`,
          [hourStart],
        ),
      ]),
  };
}

runBenchmark({}, async (server, host) => {
  const admin = await signUp(server.url, 0); // the first user is the super admin
  const owner = await signUp(server.url, 1);
  const account = await owner.client.whatsapp.create.mutate({ label: 'Bench', driver: 'sandbox' });
  const campaign = await owner.client.campaigns.create.mutate({
    message: 'hi',
    whatsappAccountId: account.id,
  });
  const pool = mysql.createPool({ uri: server.databaseUrl, connectionLimit: 4, timezone: 'Z' });
  const [[who]] = (await pool.query('SELECT user_id AS id FROM campaigns WHERE id = ?', [
    campaign.id,
  ])) as unknown as [Array<{ id: number }>];
  const handle = createDatabase(server.databaseUrl);
  const scans = oldScans(pool, who!.id);

  const rows = [];
  let stored = 0;
  for (const size of SIZES) {
    const insertStarted = performance.now();
    for (let from = stored + 1; from <= size; from += CHUNK) {
      const to = Math.min(size, from + CHUNK - 1);
      // One statement per 100,000 rows: numbers from the sequence engine, times over 30 days.
      await pool.query(
        `INSERT INTO recipients (campaign_id, phone, status, attempted_at, sent_at, delivered_at, read_at)
         SELECT ?, CONCAT('+98912', LPAD(seq, 7, '0')), s.status, s.t,
                IF(s.status = 'FAILED', NULL, s.t),
                IF(s.status IN ('DELIVERED', 'READ'), s.t + INTERVAL 1 SECOND, NULL),
                IF(s.status = 'READ', s.t + INTERVAL 2 SECOND, NULL)
           FROM (SELECT seq,
                        ELT(1 + IF(seq % 20 = 0, 3, seq % 3), 'SENT', 'DELIVERED', 'READ', 'FAILED') AS status,
                        UTC_TIMESTAMP(3) - INTERVAL (seq * 7919 % ${DAYS_S}) SECOND - INTERVAL 5 SECOND AS t
                   FROM seq_${from}_to_${to}) AS s`,
        [campaign.id],
      );
    }
    const insertMs = performance.now() - insertStarted;
    stored = size;
    const rebuildStarted = performance.now();
    const { buckets } = await rebuildRollups(handle.db);
    const rebuildMs = performance.now() - rebuildStarted;
    const dashboard = await timed(
      CALLS,
      () => owner.client.dashboard.summary.query({ timeZone: 'Asia/Tehran' }),
      server.pid,
    );
    const system = await timed(CALLS, () => admin.client.admin.system.query(), server.pid);
    const scanCalls = size >= 500_000 ? 3 : 10;
    const oldDashboard = await timed(scanCalls, scans.dashboard);
    const oldAdmin = await timed(scanCalls, scans.admin);
    rows.push({ size, insertMs, rebuildMs, buckets, dashboard, system, oldDashboard, oldAdmin });
    console.log(JSON.stringify(rows.at(-1)));
  }
  await pool.end();
  await handle.close();

  const base = rows[0]!;
  const table = rows.map(
    (r) =>
      `| ${r.size.toLocaleString('en')} | ${ms(r.dashboard.p50)} / ${ms(r.dashboard.p99)} | ${ms(r.dashboard.cpuMsPerCall!)} | ${(r.dashboard.p50 / base.dashboard.p50).toFixed(2)}× | ${ms(r.system.p50)} / ${ms(r.system.p99)} | ${ms(r.system.cpuMsPerCall!)} | ${(r.system.p50 / base.system.p50).toFixed(2)}× | ${ms(r.oldDashboard.p50)} | ${ms(r.oldAdmin.p50)} | ${r.buckets} buckets, ${ms(r.rebuildMs)} |`,
  );
  printResults(
    results(host, { calls: CALLS, rows }),
    '| messages | `dashboard.summary` p50 / p99 | server CPU per call | p50 ÷ smallest | `admin.system` p50 / p99 | server CPU per call | p50 ÷ smallest | old dashboard scans p50 | old admin scans p50 | `db:rollups` rebuild |',
    ...table,
  );
});
