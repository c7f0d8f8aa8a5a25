/**
 * Live progress fan-out (issue 7, benchmark 4).
 *
 *   npx tsx scripts/bench/fanout.ts [--clients 1000] [--campaigns 100] [--seconds 60]
 *
 * The real server as a child process, real time, 100 sandbox accounts (10 users × 10)
 * each running one FIVE_SECONDS campaign (default sandbox: 150 ms send latency, delivered
 * after 1 s, read after 3 s, so every send is followed by two more progress events).
 * `clients` typed clients (`createChaparClient`, one WebSocket each, authenticated as the
 * campaign's owner) subscribe to `campaigns.onProgress`, `clients / campaigns` per campaign.
 *
 * Delay of one send to one client = when the client received the first event whose
 * sentCount covers that send − the time the sandbox wrote the send to its outbox ledger
 * (`at`, written just before `send` returns). Same machine, same clock. It includes what
 * the engine does after the send (store it, read the counters, publish), the server's
 * serialisation to every subscriber, and the client's parse.
 *
 * Reference, in the same run just before: one client per campaign (100 clients) for
 * `--reference-seconds`, measured the same way; the ratio shows the cost of fanning out.
 * Server RSS is sampled every second; this process's event-loop delay is reported to show
 * the clients themselves were not the bottleneck.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { type ChaparClient, createChaparClient } from '@chapar/client';
import { readLedger, sandboxLedgerPath } from '../../apps/server/src/whatsapp/sandbox-driver';
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
    clients: { type: 'string', default: '1000' },
    campaigns: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '60' },
    'reference-seconds': { type: 'string', default: '30' },
  },
});
const CLIENTS = Number(args.clients);
const CAMPAIGNS = Number(args.campaigns);
const WINDOW_S = Number(args.seconds);
const REFERENCE_S = Number(args['reference-seconds']);
const PER_USER = 10;

interface Campaign {
  id: number;
  accountId: number;
  token: string;
}

/** First receipt time of each sentCount value, per client. */
type Receipts = Array<Map<number, number>>;

function subscribe(url: string, campaigns: Campaign[], count: number, offset: number) {
  const receipts: Receipts = [];
  const unsubscribers: Array<() => void> = [];
  const clientCampaign: number[] = [];
  let ready = 0;
  for (let i = 0; i < count; i++) {
    const campaign = campaigns[(offset + i) % campaigns.length]!;
    const client: ChaparClient = createChaparClient({ url, token: campaign.token });
    const seen = new Map<number, number>();
    let last = -1;
    receipts.push(seen);
    clientCampaign.push(campaign.id);
    const sub = client.campaigns.onProgress.subscribe(
      { id: campaign.id, lastEventId: null },
      {
        onData(event) {
          const now = Date.now();
          const sent = event.data.sentCount;
          if (last < 0) {
            ready++; // the current state, sent on subscribing
            last = sent;
            return;
          }
          for (let k = last + 1; k <= sent; k++) seen.set(k, now);
          if (sent > last) last = sent;
        },
        onError(error) {
          console.error(`client ${i}: ${error.message}`);
        },
      },
    );
    unsubscribers.push(() => sub.unsubscribe());
  }
  return {
    receipts,
    clientCampaign,
    ready: () => ready,
    close: () => {
      for (const u of unsubscribers) u();
    },
  };
}

/** Delays (ms) of every send written to a ledger in [from, to) to every subscribed client. */
function delays(
  ledgers: Map<number, number[]>,
  group: ReturnType<typeof subscribe>,
  from: number,
  to: number,
): { values: number[]; missed: number } {
  const values: number[] = [];
  let missed = 0;
  group.receipts.forEach((seen, i) => {
    const sends = ledgers.get(group.clientCampaign[i]!) ?? [];
    sends.forEach((at, index) => {
      if (at < from || at >= to) return;
      const received = seen.get(index + 1);
      if (received === undefined) missed++;
      else values.push(received - at);
    });
  });
  return { values: values.sort((a, b) => a - b), missed };
}

runBenchmark({ env: { SANDBOX_LINK_DELAY_MS: '0' }, exitWhenDone: true }, async (server, host) => {
  console.log(`seeding ${CAMPAIGNS} accounts and campaigns…`);
  const accounts = await usersWithAccounts(server.url, { accounts: CAMPAIGNS, perUser: PER_USER });
  const perCampaign = Math.ceil((REFERENCE_S + WINDOW_S + 240) / 3.5);
  const ids = await createCampaigns(accounts, 'Fan-out', 'FIVE_SECONDS', perCampaign);
  const campaigns: Campaign[] = accounts.map((a, i) => ({
    id: ids[i]!,
    accountId: a.accountId,
    token: a.token,
  }));

  // Subscribed before the start, so every send is seen from its first one.
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const reference = subscribe(server.url, campaigns, campaigns.length, 0);
  while (reference.ready() < campaigns.length) await sleep(50);
  console.log('starting the campaigns…');
  await startCampaigns(accounts, ids);
  // All first sends fall together right after the starts; measure once they have spread.
  await sleep(15_000);
  const refFrom = Date.now();
  console.log(`reference: ${campaigns.length} clients, ${REFERENCE_S} s…`);
  await sleep(REFERENCE_S * 1000);
  const refTo = Date.now();
  const memReference = await memoryMb(server.pid);
  const metricsReference = await scrape(server.url);

  console.log(`connecting ${CLIENTS - campaigns.length} more clients…`);
  const rest = subscribe(server.url, campaigns, CLIENTS - campaigns.length, campaigns.length);
  const connectStart = Date.now();
  while (rest.ready() < CLIENTS - campaigns.length) {
    if (Date.now() - connectStart > 120_000) throw new Error(`only ${rest.ready()} clients subscribed`);
    await sleep(100);
  }
  console.log(`all subscribed in ${((Date.now() - connectStart) / 1000).toFixed(1)} s; settling 3 s`);
  await sleep(3000);
  loop.reset();
  loop.enable();
  await scrape(server.url); // resets the server's event-loop delay histogram
  const cpu0 = await cpuSeconds(server.pid);
  const from = Date.now();
  let peakRss = 0;
  console.log(`measuring ${CLIENTS} clients for ${WINDOW_S} s…`);
  while (Date.now() - from < WINDOW_S * 1000) {
    await sleep(1000);
    peakRss = Math.max(peakRss, (await memoryMb(server.pid)).rss);
  }
  const to = Date.now();
  const cpu = ((await cpuSeconds(server.pid)) - cpu0) / ((to - from) / 1000);
  loop.disable();
  const metricsEnd = await scrape(server.url);
  await sleep(2000); // events of the last sends still on their way
  const mem = await memoryMb(server.pid);
  reference.close();
  rest.close();

  const ledgers = new Map<number, number[]>();
  for (const c of campaigns) {
    const times: number[] = [];
    for await (const entry of readLedger(sandboxLedgerPath(server.dataDir, c.accountId))) {
      times.push(Date.parse(entry.at));
    }
    ledgers.set(c.id, times);
  }
  const ref = delays(ledgers, reference, refFrom, refTo);
  const all = [delays(ledgers, reference, from, to), delays(ledgers, rest, from, to)];
  const full = {
    values: all.flatMap((d) => d.values).sort((a, b) => a - b),
    missed: all[0]!.missed + all[1]!.missed,
  };
  const stats = (d: { values: number[]; missed: number }) => ({
    deliveries: d.values.length,
    missed: d.missed,
    ...quantiles(d.values),
  });
  const r = stats(ref);
  const f = stats(full);
  const sendsInWindow = [...ledgers.values()].flat().filter((at) => at >= from && at < to).length;
  printResults(
    results(host, {
      campaigns: CAMPAIGNS,
      clients: CLIENTS,
      windowSeconds: (to - from) / 1000,
      sendsInWindow,
      referenceDelayMs: r,
      fanOutDelayMs: f,
      ratioP99: f.p99 / Math.max(r.p99, 1),
      serverCpuCores: cpu,
      serverRssMb: {
        with100Clients: memReference.rss,
        peakSampled: peakRss,
        atEnd: mem.rss,
        vmHwm: mem.peak,
      },
      serverHeapUsedMb: {
        with100Clients: (metricsReference.get('nodejs_heap_size_used_bytes') ?? 0) / 1048576,
        with1000Clients: (metricsEnd.get('nodejs_heap_size_used_bytes') ?? 0) / 1048576,
      },
      serverEventLoopDelayMs: {
        p99: (metricsEnd.get('nodejs_eventloop_lag_p99_seconds') ?? Number.NaN) * 1000,
        max: (metricsEnd.get('nodejs_eventloop_lag_max_seconds') ?? Number.NaN) * 1000,
      },
      clientProcessEventLoopDelayMs: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    }),
    `| ${CLIENTS} clients × ${CAMPAIGNS} campaigns, ${WINDOW_S} s, ${f.deliveries} deliveries | ${ms(f.p50)} / ${ms(f.p99)} / ${ms(f.p100)} | ${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.p100)} | ${(f.p99 / Math.max(r.p99, 1)).toFixed(1)}× | ${peakRss.toFixed(0)} MB | ${cpu.toFixed(2)} cores |`,
  );
});
