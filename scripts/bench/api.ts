/**
 * API latency and throughput (issue 7, benchmark 3).
 *
 *   npx tsx scripts/bench/api.ts [--connections 50] [--seconds 10]
 *
 * The real server as a child process on a fresh database, one user with 100 campaigns of
 * 100 recipients each. autocannon (in this process) sends `connections` concurrent
 * keep-alive requests for `seconds` each to:
 *
 * - `/healthz` — the reference: the same server's cheapest route (no database, no auth);
 * - `campaigns.list` — `GET /trpc/campaigns.list` (first page, 20 campaigns), authenticated
 *   with `Authorization: Bearer <session token>` as the typed client sends it;
 * - `campaigns.get` — one campaign by id, authenticated the same way.
 *
 * A 5 s warm-up precedes each measured run. Every answer must be 200, or the run fails.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import {
  cpuSeconds,
  createCampaigns,
  databaseMeter,
  memoryMb,
  printResults,
  results,
  runBenchmark,
  sleep,
  usersWithAccounts,
} from './support';

const { values: args } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    /** Run only the routes whose name contains this (e.g. for profiling one of them). */
    only: { type: 'string', default: '' },
  },
});
const CONNECTIONS = Number(args.connections);
const SECONDS = Number(args.seconds);

interface Run {
  name: string;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  requests: number;
  serverCpuCores: number;
  databaseCpuCores: number | null;
  databasePerRequest: Record<string, number>;
}

async function cannon(name: string, url: string, headers: Record<string, string>, pid: number): Promise<Run> {
  const once = (duration: number) =>
    autocannon({
      url,
      connections: CONNECTIONS,
      duration,
      headers,
      pipelining: 1,
    }) as Promise<autocannon.Result>;
  await once(5); // warm-up: JIT, connection pools, query plans
  const meter = await databaseMeter();
  const cpu0 = await cpuSeconds(pid);
  const t0 = performance.now();
  const r = await once(SECONDS);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = ((await cpuSeconds(pid)) - cpu0) / elapsed;
  const database = await meter.end(elapsed, r.requests.total);
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0) {
    throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors, ${r.timeouts} timeouts`);
  }
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    requests: r.requests.total,
    serverCpuCores: cpu,
    databaseCpuCores: database.cpuCores,
    databasePerRequest: database.perMessage,
  };
}

runBenchmark({ env: { SANDBOX_LINK_DELAY_MS: '0' } }, async (server, host) => {
  const [account] = await usersWithAccounts(server.url, { accounts: 1, perUser: 1 });
  const ids = await createCampaigns(
    Array.from({ length: 100 }, () => account!),
    'API',
    'TEN_SECONDS',
    100,
  );
  const auth = { authorization: `Bearer ${account!.token}` };
  const input = (v: unknown) => encodeURIComponent(JSON.stringify(v));
  const listUrl = `${server.url}/trpc/campaigns.list?input=${input({})}`;
  const getUrl = `${server.url}/trpc/campaigns.get?input=${input({ id: ids[50] })}`;
  // The routes answer what the typed client expects before they are measured.
  const list = (await (await fetch(listUrl, { headers: auth })).json()) as {
    result: { data: { items: unknown[] } };
  };
  if (list.result.data.items.length !== 20) throw new Error('campaigns.list did not answer a page of 20');

  const runs: Run[] = [];
  for (const [name, url, headers] of [
    ['/healthz (reference)', `${server.url}/healthz`, {}],
    ['campaigns.list', listUrl, auth],
    ['campaigns.get', getUrl, auth],
  ] as const) {
    if (args.only && !name.includes(args.only)) continue;
    console.log(`${name}: ${CONNECTIONS} connections, ${SECONDS} s…`);
    runs.push(await cannon(name, url, headers, server.pid));
  }
  const ref = runs[0] ?? runs.find(() => true)!;
  const result = results(host, {
    connections: CONNECTIONS,
    seconds: SECONDS,
    runs: runs.map((r) => ({ ...r, rpsRatio: r.rps / ref.rps, p99Ratio: r.p99 / Math.max(ref.p99, 1) })),
    serverRssMb: await memoryMb(server.pid),
  });
  await sleep(1000); // answers still in flight when autocannon stopped
  printResults(
    result,
    ...runs.map(
      (r) =>
        `| ${r.name} | ${r.p50} ms | ${r.p99} ms | ${r.max} ms | ${r.rps.toFixed(0)} | ${(r.rps / ref.rps).toFixed(2)} | ${(r.p99 / Math.max(ref.p99, 1)).toFixed(1)}× | ${r.serverCpuCores.toFixed(2)} | ${r.databaseCpuCores?.toFixed(2)} | ${r.databasePerRequest.Questions} |`,
    ),
  );
});
