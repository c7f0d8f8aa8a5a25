/**
 * Scale-out at real time (issue 11): one API and several workers sharing MariaDB and Redis.
 *
 *   npx tsx scripts/bench/scale.ts [--workers 4] [--accounts 2000] [--seconds 120] [--kills 10]
 *
 * Every account is a sandbox account (150 ms send latency by default) with one started
 * TWENTY_SECONDS campaign. Once all have started and settled, for `seconds`:
 *
 * - pacing lateness of every send (when a worker started it − when pacing scheduled it,
 *   logged per send at debug level as "send started"), against bare timers in this process
 *   sleeping the same jittered interval in the same window (what any Node timer suffers here);
 * - CPU (utime + stime from /proc) and RSS of each worker, the API, MariaDB and Redis;
 * - MariaDB statements and commits per message (global counters: run it on a quiet server);
 * - lease renewals per second, from the workers' chapar_lease_renewals_total.
 *
 * Then `kills` times: SIGKILL the worker holding the most leases, measure until each of its
 * accounts is leased by another worker and has sent again (the database's attempt times),
 * and start it again under the same WORKER_ID. Figures go to docs/scale.md by hand.
 */

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import {
  BENCH_ENV,
  benchDatabase,
  cpuSeconds,
  createCampaigns,
  databaseMeter,
  inParallel,
  linkedAccounts,
  machine,
  memoryMb,
  ms,
  printResults,
  quantiles,
  results,
  type ServerChild,
  scrape,
  signUp,
  sleep,
  spawnServer,
  startCampaigns,
} from './support';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '4' },
    accounts: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '120' },
    kills: { type: 'string', default: '10' },
    'per-user': { type: 'string', default: '10' },
  },
});
const WORKERS = Number(args.workers);
const ACCOUNTS = Number(args.accounts);
const WINDOW_S = Number(args.seconds);
const KILLS = Number(args.kills);
const PER_USER = Number(args['per-user']);
const INTERVAL_MS = 20_000;
const JITTER = 0.3; // the server's default PACING_JITTER
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Bare timers: `count` loops sleeping interval × (1 + jitter × random); lateness of each wake-up. */
async function bareTimers(count: number, untilMs: number): Promise<number[]> {
  const lateness: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async () => {
      let due = Date.now() + Math.random() * INTERVAL_MS;
      while (due < untilMs) {
        await sleep(due - Date.now());
        lateness.push(Date.now() - due);
        due = Date.now() + INTERVAL_MS * (1 + JITTER * Math.random());
      }
    }),
  );
  return lateness;
}

/** Redis's own process id and memory, from INFO (the server may be on another port's pid). */
function redisInfo(): { pid: number; usedMb: number } {
  const url = new URL(REDIS_URL);
  const text = execFileSync('redis-cli', ['-h', url.hostname, '-p', url.port || '6379', 'INFO'], {
    encoding: 'utf8',
  });
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { pid: field('process_id'), usedMb: field('used_memory') / 1024 ** 2 };
}

const sends: Array<{ at: number; lagMs: number; worker: string }> = [];
const onLineOf = (worker: string) => (line: string) => {
  if (!line.includes('"send started"')) {
    if (!line.includes('"level":20') && !line.includes('"level":30')) console.log(`[${worker}] ${line}`);
    return;
  }
  const entry = JSON.parse(line) as { time: number; lagMs: number };
  sends.push({ at: entry.time, lagMs: entry.lagMs, worker });
};

async function main() {
  const host = await machine();
  console.log(JSON.stringify(host));
  const database = await benchDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'chapar-scale-'));
  const shared = {
    ...BENCH_ENV,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir, // one volume for the sandbox ledgers and logins
    REDIS_URL,
    REDIS_PREFIX: `chapar-bench-${randomBytes(4).toString('hex')}:`,
  };
  const basePort = 4100 + Math.floor(Math.random() * 50) * 10;
  const workerEnv = (i: number) => ({
    ...shared,
    CHAPAR_ROLE: 'worker',
    WORKER_ID: `bench-worker-${i + 1}`,
    PORT: String(basePort + 1 + i),
    LOG_LEVEL: 'debug',
  });
  const processes: ServerChild[] = [];
  let db: mysql.Connection | undefined;
  try {
    // The API creates and migrates the database.
    const api = await spawnServer({ ...shared, CHAPAR_ROLE: 'api', PORT: String(basePort) });
    processes.push(api);
    db = await mysql.createConnection({ uri: database.url, timezone: 'Z' });
    await db.query("SET time_zone = '+00:00'");
    const workers = await Promise.all(
      Array.from({ length: WORKERS }, (_, i) => spawnServer(workerEnv(i), onLineOf(`bench-worker-${i + 1}`))),
    );
    processes.push(...workers);

    console.log(`seeding ${ACCOUNTS} accounts, ${PER_USER} per user…`);
    const seedStart = Date.now();
    const users = Math.ceil(ACCOUNTS / PER_USER);
    const jobs: Array<{ client: Awaited<ReturnType<typeof signUp>>['client']; accountId: number }> = [];
    await inParallel(
      Array.from({ length: users }, (_, u) => u),
      8,
      async (u) => {
        const { client } = await signUp(api.url, u + 1);
        const ids = await linkedAccounts(client, Math.min(PER_USER, ACCOUNTS - u * PER_USER));
        for (const accountId of ids) jobs.push({ client, accountId });
      },
    );
    console.log(`linked in ${((Date.now() - seedStart) / 1000).toFixed(0)} s; creating campaigns…`);
    // Enough recipients that no campaign runs dry before the failover rounds end.
    const perCampaign = Math.ceil((WINDOW_S + 60 + KILLS * 60) / 20) + 10;
    const campaignIds = await createCampaigns(jobs, 'Scale', 'TWENTY_SECONDS', perCampaign);
    const t0 = Date.now();
    await startCampaigns(jobs, campaignIds);
    console.log(`all started in ${((Date.now() - t0) / 1000).toFixed(1)} s; settling 25 s`);
    await sleep(25_000);

    // --- the steady window -------------------------------------------------------------
    const redis = redisInfo();
    const tracked = [...workers.map((w) => w.pid), api.pid, redis.pid];
    const cpu0 = await Promise.all(tracked.map((pid) => cpuSeconds(pid)));
    const renewals0 = await Promise.all(workers.map((w) => leaseRenewals(w.url)));
    const meter = await databaseMeter();
    const windowStart = Date.now();
    const windowEnd = windowStart + WINDOW_S * 1000;
    console.log(`measuring for ${WINDOW_S} s…`);
    const reference = await bareTimers(ACCOUNTS, windowEnd);
    await sleep(Math.max(0, windowEnd - Date.now()));
    const windowS = (Date.now() - windowStart) / 1000;
    const cpu = (await Promise.all(tracked.map((pid) => cpuSeconds(pid)))).map(
      (c, i) => (c - cpu0[i]!) / windowS,
    );
    const renewals1 = await Promise.all(workers.map((w) => leaseRenewals(w.url)));
    const inWindow = sends.filter((s) => s.at >= windowStart && s.at < windowEnd);
    const database_ = await meter.end(windowS, inWindow.length);
    const memory = await Promise.all(tracked.map((pid) => memoryMb(pid)));
    const leasesHeld = await Promise.all(workers.map((w) => heldBy(w.url)));

    const engine = inWindow.map((s) => s.lagMs).sort((a, b) => a - b);
    const bare = reference.sort((a, b) => a - b);
    const e = { n: engine.length, ...quantiles(engine) };
    const r = { n: bare.length, ...quantiles(bare) };
    const perWorker = workers.map((_, i) => ({
      id: `bench-worker-${i + 1}`,
      leases: leasesHeld[i]!.length,
      cpuCores: cpu[i]!,
      rssMb: memory[i]!.rss,
      sendsPerSecond: inWindow.filter((s) => s.worker === `bench-worker-${i + 1}`).length / windowS,
    }));
    const renewalsPerSecond = renewals1.reduce((sum, n, i) => sum + n - renewals0[i]!, 0) / windowS;

    // The steady figures first: the kills below take minutes.
    console.log(
      `steady window: ${JSON.stringify({ engineLatenessMs: e, bareTimerLatenessMs: r, perWorker })}`,
    );

    // --- failover ------------------------------------------------------------------------
    const failovers: Array<{ leases: number; movedS: number; sendingS: number }> = [];
    for (let k = 0; k < KILLS; k++) {
      const held = await Promise.all(workers.map((w) => heldBy(w.url)));
      const victim = held.indexOf(held.reduce((a, b) => (b.length > a.length ? b : a)));
      const accounts = held[victim]!;
      const killedAt = Date.now();
      await workers[victim]!.stop('SIGKILL');
      const moved = await failover(db, `bench-worker-${victim + 1}`, accounts, killedAt);
      failovers.push({ leases: accounts.length, ...moved });
      console.log(
        `kill ${k + 1}: ${accounts.length} accounts leased elsewhere after ${moved.movedS.toFixed(1)} s, all sending after ${moved.sendingS.toFixed(1)} s`,
      );
      workers[victim] = await spawnServer(workerEnv(victim), onLineOf(`bench-worker-${victim + 1}`));
      processes.push(workers[victim]!);
    }
    const sending = failovers.map((f) => f.sendingS).sort((a, b) => a - b);

    const mb = (i: number) => memory[i]!.rss;
    printResults(
      results(host, {
        workers: WORKERS,
        accounts: ACCOUNTS,
        windowSeconds: windowS,
        sendsPerSecond: e.n / windowS,
        engineLatenessMs: e,
        bareTimerLatenessMs: r,
        perWorker,
        api: { cpuCores: cpu[WORKERS]!, rssMb: mb(WORKERS) },
        redis: { cpuCores: cpu[WORKERS + 1]!, rssMb: mb(WORKERS + 1), usedMb: redis.usedMb },
        database: database_,
        leaseRenewalsPerSecond: renewalsPerSecond,
        failovers,
        failoverSendingS: { median: sending[Math.floor((sending.length - 1) / 2)], max: sending.at(-1) },
      }),
      `| ${WORKERS} × ${ACCOUNTS / WORKERS} accounts, ${WINDOW_S} s, ${e.n} sends | ${ms(e.p50)} / ${ms(e.p99)} / ${ms(e.p100)} | ${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.p100)} | ${Math.max(...perWorker.map((w) => w.cpuCores)).toFixed(2)} cores | ${sending.length ? `${sending[Math.floor((sending.length - 1) / 2)]!.toFixed(1)} s / ${sending.at(-1)!.toFixed(1)} s` : '–'} |`,
    );
  } finally {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await db?.end();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Leases a worker holds, from its /readyz. */
async function heldBy(url: string): Promise<number[]> {
  const body = (await (await fetch(`${url}/readyz`)).json()) as { leases?: number[] };
  return body.leases ?? [];
}

async function leaseRenewals(url: string): Promise<number> {
  return (await scrape(url)).get('chapar_lease_renewals_total') ?? 0;
}

/**
 * Seconds from the kill until every account of the dead worker was leased by another one,
 * and until each had a send attempted after the kill (polled every 250 ms, 120 s at most).
 */
async function failover(db: mysql.Connection, dead: string, accounts: number[], killedAt: number) {
  let movedS = Number.NaN;
  for (;;) {
    const elapsed = (Date.now() - killedAt) / 1000;
    const [owners] = (await db.query(
      'SELECT COUNT(*) AS n FROM whatsapp_accounts WHERE id IN (?) AND lease_owner IS NOT NULL AND lease_owner <> ?',
      [accounts, dead],
    )) as unknown as [Array<{ n: number }>];
    if (Number.isNaN(movedS) && Number(owners[0]!.n) === accounts.length) movedS = elapsed;
    const [sent] = (await db.query(
      `SELECT COUNT(DISTINCT c.whatsapp_account_id) AS n FROM recipients r JOIN campaigns c ON c.id = r.campaign_id
       WHERE c.whatsapp_account_id IN (?) AND r.attempted_at > ?`,
      [accounts, new Date(killedAt)],
    )) as unknown as [Array<{ n: number }>];
    if (Number(sent[0]!.n) === accounts.length && !Number.isNaN(movedS)) return { movedS, sendingS: elapsed };
    if (elapsed > 120) return { movedS, sendingS: Number.NaN };
    await sleep(250);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
