/**
 * Pacing accuracy at real time (issue 7, benchmark 2).
 *
 *   npx tsx scripts/bench/pacing.ts [--accounts 500] [--seconds 60]
 *
 * The real server as a child process, real time (no clock scaling), sandbox accounts with
 * their default behaviour (150 ms send latency, delivered after 1 s, read after 3 s). Each
 * account runs one FIVE_SECONDS campaign. Once every campaign has started, for `seconds`:
 *
 * - lateness of each send = when the worker started it − when pacing scheduled it (the
 *   previous send's start + the jittered gap). The engine logs both per send at debug level
 *   ("send started", lagMs), the same value its chapar_engine_lag_seconds histogram gets;
 *   the histogram's change over the window is read too, as a cross-check.
 * - the server's CPU: utime + stime from /proc/<pid>/stat over the window.
 *
 * Reference, in the same window on the same machine: bare timers in this process, one per
 * account, each sleeping the same jittered five seconds in a loop; their lateness is what
 * any Node timer suffers here right now. The server's own event-loop delay over the window
 * (prom-client's nodejs_eventloop_lag_*) is reported beside it.
 */
import { parseArgs } from 'node:util';
import {
  cpuSeconds,
  createCampaigns,
  memoryMb,
  ms,
  printResults,
  quantiles,
  results,
  runBenchmark,
  scrape,
  sleep,
  startCampaigns,
  usersWithAccounts,
} from './support';

const { values: args } = parseArgs({
  options: {
    accounts: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '60' },
    'per-user': { type: 'string', default: '10' },
  },
});
const ACCOUNTS = Number(args.accounts);
const WINDOW_S = Number(args.seconds);
const PER_USER = Number(args['per-user']);
const INTERVAL_MS = 5000;
const JITTER = 0.3; // the server's default PACING_JITTER

/** Bare timers: `count` loops each sleeping interval × (1 ± jitter); lateness of every wake-up. */
async function bareTimers(count: number, untilMs: number): Promise<number[]> {
  const lateness: number[] = [];
  await Promise.all(
    Array.from({ length: count }, async () => {
      // Spread the first wake-ups like the campaigns' starts.
      let due = Date.now() + Math.random() * INTERVAL_MS;
      while (due < untilMs) {
        await sleep(due - Date.now());
        lateness.push(Date.now() - due);
        due = Date.now() + INTERVAL_MS * (1 + JITTER * (2 * Math.random() - 1));
      }
    }),
  );
  return lateness;
}

/** Engine-lag histogram change between two scrapes: sends per upper bound ("le", seconds). */
function lagBuckets(before: Map<string, number>, after: Map<string, number>) {
  const out: Record<string, number> = {};
  for (const [key, value] of after) {
    const m = /^chapar_engine_lag_seconds_bucket\{le="([^"]+)"\}$/.exec(key);
    if (m) out[m[1]!] = value - (before.get(key) ?? 0);
  }
  return out;
}

/** Each "send started" the engine logged: when, and how late against its schedule. */
const lags: Array<{ at: number; lagMs: number }> = [];
const onLine = (line: string) => {
  if (!line.includes('"send started"')) {
    if (!line.includes('"level":20')) console.log(line);
    return;
  }
  const entry = JSON.parse(line) as { time: number; lagMs: number };
  lags.push({ at: entry.time, lagMs: entry.lagMs });
};

runBenchmark({ env: { SANDBOX_LINK_DELAY_MS: '0', LOG_LEVEL: 'debug' }, onLine }, async (server, host) => {
  console.log(`seeding ${ACCOUNTS} accounts, ${PER_USER} per user…`);
  const jobs = await usersWithAccounts(server.url, { accounts: ACCOUNTS, perUser: PER_USER });
  // Starting them all takes a while on a loaded machine; the first must not run dry before the end.
  const perCampaign = Math.ceil((WINDOW_S + 240) / 3.5);
  const campaignIds = await createCampaigns(jobs, 'Pacing', 'FIVE_SECONDS', perCampaign);
  console.log('starting the campaigns…');
  const t0 = Date.now();
  await startCampaigns(jobs, campaignIds);
  console.log(`all started in ${((Date.now() - t0) / 1000).toFixed(1)} s; settling 5 s`);
  await sleep(5000);

  const before = await scrape(server.url); // also resets the event-loop delay histogram
  const cpu0 = await cpuSeconds(server.pid);
  const windowStart = Date.now();
  const windowEnd = windowStart + WINDOW_S * 1000;
  console.log(`measuring for ${WINDOW_S} s…`);
  const reference = await bareTimers(ACCOUNTS, windowEnd);
  await sleep(Math.max(0, windowEnd - Date.now()));
  const windowS = (Date.now() - windowStart) / 1000;
  const cpu = (await cpuSeconds(server.pid)) - cpu0;
  const after = await scrape(server.url);
  const mem = await memoryMb(server.pid);

  const engine = lags
    .filter((l) => l.at >= windowStart && l.at < windowEnd)
    .map((l) => l.lagMs)
    .sort((a, b) => a - b);
  const bare = reference.sort((a, b) => a - b);
  const e = { n: engine.length, ...quantiles(engine) };
  const r = { n: bare.length, ...quantiles(bare) };
  const loopLag = (name: string) => (after.get(`nodejs_eventloop_lag_${name}_seconds`) ?? Number.NaN) * 1000;
  printResults(
    results(host, {
      accounts: ACCOUNTS,
      windowSeconds: windowS,
      sendsPerSecond: e.n / windowS,
      engineLatenessMs: e,
      bareTimerLatenessMs: r,
      ratioP99: e.p99 / Math.max(r.p99, 1),
      serverEventLoopDelayMs: { p50: loopLag('p50'), p99: loopLag('p99'), max: loopLag('max') },
      engineLagHistogram: lagBuckets(before, after),
      serverCpuCores: cpu / windowS,
      serverRssMb: mem,
    }),
    `| ${ACCOUNTS} accounts, ${WINDOW_S} s, ${e.n} sends | ${ms(e.p50)} / ${ms(e.p99)} / ${ms(e.p100)} | ${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.p100)} | ${(e.p99 / Math.max(r.p99, 1)).toFixed(1)}× | ${(cpu / windowS).toFixed(2)} cores |`,
  );
});
